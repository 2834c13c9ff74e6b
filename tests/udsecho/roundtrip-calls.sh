#!/bin/bash
# One-byte ping-pong: the stream server makes three system calls per
# round trip (epoll_wait, splice in, splice out), counted with strace
# over 200 round trips of one client: no per-wake-up getrlimit, no read
# that finds the socket empty.  (The C echo server makes two: a blocking
# read and a write; bench/udsecho.)
. "$abs_top_srcdir/tests/init.sh"
. "$srcdir/tests/udsecho/lib.sh"
require_prog_ strace
require_prog_ python3
fail=0

start_server_ pf s
rounds=200
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
  strace -q -f -p "$server_pid" -o trace 2>/dev/null & tracer=$!
# strace is attached once its first line is out: wait for it with a
# wake-up (a connection that closes at once).
for ((i = 0; i < 500; i++)); do
  test -s trace && break
  python3 -c 'import socket; s = socket.socket(socket.AF_UNIX); s.connect("s"); s.close()'
  sleep 0.02
done
test -s trace || framework_failure_ "strace did not attach"
: > trace.mark
python3 - "$rounds" <<'PY' || fail=1
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect("s")
for _ in range(int(sys.argv[1])):
    s.sendall(b"x")
    if s.recv(1) != b"x":
        sys.exit("bad echo")
s.close()
PY
stop_server_ || fail=1
wait $tracer
# The calls from the ping-pong client's accept to its close.
awk '/accept4\(/ { n = 0; on = 1 } on { n++ } on && /^[0-9]+ +close\(/ { print n; on = 0 }' trace > counts
calls=$(tail -n 1 counts)
test -n "$calls" || framework_failure_ "no connection in the trace"
test "$calls" -le $((rounds * 3 + 20)) \
  || { warn_ "$calls system calls for $rounds round trips"; sed -n '/accept4/,$p' trace | head -30 >&2; fail=1; }
test "$(grep -c 'prlimit64\|getrlimit' trace)" -le 2 || { warn_ "getrlimit per wake-up"; fail=1; }

Exit $fail
