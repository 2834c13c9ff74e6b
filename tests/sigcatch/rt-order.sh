#!/bin/bash
# Real-time signals queue: 2000 sigqueue()d SIGRTMIN carrying 0..1999 give
# 2000 lines, in the order sent, none lost, each with the sender's pid.
. "$abs_top_srcdir/tests/init.sh"
fail=0

burst=$abs_top_builddir/tests/helpers/sigqueue-burst
test -x "$burst" || framework_failure_ "$burst is not built (make check builds it)"
n=2000
# The real-time queue is bounded by RLIMIT_SIGPENDING; the helper waits out
# a full queue, but a limit below n would then only test the waiting.
pending_limit=$(ulimit -i)
test "$pending_limit" = unlimited || test "$pending_limit" -gt "$n" \
  || skip_ "ulimit -i ($pending_limit) is below $n"

uid=$(id -u)
timeout_ sigcatch --pid-file=pf --count=$n --format='%n %v %p %u %c' RTMIN \
  >out 2>err &
job=$!
cleanup_() { test -s pf && kill -KILL "$(cat pf)" 2>/dev/null; }
wait_for_file_ pf || fail_ "sigcatch did not start"
pid=$(cat pf)

"$burst" "$pid" RTMIN $n & sender=$!
returns_ 0 wait "$sender" || fail=1
returns_ 0 wait "$job" || fail=1

seq 0 $((n - 1)) | sed "s/.*/RTMIN & $sender $uid queue/" > exp || framework_failure_
compare exp out || fail=1
compare /dev/null err || fail=1

Exit $fail
