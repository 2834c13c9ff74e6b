#!/bin/bash
# --timeout: status 3 once the deadline passes without the count reached,
# on time, whatever else arrives meanwhile; --timeout 0 and --nonblock
# report only what is already pending.
. "$abs_top_srcdir/tests/init.sh"
fail=0

burst=$abs_top_builddir/tests/helpers/sigqueue-burst
mask_exec=$abs_top_builddir/tests/helpers/sigmask-exec
test -x "$burst" && test -x "$mask_exec" \
  || framework_failure_ "test helpers are not built (make check builds them)"
uid=$(id -u)
usr1=$(kill -l USR1)

# elapsed_between_ START MIN MAX: seconds since START (an $EPOCHREALTIME)
# are within [MIN, MAX].
elapsed_between_() {
  local now=$EPOCHREALTIME
  awk -v s="$1" -v e="$now" -v lo="$2" -v hi="$3" 'BEGIN {
    d = e - s
    if (d < lo || d > hi) { printf "elapsed %.3f s, not in [%s, %s]\n", d, lo, hi > "/dev/stderr"; exit 1 }
  }'
}

# RELIABILITY 48: nothing arrives: 3 at 0.2 s, nothing printed.  Upper
# bounds are generous (a loaded machine, a sanitizer build: 10 s more):
# they catch a timeout that is not kept, not one that is late.  A deadline
# that moves is caught below by disturbances that go on until sigcatch
# exits, so such a wait never ends.
start=$EPOCHREALTIME
returns_ 3 timeout_ sigcatch --timeout 0.2 USR1 >out 2>err || fail=1
elapsed_between_ "$start" 0.2 10.2 || fail=1
compare /dev/null out || fail=1
compare /dev/null err || fail=1

# A unit, and the short option.
start=$EPOCHREALTIME
returns_ 3 timeout_ sigcatch -w 150ms USR1 >out 2>err || fail=1
elapsed_between_ "$start" 0.15 10.15 || fail=1
compare /dev/null out || fail=1

# Zero: do not wait at all.
for opt in --timeout=0 -w0 --nonblock; do
  start=$EPOCHREALTIME
  returns_ 3 timeout_ sigcatch $opt USR1 >out 2>err || fail=1
  elapsed_between_ "$start" 0 10 || fail=1
  compare /dev/null out || fail=1
  compare /dev/null err || fail=1
done

# Zero with a signal already pending (sent to itself, blocked, before the
# exec): it is reported; then 3 without --count, 0 once the count is met.
returns_ 3 timeout_ "$mask_exec" -b $usr1 -k $usr1 sigcatch --timeout 0 USR1 \
  >out 2>err || fail=1
test "$(wc -l < out)" = 1 || fail=1
grep -Eq "^SIGUSR1 \($usr1\) from pid [0-9]+, uid $uid\$" out || fail=1
returns_ 0 timeout_ "$mask_exec" -b $usr1 -k $usr1 sigcatch --nonblock -N 1 \
  -F '%n %c' USR1 >out 2>err || fail=1
compare_text out "USR1 user" || fail=1
compare /dev/null err || fail=1

# The count half reached: what arrived is reported, then 3.
rm -f pf
timeout_ sigcatch -p pf --count 2 --timeout 2 -F %n USR1 >out 2>err &
job=$!
cleanup_() { test -s pf && kill -KILL "$(cat pf)" 2>/dev/null; }
wait_for_file_ pf || fail_ "sigcatch did not start"
kill -USR1 "$(cat pf)"
returns_ 3 wait "$job" || fail=1
compare_text out USR1 || fail=1
compare /dev/null err || fail=1

# F18: a storm of signals it was not asked for (10000 SIGWINCH, 10000
# SIGCONT, and SIGSTOP/SIGCONT pairs all along, each of which ends the wait
# with EINTR) neither ends the wait early nor stretches it, and none is
# reported.  The stops go on until sigcatch exits, so a wait restarted
# with the whole timeout would never end (timeout_ kills it: status 124).
rm -f pf
start=$EPOCHREALTIME
timeout_ sigcatch -p pf --timeout 0.5 USR1 >out 2>err &
job=$!
wait_for_file_ pf || fail_ "sigcatch did not start"
pid=$(cat pf)
# In the background, so the time measured is sigcatch's own, however long
# the senders take on a busy machine (they stop when it is gone).
(
  "$burst" "$pid" "$(kill -l WINCH)" 10000 kill
  "$burst" "$pid" "$(kill -l CONT)" 10000 kill
) >/dev/null 2>&1 &
bursts=$!
(
  while test "$(cat "/proc/$pid/comm" 2>/dev/null)" = sigcatch; do
    kill -STOP "$pid" && kill -CONT "$pid" || exit 0
    sleep 0.02
  done
) 2>/dev/null &
stopper=$!
returns_ 3 wait "$job" || fail=1
elapsed_between_ "$start" 0.5 10.5 || fail=1
wait "$stopper" "$bursts"
compare /dev/null out || fail=1
compare /dev/null err || fail=1

# Signals it was asked for, arriving all along (until it exits), do not
# move the deadline.
rm -f pf
start=$EPOCHREALTIME
timeout_ sigcatch -p pf --timeout 0.4 -F %n USR1 >out 2>err &
job=$!
wait_for_file_ pf || fail_ "sigcatch did not start"
pid=$(cat pf)
( while kill -USR1 "$pid" 2>/dev/null; do sleep 0.05; done ) &
sender=$!
returns_ 3 wait "$job" || fail=1
elapsed_between_ "$start" 0.4 10.4 || fail=1
wait "$sender"
test -s out || fail=1
test "$(sort -u out)" = USR1 || fail=1

Exit $fail
