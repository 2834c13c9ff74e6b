#!/bin/bash
# Load: receivers stopped by SIGTERM while 4 mqsend x 50 000 keep the
# queue full.  Each stopped mqrecv holds messages taken off the queue; the
# blocked senders take the room at once, so they cannot go back: they must
# be written, not lost (mqrecv once lost them, "the queue stayed full").
# Ten receivers are stopped in turn, then one takes the rest: the
# multiset received equals the multiset sent, and no receiver says
# anything.  The same through a POSIX queue.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
. "$abs_top_srcdir/tests/load/lib.sh"
cleanup_() { load_kill_jobs_; mq_unmount_; }
fail=0

senders=4 per_sender=50000 stops=10
total=$((senders * per_sender))
for s in $(seq $senders); do
  seq -f "sender $s message %06g" $per_sender > in.$s
done
cat in.* > sent

# run_ SELECTOR...
run_() {
  local s j pids='' r got=0
  rm -f out.* err.*
  for s in $(seq $senders); do
    timeout_ mqsend "$@" < in.$s 2> err.s$s & pids="$pids $!"
  done
  for j in $(seq $stops); do
    # Not timeout_: SIGTERM must reach mqrecv itself.
    mqrecv "$@" -N $total -w "$TEST_TIMEOUT" > out.$j 2> err.$j & r=$!
    wait_for_file_ out.$j 60 || fail=1
    kill -TERM $r
    wait $r; test $? = 143 || { warn_ "$*: receiver $j: status $?"; fail=1; }
    got=$((got + $(wc -l < out.$j)))
  done
  load_step_ "$*: $stops receivers stopped after $got messages"
  timeout_ mqrecv "$@" -N $((total - got)) > out.last 2> err.last \
    || { warn_ "$*: the last receiver failed"; fail=1; }
  for s in $pids; do wait $s || { warn_ "$*: a sender failed"; fail=1; }; done
  cat err.* > errs
  compare /dev/null errs || fail=1
  LC_ALL=C sort out.* > received
  cmp sent received >&2 \
    || { warn_ "$*: sent $(wc -l < sent) lines, received $(wc -l < received)"; fail=1; }
}

key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
run_ -k $k
test "$(qnum_ $k)" = 0 || { warn_ "$(qnum_ $k) messages left on the queue"; fail=1; }

if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n --max-messages 10 </dev/null || framework_failure_ "mqsend -c -n"
  run_ -n $n
  test "$(posix_qsize_ $n)" = 0 || { warn_ "QSIZE $(posix_qsize_ $n) left"; fail=1; }
fi

load_time_ "$senders x $per_sender messages, $stops receivers stopped"
Exit $fail
