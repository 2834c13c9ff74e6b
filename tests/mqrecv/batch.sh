#!/bin/bash
# Batching: messages waiting are written together, with far fewer writes
# than messages; a message sent to an idle queue is written at once, not
# held for a batch; --unbuffered writes each message by itself.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_prog_ strace
fail=0

key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"

# 1000 waiting messages: every one printed, in order, in a few writes
# (at most 256 messages a batch).
seq 1000 | mqsend -k $k || framework_failure_ "fill"
syscalls_ trace write mqrecv -k $k -N 1000 >out 2>err
test $status_ = 0 || { warn_ "batched: status $status_"; fail=1; }
seq 1000 | compare - out || fail=1
n=$(ncalls_ trace write)
test $n -le 8 || { warn_ "$n writes for 1000 messages"; fail=1; }

# --unbuffered: one write per message.
seq 20 | mqsend -k $k || framework_failure_ "fill"
syscalls_ trace write mqrecv -k $k -u -N 20 >out 2>err
seq 20 | compare - out || fail=1
n=$(ncalls_ trace write)
test $n = 20 || { warn_ "--unbuffered: $n writes for 20 messages"; fail=1; }

# An idle queue: the first message appears while mqrecv waits for the
# second.
timeout_ mqrecv -k $k -N 2 >out 2>err & receiver=$!
wait_blocked_ $receiver || fail=1
mqsend -k $k first || fail=1
for ((i = 0; i < 1000; i++)); do test -s out && break; sleep 0.01; done
compare_text out first || { warn_ "the first message was held back"; fail=1; }
kill -0 $receiver 2>/dev/null || { warn_ "the receiver stopped early"; fail=1; }
mqsend -k $k second || fail=1
wait $receiver || fail=1
compare_text out first second || fail=1

Exit $fail
