#!/bin/bash
# Load: 16 mqsend x 50 000 messages into one POSIX queue of 10 messages,
# taken by 4 mqrecv at once (the senders wait for room all the time): the
# multiset received equals the multiset sent, each receiver sees each
# sender's messages in order, and the queue is empty at the end.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
. "$abs_top_srcdir/tests/load/lib.sh"
cleanup_() { load_kill_jobs_; mq_unmount_; }
require_mqueue_dir_
fail=0

name_ n
mqsend -c -n $n --max-messages 10 </dev/null || framework_failure_ "mqsend -c -n"
mq_load_ -n $n
test "$(posix_qsize_ $n)" = 0 || { warn_ "QSIZE $(posix_qsize_ $n) left on the queue"; fail=1; }

load_time_ "$mq_senders x $mq_per_sender messages, $mq_receivers receivers"
Exit $fail
