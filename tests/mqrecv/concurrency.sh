#!/bin/bash
# Load (RELIABILITY L1, L2 in small): 4 mqsend x 5000 lines streaming into
# one System V queue while 2 mqrecv drain it: the received multiset equals
# the sent one exactly (nothing lost, nothing twice), and each receiver
# sees each sender's lines in order.  The same through a POSIX queue of 10
# messages, where senders wait for room all the time.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

senders=4 per_sender=5000
total=$((senders * per_sender))
for s in $(seq $senders); do
  seq -f "$s-%g" $per_sender > in.$s
done
cat in.* | sort > sent

# in_order_ FILE: each sender's lines appear in FILE in increasing order.
in_order_() {
  awk -F- '{ if ($2 <= last[$1]) { print "out of order: " $0; bad = 1 } last[$1] = $2 }
           END { exit bad }' "$1"
}

run_() {  # run_ SELECTOR...
  local s pids=
  for s in $(seq $senders); do
    timeout_ mqsend "$@" < in.$s & pids="$pids $!"
  done
  # Each receiver takes exactly half: together they must take them all.
  timeout_ mqrecv "$@" -N $((total / 2)) > out.1 & r1=$!
  timeout_ mqrecv "$@" -N $((total / 2)) > out.2 & r2=$!
  for s in $pids; do wait $s || { warn_ "a sender failed"; fail=1; }; done
  wait $r1 || { warn_ "receiver 1 failed"; fail=1; }
  wait $r2 || { warn_ "receiver 2 failed"; fail=1; }
  sort out.1 out.2 > received
  compare sent received || { warn_ "$*: multisets differ"; fail=1; }
  in_order_ out.1 || fail=1
  in_order_ out.2 || fail=1
}

key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
run_ -k $k
test "$(qnum_ $k)" = 0 || fail=1

if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n --max-messages 10 </dev/null || framework_failure_ "mqsend -c -n"
  run_ -n $n
fi

Exit $fail
