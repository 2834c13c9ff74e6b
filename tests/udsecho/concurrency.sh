#!/bin/bash
# 200 concurrent clients each sending 1 MiB get exactly their own bytes
# back; a client that sends without reading stalls nobody else and does
# not make the server spin; descriptors return to their number.
. "$abs_top_srcdir/tests/init.sh"
. "$srcdir/tests/udsecho/lib.sh"
require_prog_ socat
require_prog_ python3
fail=0
export TEST_TIMEOUT=120

head -c 1048576 /dev/urandom > base
start_server_ pf s
fds_before=$(ls /proc/"$server_pid"/fd | wc -l)

# Each client's stream is unique (its number first and last), so bytes
# crossing between clients would show in the checksums.
for i in $(seq 200); do
  # -w bounds each client; no timeout process needed per client.
  { printf 'client %d\n' "$i"; cat base; printf 'end %d\n' "$i"; } \
    | udsecho -r -w 30 s | sha256sum > "sum.$i" &
done
wait $(jobs -p | grep -v -x "$server_job")
# The expected sums in one process: hundreds of little ones are slow on a
# loaded machine.
python3 -c '
import hashlib
base = open("base", "rb").read()
for i in range(1, 201):
    data = b"client %d\n" % i + base + b"end %d\n" % i
    print(hashlib.sha256(data).hexdigest() + "  -")
' > sums.exp
cat $(seq -f 'sum.%g' 200) > sums
compare sums.exp sums || fail=1

# A client that never reads (socat -u only writes): once its unsent echo
# reaches the bound the server stops reading it.
head -c 8388608 /dev/zero > zeros
timeout 60 socat -u FILE:zeros UNIX-CONNECT:s 2>/dev/null &
stuck=$!
# Wait until the server has taken the stuck client on (its socket and pipe).
taken_() { test "$(ls /proc/"$server_pid"/fd | wc -l)" -ge $((fds_before + 3)); }
retry_delay_ taken_ 0.05 8 || { warn_ "the stuck client was not accepted"; fail=1; }
others=()
for i in $(seq 20); do
  printf 'other %d\n' "$i" > "in.$i"
  timeout_ udsecho -w 10 s < "in.$i" > "out.$i" 2>"err.$i" &
  others+=($!)
done
wait "${others[@]}"
for i in $(seq 20); do
  compare "in.$i" "out.$i" || fail=1
  compare /dev/null "err.$i" || fail=1
done

# Idle with the stuck client: the server sleeps in epoll_wait, it does
# not poll (system calls counted over one second).
if command -v strace >/dev/null; then
  timeout -s INT 1 strace -q -p "$server_pid" -o trace >/dev/null 2>&1
  calls=$(grep -c . trace)
  test "$calls" -le 10 || { warn_ "$calls system calls while idle:"; head -20 trace >&2; fail=1; }
fi
kill "$stuck"; wait "$stuck"

# Every client's descriptors are gone again.
settle_() { test "$(ls /proc/"$server_pid"/fd | wc -l)" = "$fds_before"; }
retry_delay_ settle_ 0.05 8 || { warn_ "fds: $fds_before before, $(ls /proc/"$server_pid"/fd | wc -l) after"; fail=1; }
stop_server_ || fail=1
compare /dev/null pf.err || fail=1

Exit $fail
