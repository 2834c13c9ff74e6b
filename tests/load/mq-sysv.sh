#!/bin/bash
# Load: 16 mqsend x 50 000 messages into one System V queue, taken by 4
# mqrecv at once: the multiset received equals the multiset sent (none
# lost, none twice), each receiver sees each sender's messages in order,
# and the queue is empty at the end.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
. "$abs_top_srcdir/tests/load/lib.sh"
cleanup_() { load_kill_jobs_; mq_unmount_; }
fail=0

key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
mq_load_ -k $k
test "$(qnum_ $k)" = 0 || { warn_ "$(qnum_ $k) messages left on the queue"; fail=1; }

load_time_ "$mq_senders x $mq_per_sender messages, $mq_receivers receivers"
Exit $fail
