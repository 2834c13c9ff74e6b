#!/bin/bash
# -v names each client by SO_PEERCRED (SCM_CREDENTIALS for datagrams);
# --allow-uid closes other users' connections at once and says so.
. "$abs_top_srcdir/tests/init.sh"
. "$srcdir/tests/udsecho/lib.sh"
require_root_
require_prog_ setpriv
fail=0
uid=$(id -u nobody) gid=$(id -g nobody)
# An array, not a function: a function in the background is a subshell,
# and $! would not be the client's pid.
as_nobody=(setpriv --reuid="$uid" --regid="$gid" --clear-groups)
# An abstract name: no file permissions stand between nobody and it.
name=@udsecho-cred-$$

start_server_ pf -v "$name"
udsecho "$name" hi >out 2>err &
cpid=$!
wait "$cpid" || fail=1
compare_text out hi || fail=1
"${as_nobody[@]}" udsecho "$name" nobody >out 2>err &
npid=$!
wait "$npid" || fail=1
compare_text out nobody || fail=1
stop_server_ || fail=1
compare_text pf.err "udsecho: connection from pid $cpid, uid 0, gid 0" \
  "udsecho: connection from pid $npid, uid $uid, gid $gid" || fail=1

# --allow-uid: root (0) may, nobody may not; no echo for nobody.
start_server_ pf --allow-uid=0,4242 "$name"
timeout_ udsecho "$name" root >out 2>err || fail=1
compare_text out root || fail=1
"${as_nobody[@]}" udsecho -w 5 "$name" intruder >out 2>err &
npid=$!
wait "$npid"
compare /dev/null out || fail=1
stop_server_ || fail=1
compare_text pf.err "udsecho: refused connection from pid $npid, uid $uid, gid $gid: user not allowed" || fail=1

# Datagrams carry their credentials in each message.
start_server_ pf -t dgram -v --allow-uid=0 "$name"
udsecho -t dgram -w 5 "$name" ok >out 2>err &
cpid=$!
wait "$cpid" || fail=1
compare_text out ok || fail=1
"${as_nobody[@]}" udsecho -t dgram -w 0.3 "$name" dropped >out 2>err &
npid=$!
returns_ 3 wait "$npid" || fail=1
compare /dev/null out || fail=1
stop_server_ || fail=1
compare_text pf.err "udsecho: datagram from pid $cpid, uid 0, gid 0" \
  "udsecho: dropped datagram from pid $npid, uid $uid, gid $gid: user not allowed" || fail=1

Exit $fail
