#!/bin/bash
# A peer that goes away -- killed with -9, or closing while we send -- is
# "peer left", status 0, after what it sent is printed; fifochat is never
# killed by SIGPIPE.  TERM and HUP close both ends, remove what --remove
# asks for, and kill fifochat by the same signal.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

mkfifo -m 600 a b ctl_a ctl_b || framework_failure_ "mkfifo"

# kill -9 of the peer, with both sides' input still open.
timeout_ fifochat a b < ctl_a > a.out 2> a.err & apid=$!
exec 3> ctl_a
fifochat b a < ctl_b > b.out 2> b.err 3>&- & bpid=$!
exec 4> ctl_b
printf 'to B\n' >&3
printf 'to A\n' >&4
wait_for_file_ a.out || fail=1
wait_for_file_ b.out || fail=1
{ kill -KILL $bpid; wait $bpid; } 2> /dev/null
returns_ 0 wait $apid || fail=1
exec 3>&- 4>&-
compare_text a.out 'to A' || fail=1
compare_text a.err 'fifochat: peer left' || fail=1

# A sender that never stops, whose peer stops reading: no SIGPIPE death.
# (The peer's own output goes to head, which closes after 3 lines.)
yes 'endless line' | timeout_ fifochat a b > a.out 2> a.err & apid=$!
timeout_ fifochat b a < /dev/null 2> b.err | head -n 3 > b.out
returns_ 0 wait $apid || fail=1
compare_text a.err 'fifochat: peer left' || fail=1
compare_text b.out 'endless line' 'endless line' 'endless line' || fail=1
compare /dev/null b.err || fail=1

# Even with SIGPIPE at its default in the peer and in us.
(trap - PIPE; yes 'x' | timeout_ fifochat a b > /dev/null 2> a.err; echo $? > a.status) &
apid=$!
timeout_ fifochat -N 1 b a < /dev/null > b.out || fail=1
wait $apid
compare_text a.status 0 || fail=1
compare_text a.err 'fifochat: peer left' || fail=1

# TERM while waiting for a peer: the FIFOs made with --remove go too.
rm -f a b
# (Not under timeout_, so $! is fifochat itself; the tests bound the wait.)
fifochat -c --remove a b < /dev/null & apid=$!
wait_open_blocked_ $apid || fail=1
kill -TERM $apid
returns_ 143 wait_bounded_ $apid 2> /dev/null || fail=1
test ! -e a && test ! -e b || { warn_ "FIFOs left after TERM"; fail=1; }

# HUP while connected.
fifochat -c --remove a b < ctl_a > a.out 2> a.err & apid=$!
exec 3> ctl_a
wait_open_blocked_ $apid || fail=1
timeout_ fifochat b a < /dev/null > b.out 2> b.err 3>&- & bpid=$!
wait_polling_ $apid || fail=1
kill -HUP $apid
returns_ 129 wait_bounded_ $apid 2> /dev/null || fail=1
exec 3>&-
wait $bpid || fail=1
test ! -e a && test ! -e b || { warn_ "FIFOs left after HUP"; fail=1; }
compare /dev/null a.err || fail=1
compare /dev/null b.out || fail=1

Exit $fail
