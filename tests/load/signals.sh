#!/bin/bash
# Load: 100 000 real-time signals from 4 senders at once (sigqueue, the
# value encoding sender and sequence number) to one sigcatch whose pending
# queue holds only 1 000 (RLIMIT_SIGPENDING, counted over all of the
# user's processes, so a lower limit could stall on other tests' pending
# signals): sigcatch reports every one,
# none lost or twice, each sender's in the order sent, each with its
# sender's pid.  The senders meet a full queue (EAGAIN) and retry: the
# test makes sure they do by stopping sigcatch until one of them waits.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/lib/common.sh"
. "$abs_top_srcdir/tests/load/lib.sh"
fail=0

helper=$abs_top_builddir/tests/helpers/sigqueue-load
test -x "$helper" || framework_failure_ "$helper is not built (make check builds it)"
senders=4 per_sender=25000 pending=1000
total=$((senders * per_sender))

cleanup_() {
  test -s pf && kill -KILL "$(cat pf)" 2>/dev/null
  load_kill_jobs_
}
# Its own --timeout is the hang guard: timeout(1) would resume it when
# stopped.
( ulimit -i $pending && exec sigcatch --pid-file=pf --count=$total \
    --timeout="$TEST_TIMEOUT" --format='%v %p %c' RTMIN ) > out 2> err &
job=$!
wait_for_file_ pf || fail_ "sigcatch did not start"
pid=$(cat pf)
test "$(sed -n 's/^Max pending signals *\([0-9]*\).*/\1/p' /proc/$pid/limits)" = $pending \
  || framework_failure_ "ulimit -i $pending"

# Stopped, sigcatch drains nothing: the queue fills and the senders must
# meet EAGAIN.
kill -STOP "$pid"
pids=()
for s in $(seq 0 $((senders - 1))); do
  "$helper" "$pid" RTMIN "$s" "$per_sender" > sent.$s 2> err.$s &
  pids+=($!)
done
# A sender sleeping in nanosleep has met a full queue (it sleeps only then).
retrying_() {
  local p
  for p in "${pids[@]}"; do
    case $(cat /proc/$p/wchan 2>/dev/null) in
      *nanosleep*) return 0 ;;
    esac
  done
  return 1
}
retry_delay_ retrying_ 0.01 14 || { warn_ "no sender met a full queue"; fail=1; }
load_step_ "queue full: $(grep '^SigQ' /proc/$pid/status)"
kill -CONT "$pid"

for s in $(seq 0 $((senders - 1))); do
  wait "${pids[$s]}" || { warn_ "sender $s failed: $(cat err.$s)"; fail=1; }
done
load_step_ "all sent"
returns_ 0 wait $job || fail=1
load_step_ "all received"
compare /dev/null err || fail=1

# Every line: the value, the sender's pid, "queue"; per sender the
# sequence numbers 0, 1, 2, ... with no gap, repeat or swap.
echo "${pids[@]}" > sender-pids
awk -v senders=$senders -v per=$per_sender '
  NR == 1 { while ((getline line < "sender-pids") > 0) n = split(line, pid, " ") }
  {
    s = int($1 / 1000000); q = $1 % 1000000
    if (s >= senders || $2 != pid[s + 1] || $3 != "queue" || NF != 3) {
      print "bad line " NR ": " $0; bad = 1; next
    }
    if (q != next_[s] + 0) {
      print "sender " s ": got " q ", expected " next_[s] + 0 " (line " NR ")"; bad = 1
      if (++errors > 20) exit 1
    }
    next_[s] = q + 1
  }
  END {
    for (s = 0; s < senders; s++)
      if (next_[s] + 0 != per) { print "sender " s ": " next_[s] + 0 " of " per; bad = 1 }
    if (NR != senders * per) { print NR " lines"; bad = 1 }
    exit bad
  }' out >&2 || fail=1

cat sent.* > sent
retries=$(awk '{ r += $3 } END { print r + 0 }' sent)
test "$(awk '{ n += $2 } END { print n + 0 }' sent)" = $total || { warn_ "senders: $(cat sent)"; fail=1; }
test "$retries" -gt 0 || { warn_ "no retry on EAGAIN"; fail=1; }

load_time_ "$senders senders x $per_sender signals, queue of $pending, $retries retries on EAGAIN"
Exit $fail
