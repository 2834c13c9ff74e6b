#!/bin/bash
# A parent's leftovers: a signal asked for that arrives blocked and ignored
# (trap '' USR1 plus sigprocmask, then exec) is still caught; the state of
# signals not asked for is kept as inherited, so SIGINT still kills it and
# an inherited SIG_IGN for HUP still ignores HUP (as nohup expects).
. "$abs_top_srcdir/tests/init.sh"
fail=0

mask_exec=$abs_top_builddir/tests/helpers/sigmask-exec
test -x "$mask_exec" || framework_failure_ "$mask_exec is not built (make check builds it)"
uid=$(id -u)
num_() { kill -l "$1"; }   # bash's builtin: a name to its number
start_() {
  rm -f pf out err
  timeout_ "$mask_exec" "$@" >out 2>err &
  job=$!
  wait_for_file_ pf || fail_ "sigcatch ($*) did not start"
  pid=$(cat pf)
}
cleanup_() { test -n "${pid-}" && kill -KILL "$pid" 2>/dev/null; }
# has_bit_ FIELD SIGNAL: SIGNAL is in the FIELD mask of /proc/$pid/status.
has_bit_() {
  local mask
  mask=$(sed -n "s/^$1:[[:space:]]*//p" "/proc/$pid/status") || return 1
  (( (16#$mask >> ($(num_ "$2") - 1)) & 1 ))
}

# RELIABILITY 49.  -d INT undoes the SIG_IGN bash gives background jobs.
start_ -b "$(num_ USR1)" -i "$(num_ USR1)" -d "$(num_ INT)" \
  sigcatch --pid-file=pf USR1
has_bit_ SigBlk USR1 || { warn_ "USR1 not blocked"; fail=1; }
has_bit_ SigIgn USR1 && { warn_ "USR1 still ignored"; fail=1; }
kill -USR1 "$pid"
wait_for_file_ out || fail=1
compare_text out "SIGUSR1 (10) from pid $$, uid $uid" || fail=1
kill -INT "$pid"
returns_ $((128 + $(num_ INT))) wait "$job" || fail=1
compare_text out "SIGUSR1 (10) from pid $$, uid $uid" || fail=1

# A signal whose default is to be ignored, inherited as SIG_IGN: caught.
start_ -i "$(num_ WINCH)" sigcatch --pid-file=pf --count=1 WINCH
kill -WINCH "$pid"
returns_ 0 wait "$job" || fail=1
compare_text out "SIGWINCH (28) from pid $$, uid $uid" || fail=1
compare /dev/null err || fail=1

# Signals not asked for keep their inherited state: an ignored HUP stays
# ignored, a blocked USR2 stays blocked (and pending), and neither is
# reported or ends it.
start_ -i "$(num_ HUP)" -b "$(num_ USR2)" sigcatch --pid-file=pf --count=1 USR1
has_bit_ SigIgn HUP || { warn_ "the inherited SIG_IGN of HUP was reset"; fail=1; }
has_bit_ SigBlk USR2 || { warn_ "the inherited block of USR2 was undone"; fail=1; }
kill -HUP "$pid"; kill -USR2 "$pid"
kill -0 "$pid" || { warn_ "sigcatch died of HUP or USR2"; fail=1; }
kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
compare_text out "SIGUSR1 (10) from pid $$, uid $uid" || fail=1
compare /dev/null err || fail=1

Exit $fail
