#!/bin/bash
# Eight fifochats send into one FIFO at once (RELIABILITY.md F16): lines
# that fit in PIPE_BUF leave whole in one write() each, so no line is ever
# torn by another writer's, and each writer's lines keep their order.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

mkfifo -m 600 in back || framework_failure_ "mkfifo"
pids=
for w in 1 2 3 4 5 6 7 8; do
  # 100-byte lines: "writer W line N", padded with dots.
  seq 1 2000 | awk -v w=$w '{ s = "writer " w " line " $1 " "; while (length(s) < 99) s = s "."; print s }' > in.$w
  timeout_ fifochat in back < in.$w > out.$w 2> err.$w & pids="$pids $!"
done
timeout_ cat in > got || fail=1
# The writers have sent everything and wait for their peer to close: one
# writer that opens and closes the common back channel.
: > back
for p in $pids; do wait $p || fail=1; done
cat in.? | sort > sent.sorted
sort got > got.sorted
compare sent.sorted got.sorted || { warn_ "torn or lost lines"; fail=1; }
for w in 1 2 3 4 5 6 7 8; do
  grep "^writer $w " got > mine
  compare in.$w mine || { warn_ "writer $w: order changed"; fail=1; }
  compare /dev/null err.$w || fail=1
done

Exit $fail
