#!/bin/bash
# --create, --exclusive and --mode for System V and POSIX queues, from
# mqsend and mqrecv: 0600 by default, exactly --mode whatever the umask,
# --exclusive refuses an existing queue, a plain --create reuses our own,
# a failed --create leaves the queue it made, with another sender's
# message on it, and says so (issue 6, defect 2),
# and POSIX --max-messages/--message-size shape the queue, within the
# /proc/sys/fs/mqueue limits (a value over them names the file).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

# --- System V ------------------------------------------------------------------
key_ k1; key_ k2; key_ k3
umask 022
mqsend -c -k $k1 a || fail=1
test "$(qperms_ $k1)" = 600 || { warn_ "default mode $(qperms_ $k1)"; fail=1; }
# The umask does not narrow a System V mode, and --mode is exact.
(umask 077 && mqsend --create --mode=0666 -k $k2 b) || fail=1
test "$(qperms_ $k2)" = 666 || { warn_ "mode 0666 gave $(qperms_ $k2)"; fail=1; }
(umask 000 && mqrecv -c -m 640 -k $k3 --nonblock 2>/dev/null; test $? = 3) || fail=1
test "$(qperms_ $k3)" = 640 || { warn_ "mqrecv -c -m 640 gave $(qperms_ $k3)"; fail=1; }

# --create on our own existing queue: used as it is (mode unchanged).
id1=$(qid_ $k1)
mqsend -c -m 0644 -k $k1 c || fail=1
test "$(qid_ $k1)" = "$id1" || fail=1
test "$(qperms_ $k1)" = 600 || fail=1
test "$(qnum_ $k1)" = 2 || fail=1

# --exclusive: a new queue, or status 1.
hex1=$(printf '0x%08x' $((k1)))
for prog in mqsend mqrecv; do
  returns_ 1 timeout_ $prog -x -k $k1 </dev/null >out 2>err || fail=1
  compare /dev/null out || fail=1
  compare_text err "$prog: cannot create message queue key $hex1: File exists" || fail=1
done
test "$(qnum_ $k1)" = 2 || fail=1
key_ k4
mqsend --exclusive -k $k4 fresh || fail=1
test "$(qnum_ $k4)" = 1 || fail=1
for k in $k1 $k2 $k3 $k4; do ipcrm -Q $k; done

# A --create that fails after another process used the new queue: the
# queue stays, with the other sender's message, and the error says so.
# Its input comes through a FIFO, so it holds the new queue open while the
# other sender sends; then its one record is too big.
# left_behind_ SELECTOR TOO_BIG: run it; check the queue is left behind.
left_behind_() {
  local sel=$1 size=$2 desc=$3 i
  rm -f input; mkfifo input
  mqsend -c $sel < input 2>err & creator=$!
  exec 8> input
  for ((i = 0; i < 1000; i++)); do
    timeout_ mqsend $sel other 2>/dev/null && break
    sleep 0.01
  done
  head -c "$size" /dev/zero >&8
  exec 8>&-
  returns_ 1 wait_bounded_ $creator || fail=1
  tail -n 1 err > err.last
  compare_text err.last "mqsend: $desc was created by this run and is left behind" || fail=1
  timeout_ mqrecv $sel --nonblock >out || fail=1
  compare_text out other || fail=1
}
key_ k5
left_behind_ "-k $k5" $(($(cat /proc/sys/kernel/msgmax) + 1)) \
  "message queue key $(printf '0x%08x' $((k5)))"
ipcrm -Q $k5

# --- POSIX ---------------------------------------------------------------------
require_mqueue_dir_
name_ n1; name_ n2; name_ n3
mqsend -c -n $n1 a || fail=1
test "$(stat -c %a "$mqueue_dir$n1")" = 600 || fail=1
(umask 077 && mqsend -c -m 0644 -n $n2 b) || fail=1
test "$(stat -c %a "$mqueue_dir$n2")" = 644 || { warn_ "POSIX 0644 under umask 077"; fail=1; }
(umask 000 && mqrecv -c -m 0 -n $n3 --nonblock 2>/dev/null; test $? = 3) || fail=1
test "$(stat -c %a "$mqueue_dir$n3")" = 0 || fail=1
# Reused as it is.
mqsend -c -m 0666 -n $n1 c || fail=1
test "$(stat -c %a "$mqueue_dir$n1")" = 600 || fail=1
for prog in mqsend mqrecv; do
  returns_ 1 timeout_ $prog -x -n $n1 </dev/null >out 2>err || fail=1
  compare_text err "$prog: cannot create POSIX message queue '$n1': File exists" || fail=1
done
timeout_ mqrecv -n $n1 -N 2 >out || fail=1
compare_text out a c || fail=1

name_ n4
left_behind_ "-n $n4" $(($(cat /proc/sys/fs/mqueue/msgsize_default) + 1)) \
  "POSIX message queue '$n4'"

# --max-messages and --message-size.
name_ small
mqsend -c -n $small --max-messages 2 --message-size 16 one two || fail=1
returns_ 3 timeout_ mqsend -n $small --nonblock three 2>err || fail=1
compare_text err "mqsend: cannot send to POSIX message queue '$small': the queue is full (0 messages sent)" || fail=1
timeout_ mqrecv -n $small -N 2 >out || fail=1
compare_text out one two || fail=1
returns_ 1 mqsend -n $small 0123456789abcdef 0123456789abcdefg 2>err || fail=1
compare_text err "mqsend: cannot send to POSIX message queue '$small': message of 17 bytes exceeds mq_msgsize=16 (1 message sent)" || fail=1
# Only one of the two: the other is the system default.
name_ dflt
mqrecv -c -n $dflt --message-size 1K --nonblock 2>/dev/null
test $? = 3 || fail=1
head -c 1024 /dev/zero | mqsend -n $dflt -r || fail=1
head -c 1025 /dev/zero | returns_ 1 mqsend -n $dflt -r 2>err || fail=1
compare_text err "mqsend: cannot send to POSIX message queue '$dflt': message of more than 1024 bytes exceeds mq_msgsize=1024 (0 messages sent)" || fail=1

# Over the limits: status 1 naming the file to raise; nothing created.
msg_max=$(cat /proc/sys/fs/mqueue/msg_max)
msgsize_max=$(cat /proc/sys/fs/mqueue/msgsize_max)
name_ over
for prog in mqsend mqrecv; do
  returns_ 1 timeout_ $prog -c -n $over --max-messages $((msg_max + 1)) </dev/null 2>err || fail=1
  compare_text err "$prog: cannot create POSIX message queue '$over': $((msg_max + 1)) messages exceed the limit of $msg_max in /proc/sys/fs/mqueue/msg_max" || fail=1
  returns_ 1 timeout_ $prog -c -n $over --message-size $((msgsize_max + 1)) </dev/null 2>err || fail=1
  compare_text err "$prog: cannot create POSIX message queue '$over': messages of $((msgsize_max + 1)) bytes exceed the limit of $msgsize_max in /proc/sys/fs/mqueue/msgsize_max" || fail=1
done
test ! -e "$mqueue_dir$over" || { warn_ "$over was created"; fail=1; }

Exit $fail
