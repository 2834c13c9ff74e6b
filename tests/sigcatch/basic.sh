#!/bin/bash
# Signals sent with kill from this shell are reported one line each, with
# our pid and uid; --count ends it with status 0 and removes the pid file;
# a signal not asked for keeps its default action.
. "$abs_top_srcdir/tests/init.sh"
fail=0

uid=$(id -u)
# start_ ARG...: sigcatch --pid-file=pf ARG... in the background, writing
# out and err; returns once it is ready, with its pid in $pid.
start_() {
  rm -f pf out err
  timeout_ sigcatch --pid-file=pf "$@" >out 2>err &
  job=$!
  wait_for_file_ pf || fail_ "sigcatch $* did not start"
  pid=$(cat pf)
}
cleanup_() { test -n "${pid-}" && kill -KILL "$pid" 2>/dev/null; }

# With no SIGNAL: HUP INT QUIT USR1 USR2 TERM, reported in that order
# (sent in numeric order, so the kernel's lowest-first delivery agrees).
start_ --count 6
for sig in HUP INT QUIT USR1 USR2 TERM; do kill -s "$sig" "$pid"; done
returns_ 0 wait "$job" || fail=1
compare_text out \
  "SIGHUP (1) from pid $$, uid $uid" \
  "SIGINT (2) from pid $$, uid $uid" \
  "SIGQUIT (3) from pid $$, uid $uid" \
  "SIGUSR1 (10) from pid $$, uid $uid" \
  "SIGUSR2 (12) from pid $$, uid $uid" \
  "SIGTERM (15) from pid $$, uid $uid" || fail=1
compare /dev/null err || fail=1
test -e pf && { warn_ "pid file not removed at exit"; fail=1; }

# Names with or without SIG in any case, numbers, options after operands.
start_ sigusr1 Usr2 28 --count=3
kill -USR1 "$pid"; kill -USR2 "$pid"; kill -WINCH "$pid"
returns_ 0 wait "$job" || fail=1
compare_text out \
  "SIGUSR1 (10) from pid $$, uid $uid" \
  "SIGUSR2 (12) from pid $$, uid $uid" \
  "SIGWINCH (28) from pid $$, uid $uid" || fail=1
compare /dev/null err || fail=1

# Each report is flushed as it arrives, and --count 2 does not stop at 1.
start_ -N 2 USR1
kill -USR1 "$pid"
wait_for_file_ out || fail=1
compare_text out "SIGUSR1 (10) from pid $$, uid $uid" || fail=1
kill -0 "$pid" || { warn_ "sigcatch -N 2 exited after one signal"; fail=1; }
kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
test "$(wc -l < out)" = 2 || fail=1

# A signal it was not asked for keeps its default action (here: death),
# but the pid file goes first (more in pidfile-death.sh).
start_ USR1
kill -USR1 "$pid"
wait_for_file_ out || fail=1
kill -USR2 "$pid"
returns_ $((128 + $(kill -l USR2))) wait "$job" || fail=1
compare_text out "SIGUSR1 (10) from pid $$, uid $uid" || fail=1
# (err holds the shell's "User defined signal 2" report of the death.)
test -e pf && { warn_ "pid file left by a death by signal"; fail=1; }

Exit $fail
