#!/bin/bash
# Out of descriptors: 100 clients against a server limited to 64 open
# files.  By default --max-clients fits the limit and the rest wait in the
# backlog; with --max-clients above it, accept fails with EMFILE and the
# server pauses instead of spinning.  Everyone is served in the end.
. "$abs_top_srcdir/tests/init.sh"
. "$srcdir/tests/udsecho/lib.sh"
fail=0
export TEST_TIMEOUT=60

require_prog_ python3
# Absolute, so ss shows it as it is and no other test's "s" matches.
sock=$PWD/s

# 100 clients in one process (spawning 100 pipelines is slow on a busy
# machine): each connects and sends its number, all hold their
# connections until a line arrives on stdin, then each half-closes and
# must read back exactly its own line.
cat > clients.py <<'PY'
import socket, sys
path, n = sys.argv[1], int(sys.argv[2])
socks = []
for i in range(n):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(30)
    s.connect(path)
    s.sendall(b'client %d\n' % i)
    socks.append(s)
print('connected', flush=True)
sys.stdin.readline()
bad = 0
for i, s in enumerate(socks):
    s.shutdown(socket.SHUT_WR)
    data = b''
    while True:
        d = s.recv(65536)
        if not d:
            break
        data += d
    s.close()
    if data != b'client %d\n' % i:
        bad += 1
        print('client %d got %r' % (i, data))
print('bad', bad)
PY
mkfifo hold
run_clients_() {
  timeout_ python3 clients.py "$sock" 100 < hold > clients.out 2>&1 &
  clients_job=$!
  exec 3>hold
  until grep -q connected clients.out; do
    kill -0 "$clients_job" 2>/dev/null || break
    sleep 0.05
  done
}
release_clients_() {
  echo go >&3
  exec 3>&-
  returns_ 0 wait "$clients_job" || fail=1
  compare_text clients.out connected 'bad 0' || fail=1
}
# held_: all 100 clients are connected: taken on by the server, or
# waiting in the listener's backlog (its Recv-Q).
held_() {
  local backlog
  backlog=$(ss -x -l -H 2>/dev/null | awk -v p="$sock" '$5 == p { print $3 }')
  test "${backlog:-0}" -gt 0
}
# count_calls_ FILE: system calls of the server over one second.
count_calls_() {
  timeout -s INT 1 strace -q -p "$server_pid" -o "$1" >/dev/null 2>&1
  grep -c . "$1"
}

for opt in '' --max-clients=1000; do
  (ulimit -n 64; start_server_ pf $opt "$sock"; echo "$server_pid $server_job" > ids; wait "$server_job") &
  sub=$!
  wait_for_file_ ids || fail=1
  read -r server_pid server_job < ids; server_job=$sub
  run_clients_
  # ss reads a snapshot; on a busy machine give it a few looks.
  retry_delay_ held_ 0.05 8 || { warn_ "no connection waits in the backlog"; ss -x -l >&2; fail=1; }
  if command -v strace >/dev/null; then
    calls=$(count_calls_ trace)
    test "$calls" -le 20 || { warn_ "$opt: $calls system calls in 1 s while full:"; head -20 trace >&2; fail=1; }
  fi
  kill -0 "$server_pid" || { warn_ "the server died"; fail=1; }
  release_clients_
  # Still serving afterwards.
  returns_ 0 timeout_ udsecho "$sock" after >out 2>err || fail=1
  compare_text out after || fail=1
  kill -TERM "$server_pid"
  wait "$sub"
  rm -f ids
  if test -n "$opt"; then
    grep -q "cannot accept a connection: Too many open files" pf.err \
      || { warn_ "EMFILE was not reached"; cat pf.err >&2; fail=1; }
  else
    compare /dev/null pf.err || fail=1
  fi
done

# Injected EMFILE with no client to free a descriptor: the listener rests
# (100 ms) instead of spinning, and the connection waits in the backlog
# until accept works.
if command -v strace >/dev/null; then
  # LeakSanitizer cannot run under a tracer (sanitizer builds).
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 timeout_ strace -f -q -o inject.trace -e trace=accept4 -e inject=accept4:error=EMFILE:when=1..5 \
    udsecho -l -N 1 -p pf s 2>err &
  job=$!
  wait_for_file_ pf || fail=1
  returns_ 0 timeout_ udsecho s injected >out 2>/dev/null || fail=1
  returns_ 0 wait "$job" || fail=1
  test "$(grep -c 'accept4(' inject.trace)" -le 12 || { warn_ "accept4 spun:"; cat inject.trace >&2; fail=1; }
fi

Exit $fail
