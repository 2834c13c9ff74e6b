#!/bin/bash
# An existing path: a stale socket of ours is replaced (one notice line);
# a live server is never taken over and keeps working; a file, directory
# or symlink is left as it was; another user's stale socket, or one in an
# unsafe directory, is refused.
. "$abs_top_srcdir/tests/init.sh"
. "$srcdir/tests/udsecho/lib.sh"
require_root_
fail=0

# make_stale_ PATH: a socket file nobody listens on (its server killed -9).
make_stale_() {
  timeout_ udsecho -l -p stale.pf "$@" 2>/dev/null &
  local job=$!
  wait_for_file_ stale.pf || framework_failure_ "stale server did not start"
  kill -KILL "$(cat stale.pf)"
  wait "$job"
  rm -f stale.pf
}

# Stale and ours: replaced.
make_stale_ s
test -S s || framework_failure_ "no stale socket"
start_server_ pf s
compare_text pf.err "udsecho: replaced the stale socket 's'" || fail=1
returns_ 0 timeout_ udsecho s ok >out 2>err || fail=1
compare_text out ok || fail=1

# Live: refused, status 1, and the first server still answers.
ino=$(stat -c %i s)
returns_ 1 timeout_ udsecho -l s >out 2>err || fail=1
compare_text err "udsecho: cannot listen on socket 's': address in use by a running server" || fail=1
test "$(stat -c %i s)" = "$ino" || { warn_ "the live socket was replaced"; fail=1; }
# ... also when the second server asks for another socket type.
returns_ 1 timeout_ udsecho -l -t seqpacket s >out 2>err || fail=1
compare_text err "udsecho: cannot listen on socket 's': address in use by a running server" || fail=1
returns_ 0 timeout_ udsecho s still here >out 2>err || fail=1
compare_text out still here || fail=1
stop_server_ || fail=1
test -e s && { warn_ "socket left behind"; fail=1; }

# A live abstract name is refused the same way.
start_server_ pf @udsecho-live-$$
returns_ 1 timeout_ udsecho -l @udsecho-live-$$ >out 2>err || fail=1
compare_text err "udsecho: cannot listen on socket '@udsecho-live-$$': address in use by a running server" || fail=1
stop_server_ || fail=1

# Not a socket: a file, a directory, a symlink (dangling or to a file)
# stay exactly as they were (RELIABILITY 54, 55).
echo precious > file
mkdir dir
ln -s nowhere dangling
ln -s file link
cp file file.orig
for p in file dir; do
  returns_ 1 timeout_ udsecho -l "$p" >out 2>err || fail=1
  compare_text err "udsecho: socket '$p' exists and is not a socket" || fail=1
done
for p in dangling link; do
  returns_ 1 timeout_ udsecho -l "$p" >out 2>err || fail=1
  compare_text err "udsecho: socket '$p' is a symbolic link; refusing to follow it" || fail=1
done
compare file.orig file || fail=1
test -L dangling && test -L link && test -d dir || fail=1
test -e nowhere && { warn_ "the dangling symlink was followed"; fail=1; }

# Another user's stale socket: refused unless --allow-foreign.
make_stale_ foreign
chown nobody foreign
uid=$(id -u nobody)
returns_ 1 timeout_ udsecho -l foreign >out 2>err || fail=1
compare_text err "udsecho: socket 'foreign' exists and belongs to uid $uid; use --allow-foreign to accept" || fail=1
test "$(stat -c %U foreign)" = nobody || { warn_ "the foreign socket was touched"; fail=1; }
start_server_ pf --allow-foreign foreign
compare_text pf.err "udsecho: replaced the stale socket 'foreign'" || fail=1
test "$(stat -c %u foreign)" = 0 || fail=1
stop_server_ || fail=1

# A stale socket in a world-writable directory without the sticky bit
# that is not ours: someone could swap it between the check and unlink.
mkdir open
make_stale_ open/s
chown nobody open
chmod 0777 open
returns_ 1 timeout_ udsecho -l open/s >out 2>err || fail=1
compare_text err "udsecho: will not replace the stale socket 'open/s': its directory is writable by all and not sticky" || fail=1
test -S open/s || fail=1
# With the sticky bit it is safe.
chmod 1777 open
start_server_ pf open/s
stop_server_ || fail=1

Exit $fail
