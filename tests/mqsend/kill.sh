#!/bin/bash
# kill -9 of a streaming mqsend (RELIABILITY F1): every message on the
# queue is a whole line, and the queue holds exactly lines 1..k of the
# input for some k -- a prefix, with no gaps and no duplicates.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
mkfifo fifo || framework_failure_ "mkfifo"
seq 100000 > fifo & writer=$!
mqsend -k $k < fifo & sender=$!
# Killed while it waits for room in the full queue, mid-input.
wait_blocked_ $sender || fail=1
kill -KILL $sender
wait $sender 2>/dev/null
kill $writer 2>/dev/null; wait $writer 2>/dev/null
n=$(qnum_ $k)
test "$n" -gt 0 || { warn_ "nothing was sent"; fail=1; }
timeout_ mqrecv -k $k --all > got || fail=1
seq $n > exp
compare exp got || fail=1

Exit $fail
