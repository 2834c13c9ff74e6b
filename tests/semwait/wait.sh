#!/bin/bash
# semwait takes units: at once when they are there, after waiting when
# semsig adds them, N at a time (System V: atomically; POSIX: one at a time,
# given back at the deadline), --zero, --show, --remove; --nonblock and
# --timeout on both kinds, without polling (counted with strace), with a
# storm of signals that neither ends nor stretches the wait, and a
# SIGSTOP past the deadline (RELIABILITY 28, 29, F18, F19).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/semsig/sem-lib.sh"
fail=0

key_ k
hex=$(printf '0x%08x' $((k)))
prefix="semwait: cannot take 1 unit of semaphore set key $hex"

# Created with value 0: an event nobody signalled yet.
for opt in --nonblock '--timeout 0' '-w 0'; do
  elapsed_ms_ timeout_ semwait -c -k $k $opt >out 2>err
  test $status_ = 3 || { warn_ "$opt: status $status_"; fail=1; }
  test $ms_ -lt 1000 || { warn_ "$opt took $ms_ ms"; fail=1; }
  compare /dev/null out || fail=1
  compare_text err "$prefix: not available without waiting" || fail=1
done
test "$(semval_ $k)" = 0 || fail=1

# Signalled while waiting.
timeout_ semwait -k $k >out 2>err & waiter=$!
wait_sem_blocked_ $waiter || fail=1
semsig -k $k || fail=1
wait $waiter || { warn_ "waiter: status $?"; fail=1; }
compare /dev/null err || fail=1
test "$(semval_ $k)" = 0 || fail=1

# N units: System V takes all or nothing.
semsig -k $k -N 2 || fail=1
returns_ 3 semwait -k $k -N 3 --nonblock 2>err || fail=1
compare_text err "semwait: cannot take 3 units of semaphore set key $hex: not available without waiting" || fail=1
test "$(semval_ $k)" = 2 || fail=1
timeout_ semwait -k $k -N 3 & waiter=$!
wait_sem_blocked_ $waiter || fail=1
semsig -k $k || fail=1
wait $waiter || fail=1
test "$(semval_ $k)" = 0 || fail=1

# --zero waits until the value is zero.
semsig -k $k -N 2 || fail=1
returns_ 3 semwait -k $k -z --nonblock 2>err || fail=1
compare_text err "semwait: cannot wait for semaphore set key $hex to be zero: not available without waiting" || fail=1
timeout_ semwait -k $k --zero & waiter=$!
wait_sem_blocked_ $waiter || fail=1
timeout_ semwait -k $k -N 2 || fail=1
wait $waiter || { warn_ "--zero: status $?"; fail=1; }
semwait -k $k -z --nonblock || fail=1

# --show changes nothing; --remove after taking.
semsig -k $k || fail=1
semwait -k $k --show >out || fail=1
compare_text out 1 || fail=1
timeout_ semwait -k $k --remove || fail=1
test -z "$(semid_ $k)" || { warn_ "--remove left the set"; fail=1; }
returns_ 1 semwait -k $k 2>err || fail=1
compare_text err "semwait: semaphore set key $hex does not exist" || fail=1

# --timeout: status 3 after the time, blocked in semtimedop, not polling:
# a handful of semtimedop calls, whatever the machine's speed.
semsig -c -k $k --show >/dev/null || fail=1
TIMEFORMAT='%R'
{ time timeout_ semwait -k $k --timeout=0.3 >out 2>err; } 2>times
st=$?
test $st = 3 || { warn_ "--timeout 0.3: status $st"; fail=1; }
compare_text err "$prefix: timed out" || fail=1
awk -v r=$(cat times) 'BEGIN { exit !(r >= 0.3 && r <= 5) }' \
  || { warn_ "--timeout 0.3 took $(cat times) s"; fail=1; }
if command -v strace >/dev/null; then
  # LeakSanitizer cannot run under ptrace: in a sanitizer build it would
  # turn every traced exit into status 1.
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0; export ASAN_OPTIONS
  strace -f -c -o trace -e trace=semtimedop,semop,clock_nanosleep,nanosleep \
    semwait -k $k -w 0.5 2>/dev/null
  calls=$(awk '$NF == "semtimedop" { print $4 }' trace)
  sleeps=$(awk '$NF ~ /nanosleep/ { print $4 }' trace)
  test "${calls:-0}" -ge 1 && test "${calls:-0}" -le 3 && test -z "$sleeps" \
    || { warn_ "semtimedop calls: $calls, sleeps: $sleeps"; cat trace >&2; fail=1; }
  # EINTR (as after SIGSTOP/SIGCONT) is retried with the time left.
  { time strace -f -o /dev/null -e inject=semtimedop:error=EINTR:when=1..3 \
      semwait -k $k -w 0.3 2>err; } 2>times
  test $? = 3 || { warn_ "EINTR injected: wrong status"; fail=1; }
  compare_text err "$prefix: timed out" || fail=1
  awk -v r=$(cat times) 'BEGIN { exit !(r >= 0.3 && r <= 5) }' \
    || { warn_ "EINTR injected: took $(cat times) s"; fail=1; }
fi

# Signals that do not kill, during a 1 s wait: still 3, after 1 s, not
# before and not much later.
start=$(date +%s%N)
semwait -k $k -w 1 >out 2>err & waiter=$!
wait_sem_blocked_ $waiter || fail=1
for i in $(seq 50); do kill -CONT $waiter; kill -WINCH $waiter; done 2>/dev/null
kill -STOP $waiter; kill -CONT $waiter
wait_bounded_ $waiter; st=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
test $st = 3 || { warn_ "signal storm: status $st"; fail=1; }
test $ms -ge 1000 && test $ms -le 3000 || { warn_ "signal storm: $ms ms"; fail=1; }
compare_text err "$prefix: timed out" || fail=1

# Stopped past its deadline: 3 as soon as it continues.
semwait -k $k -w 0.5 2>err & waiter=$!
wait_sem_blocked_ $waiter || fail=1
kill -STOP $waiter
sleep 1
start=$(date +%s%N)
kill -CONT $waiter
wait_bounded_ $waiter; st=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
test $st = 3 || { warn_ "stopped: status $st"; fail=1; }
test $ms -lt 400 || { warn_ "stopped: $ms ms after SIGCONT"; fail=1; }

# POSIX: the same with sem_clockwait on CLOCK_MONOTONIC.
if test "$IPCUTILS_TEST_NS" = 1; then
  semsig -c -n /s --show >/dev/null || fail=1
  returns_ 3 semwait -n /s --nonblock 2>err || fail=1
  compare_text err "semwait: cannot take 1 unit of POSIX semaphore '/s': not available without waiting" || fail=1
  { time semwait -n /s -w 0.3 2>err; } 2>times
  test $? = 3 || { warn_ "POSIX --timeout: wrong status"; fail=1; }
  compare_text err "semwait: cannot take 1 unit of POSIX semaphore '/s': timed out" || fail=1
  awk -v r=$(cat times) 'BEGIN { exit !(r >= 0.3 && r <= 5) }' \
    || { warn_ "POSIX --timeout 0.3 took $(cat times) s"; fail=1; }
  # Two of three there: taken one at a time, both given back at the deadline.
  semsig -n /s -N 2 || fail=1
  returns_ 3 semwait -n /s -N 3 -w 0.2 2>err || fail=1
  compare_text err "semwait: cannot take 3 units of POSIX semaphore '/s': timed out" || fail=1
  semsig -n /s --show >out || fail=1
  compare_text out 2 || fail=1
  timeout_ semwait -n /s -N 3 & waiter=$!
  wait_sem_blocked_ $waiter || fail=1
  semsig -n /s || fail=1
  wait $waiter || { warn_ "POSIX -N 3: status $?"; fail=1; }
  semwait -n /s --show >out || fail=1
  compare_text out 0 || fail=1
  semsig -n /s || fail=1
  timeout_ semwait -n /s --remove || fail=1
  test ! -e /dev/shm/sem.s || { warn_ "--remove left it"; fail=1; }
fi

Exit $fail
