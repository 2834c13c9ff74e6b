#!/bin/bash
# Standard signals coalesce and real-time signals queue: five SIGUSR1 and
# five SIGRTMIN sent while sigcatch is stopped arrive as one USR1 and five
# RTMIN, the lower-numbered signal first (as the man page says).
. "$abs_top_srcdir/tests/init.sh"
fail=0

burst=$abs_top_builddir/tests/helpers/sigqueue-burst
test -x "$burst" || framework_failure_ "$burst is not built (make check builds it)"

timeout_ sigcatch --pid-file=pf --count=6 --format='%n %v' USR1 RTMIN >out 2>err &
job=$!
cleanup_() { test -s pf && kill -KILL "$(cat pf)" 2>/dev/null; }
wait_for_file_ pf || fail_ "sigcatch did not start"
pid=$(cat pf)

# Stopped for sure before anything is sent, so nothing is read in between.
kill -STOP "$pid"
stopped_() {
  local state
  read -r _ _ state _ < "/proc/$pid/stat" && test "$state" = T
}
retry_delay_ stopped_ 0.01 10 || fail_ "sigcatch did not stop"
for i in 1 2 3 4 5; do kill -USR1 "$pid"; done
"$burst" "$pid" RTMIN 5 || fail=1
kill -CONT "$pid"

returns_ 0 wait "$job" || fail=1
compare_text out "USR1 0" "RTMIN 0" "RTMIN 1" "RTMIN 2" "RTMIN 3" "RTMIN 4" || fail=1
compare /dev/null err || fail=1

Exit $fail
