#!/bin/bash
# On a real terminal (script(1) gives fifochat a pty), control characters
# sent by the peer are shown escaped, so the peer cannot drive our
# terminal, and lines typed go out as typed; into a pipe or file the same
# bytes pass untouched.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0
require_prog_ script

mkfifo -m 600 a b ctl || framework_failure_ "mkfifo"
evil='evil \033[31mred\033[0m\033]0;title\007 \r\302\233x'

printf "$evil\\n" | timeout_ fifochat b a > peer.out 2> peer.err & ppid=$!
# In a UTF-8 locale the C1 control U+009B (CSI) is escaped whole; in the C
# locale its bytes are taken one by one, and only 0x9B is a control.
if locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$'; then
  tty_locale=C.UTF-8 csi='\\xc2\\x9b'
else
  tty_locale=C csi='\302\\x9b'
fi
LC_ALL=$tty_locale timeout_ script -q -e -c 'fifochat a b' /dev/null < ctl > tty.out 2> tty.err &
spid=$!
exec 3> ctl
# The terminal shows the peer's line; then we type one, then end the input
# with ^D as a user does.
for ((i = 0; i < 1000; i++)); do grep -q evil tty.out && break; sleep 0.01; done
printf 'typed line\n' >&3
wait_for_file_ peer.out || fail=1
printf '\004' >&3
wait $ppid || fail=1
wait $spid || fail=1
exec 3>&-
printf "evil ^[[31mred^[[0m^[]0;title^G ^M${csi}x\r\ntyped line\r\n" > exp
compare exp tty.out || fail=1
compare_text peer.out 'typed line' || fail=1
compare /dev/null peer.err || fail=1
compare /dev/null tty.err || fail=1

# Not a terminal: the bytes as they came.
printf "$evil\\n" | timeout_ fifochat b a > /dev/null & ppid=$!
timeout_ fifochat a b < /dev/null > got || fail=1
wait $ppid || fail=1
printf "$evil\\n" > exp
compare exp got || fail=1

Exit $fail
