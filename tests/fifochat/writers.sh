#!/bin/bash
# Eight fifochats send into one FIFO at once (RELIABILITY.md F16): lines
# that fit in PIPE_BUF leave whole in one write() each, so no line is ever
# torn by another writer's, and each writer's lines keep their order.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

mkfifo -m 600 in back || framework_failure_ "mkfifo"
# The reader holds a write end of its own too, so it cannot see end of file
# before the last writer has even started (a slow start is not a loss).
timeout_ cat in > got & reader=$!
exec 3> in
pids=
for w in 1 2 3 4 5 6 7 8; do
  # 100-byte lines: "writer W line N", padded with dots.
  seq 1 2000 | awk -v w=$w '{ s = "writer " w " line " $1 " "; while (length(s) < 99) s = s "."; print s }' > in.$w
  timeout_ fifochat in back < in.$w > out.$w 2> err.$w & pids="$pids $!"
done
# Every line arrives (each writer opened "back" before sending anything).
for ((i = 0; i < 6000; i++)); do
  test "$(wc -l < got)" -ge 16000 && break
  sleep 0.01
done
# The writers have sent everything and wait for their peer to close: one
# writer that opens and closes the common back channel.
: > back
for p in $pids; do wait $p || fail=1; done
exec 3>&-
wait $reader || fail=1
cat in.? | sort > sent.sorted
sort got > got.sorted
compare sent.sorted got.sorted || { warn_ "torn or lost lines"; fail=1; }
for w in 1 2 3 4 5 6 7 8; do
  grep "^writer $w " got > mine
  compare in.$w mine || { warn_ "writer $w: order changed"; fail=1; }
  compare /dev/null err.$w || fail=1
done

Exit $fail
