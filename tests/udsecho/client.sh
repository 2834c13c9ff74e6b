#!/bin/bash
# The client's failures: no such socket, not a socket, a server that goes
# away, a closed or full stdout, a closed stdin; and its text rules for a
# stream (NUL padding dropped, a last line completed).
. "$abs_top_srcdir/tests/init.sh"
. "$srcdir/tests/udsecho/lib.sh"
require_prog_ socat
fail=0

returns_ 1 timeout_ udsecho nowhere x >out 2>err || fail=1
compare_text err "udsecho: cannot connect to 'nowhere': No such file or directory" || fail=1
echo data > file
returns_ 1 timeout_ udsecho file x >out 2>err || fail=1
compare_text err "udsecho: cannot connect to 'file': Connection refused" || fail=1
returns_ 1 timeout_ udsecho @udsecho-none-$$ x >out 2>err || fail=1
compare_text err "udsecho: cannot connect to '@udsecho-none-$$': Connection refused" || fail=1

start_server_ pf s
# Stream text: NULs end records, padding after a C string is dropped, a
# last line without a newline gets one; --raw keeps every byte.
printf 'one\0\0\0two\nthree' | timeout_ udsecho s >out 2>err || fail=1
compare_text out one two three || fail=1
printf 'one\0\0\0two\nthree' > exp
timeout_ udsecho -r s <exp >out 2>err || fail=1
compare exp out || fail=1
# -C ends each MESSAGE with a NUL, --raw or not.
timeout_ udsecho -r -C s a b >out || fail=1
printf 'a\0b\0' > exp
compare exp out || fail=1

# Output errors: a full stdout, a closed stdout; exit 1, one line.
returns_ 1 timeout_ udsecho s hello >/dev/full 2>err || fail=1
compare_text err "udsecho: write error: No space left on device" || fail=1
returns_ 1 timeout_ udsecho s hello >&- 2>err || fail=1
compare_text err "udsecho: write error: Bad file descriptor" || fail=1
# A closed stdin with no MESSAGE is a read error.
returns_ 1 timeout_ udsecho s <&- >out 2>err || fail=1
compare_text err "udsecho: read error: Bad file descriptor" || fail=1
stop_server_ || fail=1

# A server that closes mid-transfer (the tutorial's reads 128 bytes once,
# answers and closes): status 1 "connection ... lost", after printing
# what did come back, never death by SIGPIPE.
timeout_ tut-uds-server >srv.out 2>srv.err &
job=$!
until grep -q waiting srv.out 2>/dev/null; do kill -0 "$job" 2>/dev/null || break; sleep 0.01; done
head -c 8388608 /dev/zero > zeros
returns_ 1 timeout_ udsecho my_socket <zeros >out 2>err || fail=1
compare_text out 'Hello from server!' || fail=1
grep -q -x -e "udsecho: connection to 'my_socket' lost: Connection reset by peer" \
  -e "udsecho: connection to 'my_socket' lost: Broken pipe" err \
  || { cat err >&2; fail=1; }
wait "$job"

# A server that never answers: the wait for the reply gives up.
timeout 20 socat -t 20 UNIX-LISTEN:s3 EXEC:'sleep 20' 2>/dev/null &
job=$!
until test -S s3; do kill -0 "$job" 2>/dev/null || break; sleep 0.01; done
returns_ 3 timeout_ udsecho -w 0.3 s3 hello >out 2>err || fail=1
compare_text err "udsecho: no reply from 's3': timed out" || fail=1
kill "$job"; wait "$job"

Exit $fail
