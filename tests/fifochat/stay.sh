#!/bin/bash
# --stay: when a peer leaves, wait for the next one.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

mkfifo -m 600 a b ctl ctl2 || framework_failure_ "mkfifo"

# (Peers that finish cleanly one after another are not tested: a FIFO
# does not say who holds it, so the next exchange may begin with a peer
# still closing its ends -- fifochat(1) says so.)

# A peer killed while we still talk: "peer left", then the next peer.
timeout_ fifochat --stay -N 1 a b < ctl > a.out 2> a.err & apid=$!
exec 3> ctl
fifochat b a < ctl2 > b.out 2> b.err 3>&- & bpid=$!
exec 4> ctl2
printf 'before\n' >&3
wait_for_file_ b.out || fail=1
{ kill -KILL $bpid; wait $bpid; } 2> /dev/null
exec 4>&-
wait_open_blocked_ $apid || fail=1
echo 'after' | returns_ 0 timeout_ fifochat b a > b2.out 2> /dev/null 3>&- || fail=1
exec 3>&-
wait $apid || fail=1
compare_text b.out 'before' || fail=1
compare_text a.out 'after' || fail=1
compare_text a.err 'fifochat: peer left' || fail=1

# Timed out while waiting for the next peer: status 3.  (The first peer is
# killed, so it is surely gone when we wait for the next one.)
timeout_ fifochat --stay -w 1 a b < ctl > a.out 2> a.err & apid=$!
exec 3> ctl
fifochat b a < ctl2 > b.out 2> b.err 3>&- & bpid=$!
exec 4> ctl2
printf 'first\n' >&4
wait_for_file_ a.out || fail=1
{ kill -KILL $bpid; wait $bpid; } 2> /dev/null
exec 4>&-
returns_ 3 wait $apid || fail=1
exec 3>&-
compare_text a.out 'first' || fail=1
compare_text a.err 'fifochat: peer left' \
  "fifochat: timed out waiting for a peer to open FIFO 'a'" || fail=1

Exit $fail
