#!/bin/bash
# A process blocked in semop keeps its semaphore set (semncnt, and the
# waiter named from /proc/PID/syscall); a process blocked in msgrcv keeps
# its queue (which has no waiter count: only /proc/PID/syscall shows it).
# Neither is removed.  Once the waiters are gone, objects that were never
# operated on are unknown, never orphans.
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
require_prog_ ipcmk
case $(uname -m) in
  x86_64) semop_nrs='65|220' msgrcv_nr=70 ;;
  aarch64) semop_nrs='193|192' msgrcv_nr=188 ;;
  *) skip_ "system call numbers of $(uname -m) unknown to this test" ;;
esac
fail=0

semid=$(ipcmk -S 1 -p 0600 | sed -n 's/^Semaphore id: //p')
qid=$(ipcmk -Q -p 0600 | sed -n 's/^Message queue id: //p')
semkey=$(key_of_ sem $semid) qkey=$(key_of_ msg $qid)
start_holder_ semw semop $semid
start_holder_ msgw msgrcv $qid
# blocked_ PID NRS: wait until PID sleeps in one of the calls NRS.
blocked_() {
  local i
  for ((i = 0; i < 1000; i++)); do
    [[ $(cat /proc/$1/syscall 2>/dev/null) =~ ^($2)\  ]] && return 0
    sleep 0.01
  done
  return 1
}
blocked_ $semw "$semop_nrs" && blocked_ $msgw $msgrcv_nr || framework_failure_ "not blocked"

ipcclean_ --older-than=0 --remove -u root
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "msg $qid $qkey root 0 T in-use pid $msgw (ipc-holder) waits on it" \
  "sem $semid $semkey root 1 T in-use 1 process waits on it; pid $semw (ipc-holder) waits on it" \
  || fail=1
compare_text err "ipcclean: 2 objects: 2 in use, 0 orphaned, 0 unknown; 0 of 0 orphans removed" \
  || fail=1

stop_ $semw $msgw
ipcclean_ --older-than=0 --remove -u root
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "msg $qid $qkey root 0 T unknown never operated on; creator unknown" \
  "sem $semid $semkey root 1 T unknown never operated on; creator unknown" \
  || fail=1
test "$(sem_id_by_key_ $semkey) $(msg_id_by_key_ $qkey)" = "$semid $qid" \
  || { warn_ "removed"; fail=1; }

Exit $fail
