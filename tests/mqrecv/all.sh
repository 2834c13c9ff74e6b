#!/bin/bash
# mqrecv --all: every message on the queue at the start, then exit 0
# without waiting; an empty queue is success with no output.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
elapsed_ms_ timeout_ mqrecv -k $k --all >out 2>err
test $status_ = 0 || { warn_ "empty --all: status $status_"; fail=1; }
test $ms_ -lt 2000 || { warn_ "empty --all took $ms_ ms"; fail=1; }
compare /dev/null out || fail=1
compare /dev/null err || fail=1

seq 50 | mqsend -k $k || fail=1
timeout_ mqrecv -k $k -a >out 2>err || fail=1
seq 50 > exp
compare exp out || fail=1
compare /dev/null err || fail=1
test "$(qnum_ $k)" = 0 || fail=1
# --nonblock is redundant with --all, not an error.
mqsend -k $k x || fail=1
timeout_ mqrecv -k $k --all --nonblock >out || fail=1
compare_text out x || fail=1

# Only what was there at the start: a sender that refills the queue as
# fast as it drains cannot keep --all running.  The queue (16 KiB) is full
# with 16 messages of 1000 bytes and the sender waits for room.
line=$(head -c 1000 /dev/zero | tr '\0' m)
yes "$line" | mqsend -k $k 2>/dev/null & feeder=$!
for i in $(seq 1000); do test "$(qnum_ $k)" = 16 && break; sleep 0.01; done
wait_blocked_ $feeder || fail=1
TEST_TIMEOUT=5 timeout_ mqrecv -k $k --all >out || { warn_ "--all did not end"; fail=1; }
test "$(wc -l < out)" = 16 || { warn_ "--all took $(wc -l < out) messages"; fail=1; }
kill $feeder 2>/dev/null; wait $feeder 2>/dev/null
ipcrm -Q $k

if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n </dev/null || fail=1
  timeout_ mqrecv -n $n --all >out || fail=1
  compare /dev/null out || fail=1
  seq 5 | mqsend -n $n || fail=1
  timeout_ mqrecv -n $n --all --remove >out || fail=1
  seq 5 > exp
  compare exp out || fail=1
  test ! -e "$mqueue_dir$n" || fail=1
fi

Exit $fail
