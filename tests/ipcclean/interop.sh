#!/bin/bash
# Objects made by util-linux's ipcmk, by python3-sysv-ipc and by the
# tutorial's programs show in ipcclean with the ids, keys, owners and sizes
# that ipcs prints; --json parses with a JSON parser, its numbers are
# numbers, its times ISO 8601 UTC, and it agrees with the table.
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
require_prog_ ipcmk
require_prog_ ipcs
/usr/bin/python3 -c 'import sysv_ipc' 2>/dev/null || skip_ "python3-sysv-ipc is missing"
fail=0

ipcmk -M 1000 >/dev/null && ipcmk -S 3 >/dev/null && ipcmk -Q >/dev/null \
  || framework_failure_ "ipcmk"
/usr/bin/python3 -c '
import sysv_ipc
m = sysv_ipc.SharedMemory(0x1234, sysv_ipc.IPC_CREX, size=8192); m.detach()
s = sysv_ipc.Semaphore(0xabcdef01, sysv_ipc.IPC_CREX, initial_value=0); s.release()
q = sysv_ipc.MessageQueue(0x7fffffff, sysv_ipc.IPC_CREX); q.send(b"hello")' \
  || framework_failure_ "python3"
touch shmfile msgqueuefile
echo data | shm_writer >/dev/null && tut-sender >/dev/null || framework_failure_ "tutorial"

# What ipcs says: type id key owner size, sorted like ipcclean.
{
  ipcs -q | awk '$1 ~ /^0x/ { print "msg", $2, $1, $3, $5 }' | sort -k2n
  ipcs -s | awk '$1 ~ /^0x/ { print "sem", $2, $1, $3, $5 }' | sort -k2n
  ipcs -m | awk '$1 ~ /^0x/ { print "shm", $2, $1, $3, $5 }' | sort -k2n
} > ipcs.out
test "$(wc -l < ipcs.out)" = 8 || framework_failure_ "ipcs lists $(wc -l < ipcs.out) objects"

ipcclean_ --older-than=0 -t msg,sem,shm
test $st_ = 0 || fail=1
awk 'NR > 1 { print $1, $2, $3, $4, $5 }' out > ours
compare ipcs.out ours || fail=1

ipcclean_ --older-than=0 -t msg,sem,shm --json
test $st_ = 0 || fail=1
/usr/bin/python3 -m json.tool out > /dev/null || { warn_ "invalid JSON"; fail=1; }
/usr/bin/python3 - out ours <<'PY' || fail=1
import json, re, sys
objs = json.load(open(sys.argv[1]))
rows = [l.split() for l in open(sys.argv[2])]
assert len(objs) == len(rows), (len(objs), len(rows))
iso = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
def is_int(v): return isinstance(v, int) and not isinstance(v, bool)
for o, r in zip(objs, rows):
    size = {"shm": "size", "sem": "nsems", "msg": "bytes"}[o["type"]]
    got = [o["type"], str(o["id"]), "0x%08x" % o["key"], o["owner"], str(o[size])]
    assert got == r, (got, r)
    for f in ("id", "key", "uid", "cuid", "gid", "mode", "idle", size):
        assert is_int(o[f]), (f, o[f])
    assert o["name"] is None
    assert iso.match(o["last_use"]), o["last_use"]
    assert o["verdict"] in ("in-use", "orphan", "unknown"), o["verdict"]
    assert isinstance(o["reasons"], list) and all(isinstance(x, str) for x in o["reasons"])
    assert "removal" not in o
m = [o for o in objs if o["type"] == "msg" and o["key"] == 0x7fffffff][0]
assert (m["messages"], m["bytes"]) == (1, 5), m
PY

# No objects: an empty array, and an empty table.
ipcrm -a || framework_failure_ "ipcrm -a"
ipcclean_ --json -t msg,sem,shm
compare_text out "[]" || fail=1
ipcclean_ -t msg,sem,shm
compare /dev/null out || fail=1
compare_text err "ipcclean: 0 objects: 0 in use, 0 orphaned, 0 unknown" || fail=1

Exit $fail
