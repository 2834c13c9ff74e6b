#!/bin/bash
# --timeout: status 3 when no peer comes in time, and with --create
# --remove no FIFO is left; --nonblock: status 3 unless a peer is there
# now; a peer that comes in time is talked to.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

start=$(date +%s%N)
returns_ 3 timeout_ fifochat -c --remove -w 0.2 a b < /dev/null > out 2> err || fail=1
ms=$(( ($(date +%s%N) - start) / 1000000 ))
compare_text err "fifochat: timed out waiting for a peer to open FIFO 'a'" || fail=1
compare /dev/null out || fail=1
test ! -e a && test ! -e b || { warn_ "FIFOs left behind"; ls -l >&2; fail=1; }
# Timing is the behaviour here: not before 0.2 s, and (generously) not
# long after.
test $ms -ge 200 && test $ms -lt 10000 || { warn_ "timed out after $ms ms"; fail=1; }

# Without --remove the FIFOs it made stay, with mode 0600.
returns_ 3 timeout_ fifochat -c --nonblock a b < /dev/null > out 2> err || fail=1
compare_text err "fifochat: no peer is reading FIFO 'a'" || fail=1
test "$(fifo_mode_ a) $(fifo_mode_ b)" = '600 600' || fail=1
returns_ 3 timeout_ fifochat --timeout=0 a b < /dev/null 2> err || fail=1
compare_text err "fifochat: no peer is reading FIFO 'a'" || fail=1

# A peer that comes within the timeout.
timeout_ fifochat -w 20 a b < /dev/null > a.out 2> a.err & apid=$!
wait_open_blocked_ $apid || fail=1
echo 'in time' | timeout_ fifochat -w 1 b a > b.out 2> b.err || fail=1
wait $apid || fail=1
compare_text a.out 'in time' || fail=1
compare /dev/null a.err || fail=1

# --nonblock with a peer already waiting for us.
timeout_ fifochat b a < /dev/null > b.out 2> b.err & bpid=$!
wait_open_blocked_ $bpid || fail=1
echo 'now' | returns_ 0 timeout_ fifochat --nonblock a b > a.out 2> a.err || fail=1
wait $bpid || fail=1
compare_text b.out 'now' || fail=1

# Bad durations are usage errors.
returns_ 2 fifochat -w abc a b 2> err || fail=1
compare_text err "fifochat: invalid timeout: 'abc'" || fail=1

Exit $fail
