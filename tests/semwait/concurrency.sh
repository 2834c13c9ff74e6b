#!/bin/bash
# Locks and counters under contention, none of it depending on speed:
# - race-free creation: 20 semwait --create --value=1 -- CMD released at
#   once (by one semop on a gate semaphore) on a key that does not exist:
#   all 20 run, never two inside (an exclusive mkdir marker);
# - a counting semaphore of 3 never has more than 3 holders among 12;
# - crash safety: the System V holder killed with kill -9 frees the lock
#   for the next waiter at once.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/semsig/sem-lib.sh"
fail=0

key_ gate
semsig -c -k $gate --show >/dev/null || framework_failure_ "gate"

# release_ N: wait until N processes wait at the gate, then let them all go.
release_() {
  local i
  for ((i = 0; i < 2000; i++)); do
    test "$(semncnt_ $gate)" = "$1" && break
    sleep 0.01
  done
  test "$(semncnt_ $gate)" = "$1" || { warn_ "only $(semncnt_ $gate) of $1 at the gate"; fail=1; }
  semsig -k $gate -N "$1" || fail=1
}

# The critical section: an exclusive marker, and a record of each run.
cat > critical <<'EOS'
mkdir inside 2>/dev/null || { echo overlap >> overlaps; exit 1; }
echo run >> ran
sleep 0.01
rmdir inside
EOS

key_ k
pids=
for i in $(seq 20); do
  sh -c 'timeout 60 semwait -k "$1" && exec timeout 60 semwait --create --value=1 -k "$2" -- sh ./critical' \
    sh $gate $k &
  pids="$pids $!"
done
release_ 20
for p in $pids; do wait $p || { warn_ "a locked run failed: $?"; fail=1; }; done
test ! -e overlaps || { warn_ "$(wc -l < overlaps) overlaps"; fail=1; }
test "$(wc -l < ran)" = 20 || { warn_ "$(wc -l < ran) runs of 20"; fail=1; }
test "$(semval_ $k)" = 1 || { warn_ "final value $(semval_ $k)"; fail=1; }

# Three slots: each holder takes a free one (mkdir is exclusive); a fourth
# holder would find none.
cat > counted <<'EOS'
for s in 1 2 3; do
  if mkdir slot$s 2>/dev/null; then
    echo run >> counted-runs
    sleep 0.02
    rmdir slot$s
    exit 0
  fi
done
echo "4 holders" >> overlaps
exit 1
EOS
key_ k3
pids=
for i in $(seq 12); do
  sh -c 'timeout 60 semwait -k "$1" && exec timeout 60 semwait -c --value=3 -k "$2" -- sh ./counted' \
    sh $gate $k3 &
  pids="$pids $!"
done
release_ 12
for p in $pids; do wait $p || { warn_ "a counted run failed: $?"; fail=1; }; done
test ! -e overlaps || { warn_ "$(sort overlaps | uniq -c)"; fail=1; }
test "$(wc -l < counted-runs)" = 12 || { warn_ "$(wc -l < counted-runs) runs of 12"; fail=1; }
test "$(semval_ $k3)" = 3 || { warn_ "final value $(semval_ $k3)"; fail=1; }

# kill -9 of the holder (semwait became the command: same process).
key_ k9
semwait -w 20 -c -k $k9 -- sleep 100 & holder=$!
for ((i = 0; i < 1000; i++)); do
  test "$(cat /proc/$holder/comm 2>/dev/null)" = sleep && break
  sleep 0.01
done
test "$(semval_ $k9)" = 0 || { warn_ "holder: value $(semval_ $k9)"; fail=1; }
timeout_ semwait -k $k9 -- true & waiter=$!
wait_sem_blocked_ $waiter || fail=1
elapsed_ms_ kill -KILL $holder
start=$(date +%s%N)
wait $waiter || { warn_ "waiter: status $?"; fail=1; }
ms=$(( ($(date +%s%N) - start) / 1000000 ))
test $ms -lt 2000 || { warn_ "the lock came free after $ms ms"; fail=1; }
{ wait $holder; } 2>/dev/null
test "$(semval_ $k9)" = 1 || { warn_ "after kill -9: value $(semval_ $k9)"; fail=1; }

Exit $fail
