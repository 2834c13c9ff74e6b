#!/bin/bash
# Load: 1 000 short-lived `semwait -- CMD` holders, up to 100 at a time,
# race for one lock, first a System V semaphore (SEM_UNDO: the kernel
# gives the unit back when CMD exits), then a POSIX one (semwait posts it
# back): every CMD runs, never two at once (a counter incremented without
# any other lock loses no update, and the enter and leave lines of a log
# strictly alternate, each pair from one process), and the lock is free
# again at the end.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/semsig/sem-lib.sh"
. "$abs_top_srcdir/tests/load/lib.sh"
cleanup_() { load_kill_jobs_; sem_cleanup_; }
fail=0

holders=1000 parallel=100
# The critical section, in shell builtins only (no fork inside the lock:
# the holders run one after another, so each fork would add up): a counter
# read and written back -- two holders inside at once would lose an
# update -- between an enter and a leave line.
cat > critical <<'EOS'
read n < counter || exit 1
echo "enter $$" >> log
echo $((n + 1)) > counter
echo "leave $$" >> log
EOS

# race_ SELECTOR...: the holders on the lock SELECTOR, then the checks.
race_() {
  rm -f log
  echo 0 > counter
  # -w: a holder that never gets the lock fails (status 3) instead of
  # hanging; xargs exits 123 if any holder failed.
  seq $holders | timeout_ xargs -P $parallel -I{} \
    semwait -w "$TEST_TIMEOUT" "$@" -- sh ./critical \
    || { warn_ "$*: xargs: status $?"; fail=1; }
  test "$(cat counter)" = $holders || { warn_ "$*: counter $(cat counter)"; fail=1; }
  awk -v n=$holders '
    NR % 2 == 1 && $1 != "enter" { print "line " NR ": " $0; bad = 1 }
    NR % 2 == 0 && ($1 != "leave" || $2 != who) { print "line " NR ": " $0; bad = 1 }
    { who = $2 }
    END { if (NR != 2 * n) { print NR " lines"; bad = 1 } exit bad }' log >&2 \
    || { warn_ "$*: the holders did not take turns"; fail=1; }
  load_step_ "$*: $holders holders done"
}

key_ k
semwait -c --value=1 -k $k -- true || framework_failure_ "semwait -c -k"
race_ -k $k
test "$(semval_ $k)" = 1 || { warn_ "System V: final value $(semval_ $k)"; fail=1; }

if test "$IPCUTILS_TEST_NS" = 1; then
  name_ n
  semwait -c --value=1 -n $n -- true || framework_failure_ "semwait -c -n"
  race_ -n $n
  test "$(semwait --show -n $n)" = 1 || { warn_ "POSIX: final value $(semwait --show -n $n)"; fail=1; }
fi

load_time_ "$holders holders x 2 locks, $parallel at a time"
Exit $fail
