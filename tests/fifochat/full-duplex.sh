#!/bin/bash
# Two fifochats each send 10 000 lines without waiting for the other: the
# sending ends never block, so neither side can stall in a write while the
# other does too, and both receive exactly all lines, in order.  (With
# blocking writes and the 64 KiB pipe buffer this deadlocks.)
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

seq -f 'line %g from A' 1 10000 > a.in
seq -f 'line %g from B, a little longer to differ' 1 10000 > b.in
for round in 1 2; do
  timeout_ fifochat -c fifo_AtoB fifo_BtoA < a.in > a.out 2> a.err & apid=$!
  # The first round starts B as soon as it can; the second once A waits.
  test $round = 2 && { wait_open_blocked_ $apid || fail=1; }
  timeout_ fifochat -c fifo_BtoA fifo_AtoB < b.in > b.out 2> b.err & bpid=$!
  wait $apid || { warn_ "A failed in round $round"; fail=1; }
  wait $bpid || { warn_ "B failed in round $round"; fail=1; }
  compare b.in a.out || { warn_ "A got the wrong lines in round $round"; fail=1; }
  compare a.in b.out || { warn_ "B got the wrong lines in round $round"; fail=1; }
  compare /dev/null a.err || fail=1
  compare /dev/null b.err || fail=1
done

Exit $fail
