#!/bin/bash
# The end of standard input closes SEND_FIFO only: the peer sees end of
# file, may still answer, and fifochat prints the answer and ends when the
# peer closes too.  Neither side calls that "peer left".
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

mkfifo -m 600 a b ctl || framework_failure_ "mkfifo"
# B's standard input stays open until the test writes the answer.  (Every
# process started while fd 3 is open closes it: else B's input never ends.)
timeout_ fifochat b a < ctl > b.out 2> b.err & bpid=$!
exec 3> ctl
printf 'hi\n' | timeout_ fifochat a b > a.out 2> a.err 3>&- & apid=$!
wait_for_file_ b.out || fail=1
compare_text b.out 'hi' || fail=1
# A has sent everything and closed its end, and waits for the answer.
wait_polling_ $apid || fail=1
kill -0 $apid || { warn_ "A did not wait for the answer"; fail=1; }
printf 'hello\n' >&3
exec 3>&-
wait $apid || fail=1
compare_text a.out 'hello' || fail=1
compare_text b.out 'hi' || fail=1
compare /dev/null a.err || fail=1
compare /dev/null b.err || fail=1

# A last line without a newline still goes out as a line.
printf 'no newline' | timeout_ fifochat a b > a.out 2> a.err & apid=$!
printf 'reply' | timeout_ fifochat b a > b.out 2> b.err || fail=1
wait $apid || fail=1
compare_text a.out 'reply' || fail=1
compare_text b.out 'no newline' || fail=1
compare /dev/null a.err || fail=1
compare /dev/null b.err || fail=1

Exit $fail
