#!/bin/bash
# --count=N: exit 0 after receiving N records, while the peer still talks;
# the peer then finds us gone: "peer left", status 0.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

mkfifo -m 600 a b ctl || framework_failure_ "mkfifo"
timeout_ fifochat b a < ctl > b.out 2> b.err & bpid=$!
exec 3> ctl
printf '1\n2\n' >&3
returns_ 0 timeout_ fifochat -N 3 -p '> ' a b < /dev/null > a.out 2> a.err 3>&- &
apid=$!
wait_polling_ $apid || fail=1
printf '3\n4\n' >&3
wait $apid || fail=1
compare_text a.out '> 1' '> 2' '> 3' || fail=1
compare /dev/null a.err || fail=1
# B still has input open, so A leaving is the peer leaving.
wait_bounded_ $bpid || fail=1
exec 3>&-
compare_text b.err 'fifochat: peer left' || fail=1
compare /dev/null b.out || fail=1

# -N 1 with -z counts NUL-terminated records.
printf 'x\ny\0z\0' | timeout_ fifochat -z b a > /dev/null 2>&1 & bpid=$!
returns_ 0 timeout_ fifochat -z -N 1 a b < /dev/null > a.out || fail=1
wait $bpid
printf 'x\ny\0' > exp
compare exp a.out || fail=1

Exit $fail
