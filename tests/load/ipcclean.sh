#!/bin/bash
# Load: ipcclean over 30 300 System V objects.  A user (uid 1000) left
# 10 000 message queues, 10 000 semaphore sets and 10 000 segments behind
# (the process that made and used them has exited: orphans); another user
# (uid 1001) has a live process that created 100 of each and keeps its
# segments attached (in use).  The dry run lists every object with the
# right verdict and removes nothing; --remove removes exactly the 30 000
# orphans, and /proc/sysvipc then holds exactly the 300 objects in use.
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
. "$abs_top_srcdir/tests/lib/common.sh"
. "$abs_top_srcdir/tests/load/lib.sh"
require_prog_ setpriv
/usr/bin/python3 -c 'import sysv_ipc' 2>/dev/null || skip_ "python3-sysv-ipc is missing"
fail=0

orphans=10000 live=100
kinds="msg sem shm"
total=$(( 3 * (orphans + live) ))
# The limits of this private IPC namespace (the defaults allow only 4096
# segments).
set_sysctl_ kernel.shmmni 32768
set_sysctl_ kernel.msgmni 32768
set_sysctl_ kernel.sem "32000 1024000000 500 32768"

# make_py FIRST_KEY COUNT [hold] (run as another user, who cannot read
# the test directory): COUNT objects of each kind, keys FIRST_KEY
# on, each used once (a message sent and received, a semaphore set, a
# segment attached and detached) so the kernel records the pid; with
# "hold" the segments stay attached and the process waits until killed.
make_py=$(cat <<'EOP'
import os, signal, sys, sysv_ipc
first, count = int(sys.argv[1], 0), int(sys.argv[2])
hold = len(sys.argv) > 3
held = []
for i in range(count):
    q = sysv_ipc.MessageQueue(first + i, sysv_ipc.IPC_CREX, mode=0o600)
    q.send(b"x")
    q.receive()
    sysv_ipc.Semaphore(first + count + i, sysv_ipc.IPC_CREX, mode=0o600, initial_value=1)
    m = sysv_ipc.SharedMemory(first + 2 * count + i, sysv_ipc.IPC_CREX, mode=0o600, size=64)
    if hold:
        held.append(m)
    else:
        m.detach()
sys.stdout.write("ready\n")
sys.stdout.flush()
if hold:
    signal.pause()
EOP
)
setpriv --reuid=1000 --regid=1000 --clear-groups /usr/bin/python3 -c "$make_py" 0x4c000000 $orphans \
  > made || framework_failure_ "uid 1000's objects"
setpriv --reuid=1001 --regid=1001 --clear-groups /usr/bin/python3 -c "$make_py" 0x4d000000 $live hold \
  > holder.out & holder=$!
wait_for_file_ holder.out 120 || framework_failure_ "uid 1001's objects"
# The owner's uid is column 5 of /proc/sysvipc/sem, column 8 of the others.
for t in $kinds; do
  c=8; test $t = sem && c=5
  awk -v c=$c 'NR > 1 && $c == 1000 { print $2 }' /proc/sysvipc/$t | sort -n > orphans.$t
  awk -v c=$c 'NR > 1 && $c == 1001 { print $2 }' /proc/sysvipc/$t | sort -n > live.$t
  test "$(wc -l < orphans.$t) $(wc -l < live.$t)" = "$orphans $live" \
    || framework_failure_ "$t: $(wc -l < orphans.$t) and $(wc -l < live.$t) objects"
done
load_step_ "$total objects made"

# The dry run: one row per object, the right verdict, nothing removed.
ipcclean_ --older-than=0
test $st_ = 0 || { warn_ "dry run: status $st_"; fail=1; }
compare_text err "ipcclean: $total objects: $((3 * live)) in use, $((3 * orphans)) orphaned, 0 unknown" \
  || fail=1
# TYPE ID KEY OWNER ... VERDICT: count the verdicts per type and owner.
awk 'NR > 1 { print $1, $4, ($7 == "in-use" || $7 == "orphan" || $7 == "unknown") ? $7 : "?" }' out \
  | sort | uniq -c | awk '{ print $2, $3, $4, $1 }' | sort > verdicts
name1=$(id -nu 1000 2>/dev/null || echo 1000) name2=$(id -nu 1001 2>/dev/null || echo 1001)
for t in $kinds; do
  echo "$t $name1 orphan $orphans"
  echo "$t $name2 in-use $live"
done | sort > verdicts.exp
compare verdicts.exp verdicts || fail=1
test "$(head -n 1 out | tr -s ' ')" = "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  || { warn_ "header: $(head -n 1 out)"; fail=1; }
for t in $kinds; do
  test "$(( $(sysv_count_ $t) ))" = $((orphans + live)) || { warn_ "dry run removed a $t"; fail=1; }
done
load_step_ "dry run done"

# --remove: exactly the orphans go, each reported once.
ipcclean_ --older-than=0 --remove
test $st_ = 0 || { warn_ "--remove: status $st_"; fail=1; }
compare_text err \
  "ipcclean: $total objects: $((3 * live)) in use, $((3 * orphans)) orphaned, 0 unknown; $((3 * orphans)) of $((3 * orphans)) orphans removed" \
  || fail=1
sed -n 's/^removed: message queue id \([0-9]*\)$/\1/p' out | sort -n > removed.msg
sed -n 's/^removed: semaphore set id \([0-9]*\)$/\1/p' out | sort -n > removed.sem
sed -n 's/^removed: shared memory segment id \([0-9]*\)$/\1/p' out | sort -n > removed.shm
test "$(grep -c '^removed: ' out)" = $((3 * orphans)) \
  || { warn_ "$(grep -c '^removed: ' out) lines 'removed:'"; fail=1; }
for t in $kinds; do
  compare orphans.$t removed.$t || { warn_ "$t: removed other objects than the orphans"; fail=1; }
  awk 'NR > 1 { print $2 }' /proc/sysvipc/$t | sort -n > left.$t
  compare live.$t left.$t || { warn_ "$t: the objects left are not those in use"; fail=1; }
done
load_step_ "--remove done"

kill $holder
load_time_ "$total objects, dry run and --remove"
Exit $fail
