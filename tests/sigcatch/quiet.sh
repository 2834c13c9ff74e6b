#!/bin/bash
# --quiet: nothing is printed, the signals are still counted; so a closed
# stdout is no error.
. "$abs_top_srcdir/tests/init.sh"
fail=0

burst=$abs_top_builddir/tests/helpers/sigqueue-burst
test -x "$burst" || framework_failure_ "$burst is not built (make check builds it)"
# start_ ARG...: sigcatch with a pid file in the background, pid in $pid.
start_() {
  rm -f pf
  timeout_ sigcatch --pid-file=pf "$@" &
  job=$!
  wait_for_file_ pf || fail_ "sigcatch $* did not start"
  pid=$(cat pf)
}
cleanup_() { test -n "${pid-}" && kill -KILL "$pid" 2>/dev/null; }

# Three queued signals reach --count 3: status 0, silence.
start_ -q -N 3 RTMIN >out 2>err
"$burst" "$pid" RTMIN 3 || fail=1
returns_ 0 wait "$job" || fail=1
compare /dev/null out || fail=1
compare /dev/null err || fail=1

# Two do not: it is still counting when the timeout expires.
start_ --quiet --count=3 --timeout=0.5 RTMIN >out 2>err
"$burst" "$pid" RTMIN 2 || fail=1
returns_ 3 wait "$job" || fail=1
compare /dev/null out || fail=1
compare /dev/null err || fail=1

# Without --count, only the timeout ends it.
returns_ 3 timeout_ sigcatch -q -w 0.1 USR1 >out 2>err || fail=1
compare /dev/null out || fail=1
compare /dev/null err || fail=1

# Closed stdout: nothing to write, so nothing fails.
start_ -q -N 1 USR1 >&- 2>err
kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
compare /dev/null err || fail=1

Exit $fail
