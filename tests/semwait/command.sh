#!/bin/bash
# semwait -- COMMAND holds the units while COMMAND runs and exits with its
# status: 126/127 when it cannot run, 128+n when a signal killed it, 125
# when semwait itself failed; the units are back afterwards in every case
# (RELIABILITY 31).  System V runs COMMAND in place (same pid, no extra
# process) with the signal mask and dispositions semwait inherited; POSIX
# forks, forwards TERM/INT/HUP/QUIT and posts back.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/semsig/sem-lib.sh"
fail=0

sigmask_exec=$abs_top_builddir/tests/helpers/sigmask-exec
test -x "$sigmask_exec" || skip_ "build tests/helpers/sigmask-exec first"
key_ k
hex=$(printf '0x%08x' $((k)))

# A lock by default: --create with COMMAND starts at 1.
semwait -w 20 -c -k $k -- sh -c "semsig -k $k --show; exit 7" >out 2>err
test $? = 7 || { warn_ "COMMAND's status lost"; fail=1; }
compare_text out 0 || fail=1
compare /dev/null err || fail=1
test "$(semval_ $k)" = 1 || fail=1
# Arguments pass untouched, with or without "--".  (Every semwait here
# has -w 20: a unit never given back must fail the test, not hang it.)
semwait -w 20 -k $k printf '%s|' a 'b c' -k >out || fail=1
printf 'a|b c|-k|' | compare - out || fail=1

for sel in "-k $k" "-n /s"; do
  case $sel in
    -n*) test "$IPCUTILS_TEST_NS" = 1 || continue
         semsig -c -n /s || fail=1 ;;
  esac
  value_() { semsig $sel --show; }
  returns_ 127 semwait $sel -w 20 -- /nonexistent 2>err || fail=1
  compare_text err "semwait: cannot run '/nonexistent': No such file or directory" || fail=1
  returns_ 127 semwait $sel -w 20 -- no-such-command-here 2>err || fail=1
  compare_text err "semwait: cannot run 'no-such-command-here': No such file or directory" || fail=1
  returns_ 126 semwait $sel -w 20 -- /etc 2>err || fail=1
  compare_text err "semwait: cannot run '/etc': Permission denied" || fail=1
  returns_ 1 semwait $sel -w 20 -- false || fail=1
  returns_ 143 semwait $sel -w 20 -- sh -c 'kill -TERM $$' || fail=1
  test "$(value_)" = 1 || { warn_ "[$sel] value $(value_) after the failures"; fail=1; }
  # Two units held, then given back.
  semsig $sel || fail=1
  semwait $sel -w 20 -N 2 -- semsig $sel --show >out || fail=1
  compare_text out 0 || fail=1
  test "$(value_)" = 2 || fail=1
  semwait $sel -w 20 || fail=1

  # The inherited signal state reaches COMMAND: USR1 blocked, USR2 and
  # INT ignored.
  # grep reads its own status: a shell in between would show the mask it
  # sets itself while it forks and waits.
  "$sigmask_exec" -b 10 -i 12 -i 2 grep -E "^Sig(Blk|Ign)" /proc/self/status >expected
  "$sigmask_exec" -b 10 -i 12 -i 2 semwait $sel -w 20 -- \
    grep -E "^Sig(Blk|Ign)" /proc/self/status >out || fail=1
  compare expected out || { warn_ "[$sel] signal state differs"; fail=1; }

  # Standard descriptors closed for semwait are closed for COMMAND too.
  sh -c 'for fd in 0 1 2; do test -e /proc/$$/fd/$fd && echo $fd open; done' \
    <&- 2>&- >expected
  semwait $sel -w 20 -- sh -c \
    'for fd in 0 1 2; do test -e /proc/$$/fd/$fd && echo $fd open; done' <&- 2>&- >out
  compare_text expected '1 open' || fail=1
  compare expected out || { warn_ "[$sel] closed descriptors differ"; fail=1; }

  # Not taken in time: 3, and COMMAND never runs.
  returns_ 3 semwait $sel -w 0.1 -N 2 -- touch ran 2>/dev/null || fail=1
  test ! -e ran || fail=1
done

# System V: COMMAND is semwait's own process.
semwait -w 20 -k $k -- sh -c 'echo $$' >out & pid=$!
wait $pid || fail=1
compare_text out $pid || fail=1

returns_ 125 semwait -k 0x7fff0001 -- touch ran 2>err || fail=1
compare_text err "semwait: semaphore set key 0x7fff0001 does not exist" || fail=1
test ! -e ran || fail=1

# POSIX: semwait forwards the termination signals and posts back.
if test "$IPCUTILS_TEST_NS" = 1; then
  for sig in TERM INT HUP QUIT; do
    # bash starts background jobs with INT and QUIT ignored: -d undoes it.
    "$sigmask_exec" -d 2 -d 3 semwait -n /s -w 20 -- sleep 100 & waiter=$!
    for ((i = 0; i < 1000; i++)); do
      child=$(pgrep -P $waiter sleep) && break
      sleep 0.01
    done
    test -n "$child" || { warn_ "no child"; fail=1; }
    test "$(semsig -n /s --show)" = 0 || fail=1
    kill -$sig $waiter
    wait_bounded_ $waiter; st=$?
    test $st = $((128 + $(kill -l $sig))) || { warn_ "$sig: status $st"; fail=1; }
    test "$(semsig -n /s --show)" = 1 || { warn_ "$sig: not posted back"; fail=1; }
  done
fi

Exit $fail
