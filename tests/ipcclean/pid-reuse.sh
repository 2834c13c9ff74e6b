#!/bin/bash
# A recorded pid counts only if the process started before the object's
# last use: the creator's pid reused by a newer, unrelated process (made
# reproducible with /proc/sys/kernel/ns_last_pid) leaves the segment an
# orphan, and the reason says the pid was reused; a creator that is still
# alive keeps its segment in use.
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
require_prog_ ipcmk
test -w /proc/sys/kernel/ns_last_pid || skip_ "cannot write /proc/sys/kernel/ns_last_pid"
fail=0
sleeper_=
cleanup_() { stop_ $sleeper_ $live_; test -z "$mqueue_dir" || umount "$mqueue_dir" 2>/dev/null || :; }

id=$(ipcmk -M 100 -p 0600 | sed -n 's/^Shared memory id: //p')
key=$(key_of_ shm $id)
cpid=$(sysv_col_ shm $id 5)
test "$cpid" -gt 1 || framework_failure_ "no creator pid"

# A live creator: python3 makes a segment, attaches, detaches, stays.
/usr/bin/python3 -c 'import sysv_ipc' 2>/dev/null || skip_ "python3-sysv-ipc is missing"
/usr/bin/python3 -c '
import sysv_ipc, sys, time
m = sysv_ipc.SharedMemory(None, sysv_ipc.IPC_CREX, mode=0o600, size=200)
m.detach()  # attached on creation
print(m.id, flush=True)
time.sleep(100)' > live.id &
live_=$!
wait_for_file_ live.id || framework_failure_ "python3 segment"
lid=$(cat live.id) lkey=$(key_of_ shm $(cat live.id))

# The object times are whole seconds and the start time is measured from
# the boot time: a process that starts well over ipcclean's 2 s slack
# after the last use is newer for sure.
sleep 3.2
echo $((cpid - 1)) > /proc/sys/kernel/ns_last_pid
sleep 100 & sleeper_=$!
test "$sleeper_" = "$cpid" || framework_failure_ "pid $cpid not reused (got $sleeper_)"

ipcclean_ --older-than=0 -t shm
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "shm $id $key root 100 T orphan not attached; creator $cpid is gone (pid reused by a newer process); idle T" \
  "shm $lid $lkey root 200 T in-use creator $live_ (python3) is alive" || fail=1
compare_text err "ipcclean: 2 objects: 1 in use, 1 orphaned, 0 unknown" || fail=1

# The JSON says the same.
ipcclean_ --older-than=0 -t shm -i $id --json
/usr/bin/python3 -c '
import json, sys
o = json.load(open("out"))[0]
print(o["verdict"], o["cpid"], o["reasons"][1])' > got || fail=1
compare_text got "orphan $cpid creator $cpid is gone (pid reused by a newer process)" || fail=1

Exit $fail
