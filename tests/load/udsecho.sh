#!/bin/bash
# Load: 1 000 udsecho clients started at once against one `udsecho -l
# --count=1000 --max-clients=100` server, so that most of them wait in the
# listen backlog while 100 are served: each client gets back exactly its
# own bytes (every client's stream is unique), no client reports an
# error, and the server exits 0 after serving exactly the 1 000.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/udsecho/lib.sh"
. "$abs_top_srcdir/tests/load/lib.sh"
require_prog_ python3
fail=0

clients=1000 max_clients=100
# 100 lines of 20-odd bytes per client, each naming its client.
awk -v n=$clients 'BEGIN {
  for (i = 1; i <= n; i++) {
    f = "in." i
    for (j = 1; j <= 100; j++) printf "client %d line %d\n", i, j > f
    close(f)
  }
}' || framework_failure_ "inputs"

start_server_ pf --count=$clients --max-clients=$max_clients s
# Each client's -w is its hang guard (no timeout process per client).
pids=()
for i in $(seq $clients); do
  udsecho -w "$TEST_TIMEOUT" s < in.$i > out.$i 2> err.$i &
  pids+=($!)
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
test $failed = 0 || { warn_ "$failed clients failed"; fail=1; }
load_step_ "$clients clients done"
returns_ 0 wait "$server_job" || fail=1
compare /dev/null pf.err || fail=1

python3 - $clients <<'EOP' >&2 || fail=1
import sys
bad = 0
for i in range(1, int(sys.argv[1]) + 1):
    sent = open("in.%d" % i, "rb").read()
    got = open("out.%d" % i, "rb").read()
    err = open("err.%d" % i, "rb").read()
    if got != sent or err:
        bad += 1
        if bad <= 10:
            print("client %d: sent %d bytes, got %d; stderr %r" % (i, len(sent), len(got), err[:200]))
if bad:
    print("%d clients got something else" % bad)
sys.exit(1 if bad else 0)
EOP

load_time_ "$clients clients at once, $max_clients served at a time"
Exit $fail
