#!/bin/bash
# The PostgreSQL rule: a server attached to its segment keeps the
# semaphore set whose last operations were made by an exited backend, and
# the queues of its uid (which still hold a message from the tutorial's
# sender); once the server is gone, the set and the queue are orphans, the
# queue's messages counted, and --remove -u root removes them all.
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
fail=0

start_holder_ server pg 0x5432 4
read -r _ shmid semid < "$(grep -l '^ready ' "$test_dir_"/holder.*)"
test -n "$semid" || framework_failure_ "pg holder"
backend=$(ipcs -s -i $semid | awk '$1 ~ /^[0-9]+$/ && NF == 5 { print $5; exit }')
test -n "$backend" && test "$backend" != 0 || framework_failure_ "no backend pid"
kill -0 $backend 2>/dev/null && framework_failure_ "backend $backend still alive"
semkey=$(key_of_ sem $semid)

touch msgqueuefile
tut-sender > /dev/null || framework_failure_ "tut-sender"
qid=$(awk 'NR > 1 { print $2 }' /proc/sysvipc/msg)
qkey=$(key_of_ msg $qid)
sender=$(sysv_col_ msg $qid 6)

held="pid $server (ipc-holder) of uid 0 holds shared memory segment $shmid attached"
ipcclean_ --older-than=0 -t sem,msg
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "msg $qid $qkey root 128 T in-use $held" \
  "sem $semid $semkey root 4 T in-use $held" || fail=1

ipcclean_ --older-than=0 --remove -u root -t sem,msg
test $st_ = 0 || fail=1
test "$(sem_id_by_key_ $semkey)" = $semid || { warn_ "semaphores removed"; fail=1; }
test "$(msg_id_by_key_ $qkey)" = $qid || { warn_ "queue removed"; fail=1; }

# The server stops: its semaphores and the queue are orphans.
stop_ $server
ipcclean_ --older-than=0 --remove -u root
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "msg $qid $qkey root 128 T orphan nobody waits on it; last sender $sender is gone; holds 1 message (128 bytes); idle T" \
  "sem $semid $semkey root 4 T orphan nobody waits on it; last user $backend is gone; idle T" \
  "shm $shmid 0x00005432 root 4096 T orphan not attached; creator $server is gone; idle T" \
  "removed: message queue id $qid" \
  "removed: semaphore set id $semid" \
  "removed: shared memory segment id $shmid" || fail=1
compare_text err "ipcclean: 3 objects: 0 in use, 3 orphaned, 0 unknown; 3 of 3 orphans removed" \
  || fail=1
test -z "$(awk 'FNR > 1' /proc/sysvipc/shm /proc/sysvipc/sem /proc/sysvipc/msg)" \
  || { warn_ "objects left"; fail=1; }

Exit $fail
