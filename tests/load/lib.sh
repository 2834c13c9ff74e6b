# tests/load/lib.sh: sourced by the load tests (tests/load/*.sh, run by
# `make check-load`) after tests/init.sh and tests/lib/common.sh.
#
# A load test checks exactly what arrived, never how fast: the only time
# limit is a hang guard of minutes (LOAD_TIMEOUT seconds, default 900, for
# every command run through timeout_).  Each test records its elapsed time
# in its log as one line "load-time: NAME SECONDS s", which check-load
# collects into a summary.

TEST_TIMEOUT=${LOAD_TIMEOUT:-900}
export TEST_TIMEOUT
load_start_=$(date +%s%N)

# load_time_ [NOTE]: print the time since the test started (after init.sh
# entered the private namespaces), with NOTE.
load_time_() {
  local ns=$(( $(date +%s%N) - load_start_ ))
  printf 'load-time: %s %d.%02d s%s\n' "${ME_%.sh}" $((ns / 1000000000)) \
    $((ns / 10000000 % 100)) "${1:+ ($1)}"
}

# load_step_ WHAT: print the time reached at each step, so a log shows
# where a slow or hung run spent its time.
load_step_() {
  local ns=$(( $(date +%s%N) - load_start_ ))
  printf '%s: %d.%02d s: %s\n' "$ME_" $((ns / 1000000000)) $((ns / 10000000 % 100)) "$1"
}

# load_kill_jobs_: the cleanup_ of a test with background jobs: kill them
# (each is bounded by timeout_ anyway) and reap them.
load_kill_jobs_() {
  local p
  for p in $(jobs -p); do kill -KILL "$p" 2>/dev/null; done
  wait 2>/dev/null
}

# mq_load_ SELECTOR...: 16 mqsend x 50 000 lines into the (existing)
# queue SELECTOR while 4 mqrecv take 200 000 each.  Together the receivers
# must take every message, so a lost one shows as a receiver that never
# finishes (the hang guard) and a duplicate as a multiset that differs.
# Each receiver must also see each sender's lines in the order sent (one
# FIFO queue, and nothing was put back).  Sets fail=1 on any difference.
mq_senders=16 mq_per_sender=50000 mq_receivers=4
mq_load_() {
  local s r pids='' rpids='' total=$((mq_senders * mq_per_sender))
  # Zero-padded numbers: the inputs, in order, are already sorted (C locale).
  for s in $(seq -w $mq_senders); do
    seq -f "sender $s message %06g" $mq_per_sender > in.$s
  done
  cat in.* > sent
  load_step_ "$* inputs ready"
  for r in $(seq $mq_receivers); do
    timeout_ mqrecv "$@" -N $((total / mq_receivers)) > out.$r 2> err.$r &
    rpids="$rpids $!"
  done
  for s in $(seq -w $mq_senders); do
    timeout_ mqsend "$@" < in.$s 2> err.s$s & pids="$pids $!"
  done
  for s in $pids; do wait $s || { warn_ "$*: a sender failed: $?"; fail=1; }; done
  load_step_ "$* all sent"
  for r in $rpids; do wait $r || { warn_ "$*: a receiver failed: $?"; fail=1; }; done
  load_step_ "$* all received"
  cat err.* > errs
  compare /dev/null errs || fail=1
  wc -l out.* | sed '$d' >&2
  awk '
    FNR == 1 { split("", last) }
    { if ($4 <= last[$2]) { print FILENAME ": out of order: " $0; bad = 1 } last[$2] = $4 }
    END { exit bad }' out.* >&2 || { warn_ "$*: a receiver saw a sender out of order"; fail=1; }
  LC_ALL=C sort out.* > received
  # cmp, not diff: 800 000 lines; show only how they differ in size.
  cmp sent received >&2 \
    || { warn_ "$*: sent $(wc -l < sent) lines, received $(wc -l < received): multisets differ"; fail=1; }
  rm -f in.* out.* err.* sent received
}
