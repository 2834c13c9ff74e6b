#!/bin/sh
# The demo behind `make demo` and ./quickstart: real processes talking
# through signals and message queues, using the tools just built.
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/ipcutils-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
say() { printf '\n== %s\n' "$*"; }

say "sigcatch: a process waits for two signals; another process sends them"
sigcatch --count=2 --timeout=10s --pid-file="$dir/pid" USR1 RTMIN &
catcher=$!
while [ ! -s "$dir/pid" ]; do sleep 0.01; done
pid=$(cat "$dir/pid")
printf '$ kill -USR1 %s; kill --queue 42 -s RTMIN %s\n' "$pid" "$pid"
kill -USR1 "$pid"
if /usr/bin/kill --queue 42 -s RTMIN "$pid" 2>/dev/null; then :; else kill -s RTMIN "$pid" 2>/dev/null || kill -34 "$pid"; fi
wait "$catcher"

if command -v mqsend >/dev/null 2>&1; then
  say "mqsend/mqrecv: a producer queues three lines, a consumer takes them"
  key=$(printf '0x%08x' $(( 0x49440000 + ($$ & 0xffff) )))
  printf '$ printf "one\\ntwo\\nthree\\n" | mqsend --create --exclusive --key=%s\n' "$key"
  printf 'one\ntwo\nthree\n' | mqsend --create --exclusive --key="$key"
  printf '$ mqrecv --key=%s --count=3 --remove\n' "$key"
  ( mqrecv --key="$key" --count=3 --remove ) &
  wait $!
fi
if command -v semwait >/dev/null 2>&1 && command -v shmput >/dev/null 2>&1; then
  say "semwait/semsig and shmput/shmget: a reader sleeps until a writer signals"
  skey=$(printf '0x%08x' $(( 0x49450000 + ($$ & 0xffff) )))
  # Whichever side comes first creates the semaphore at 0; the reader
  # sleeps in the kernel until the writer adds 1.  Nobody busy-waits.
  printf '$ (semwait --create --key=%s --remove && shmget --key=%s --remove) &\n' "$skey" "$skey"
  ( semwait --create --key="$skey" --timeout=10s --remove && shmget --key="$skey" --remove ) &
  reader=$!
  printf '$ printf "the answer is 42" | shmput --create --key=%s\n' "$skey"
  printf 'the answer is 42' | shmput --create --key="$skey"
  printf '$ semsig --create --key=%s\n' "$skey"
  semsig --create --key="$skey"
  wait "$reader"
fi
printf '\nEach tool has a man page: man sigcatch, man mqsend, man semwait, ...\n'
