#!/bin/bash
# A message over the limit -- kernel.msgmax, a queue's msg_qbytes (smaller
# than msgmax, such a message would block forever), a POSIX queue's
# mq_msgsize -- is not sent: status 1 naming the size and the limit, the
# messages before it stay sent and the error counts them (RELIABILITY 15,
# 16).  A record of standard input is read only until it passes the
# limit, then reported as "more than LIMIT bytes": an endless record ends
# the run (defect 12).  msg_qbytes lowered below the next message after
# the queue was opened is status 1, not a wait forever (defect 8).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_ipc_namespace_
fail=0

set_sysctl_ kernel.msgmax 8192
key_ k
hex=$(printf '0x%08x' $((k)))
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
prefix="mqsend: cannot send to message queue key $hex"

# Two lines, then 9000 bytes, then one more: two sent, the rest not.
{ echo one; echo two; head -c 9000 /dev/zero | tr '\0' x; echo; echo four; } > in
returns_ 1 timeout_ mqsend -k $k < in 2>err || fail=1
compare_text err "$prefix: message of more than 8192 bytes exceeds kernel.msgmax=8192 (2 messages sent)" || fail=1
test "$(qnum_ $k)" = 2 || fail=1
timeout_ mqrecv -k $k --all >out || fail=1
compare_text out one two || fail=1

# Exactly msgmax goes; one byte more does not; --c-string's NUL counts.
head -c 8192 /dev/zero | tr '\0' y > max
mqsend -k $k "$(cat max)" || fail=1
returns_ 1 timeout_ mqsend -k $k -C "$(cat max)" 2>err || fail=1
compare_text err "$prefix: message of 8193 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
returns_ 1 timeout_ mqsend -k $k --raw < <(cat max; echo) 2>err || fail=1
compare_text err "$prefix: message of more than 8192 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
test "$(qnum_ $k) $(qbytes_used_ $k)" = "1 8192" || fail=1
timeout_ mqrecv -k $k -r > out || fail=1
compare max out || fail=1

# A 1 MiB line and 1 MiB of --raw input: reading stops past the limit.
head -c 1048576 /dev/zero | tr '\0' z > huge
returns_ 1 timeout_ mqsend -k $k < huge 2>err || fail=1
compare_text err "$prefix: message of more than 8192 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
{ echo small; cat huge; echo; echo after; } | returns_ 1 timeout_ mqsend -k $k -z 2>err || fail=1
compare_text err "$prefix: message of more than 8192 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
returns_ 1 timeout_ mqsend -k $k -r < huge 2>err || fail=1
compare_text err "$prefix: message of more than 8192 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
test "$(qnum_ $k)" = 0 || fail=1

# An endless record: stopped at the limit, not read forever.
yes | tr -d '\n' | returns_ 1 timeout_ mqsend -k $k 2>err || fail=1
compare_text err "$prefix: message of more than 8192 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
yes | returns_ 1 timeout_ mqsend -k $k -r 2>err || fail=1
compare_text err "$prefix: message of more than 8192 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1

# msg_qbytes lowered below the next message while mqsend has the queue
# open (it waits for its input): refused at once, with or without -w.
key_ shrink
mqsend -c -k $shrink </dev/null || framework_failure_ "mqsend -c"
lower_qbytes_() {
  /usr/bin/python3 -c 'import sys, sysv_ipc; sysv_ipc.MessageQueue(int(sys.argv[1], 0)).max_size = 100' "$1"
}
if /usr/bin/python3 -c 'import sysv_ipc' 2>/dev/null; then
  for w in '' '-w 1'; do
    mkfifo feed
    timeout_ mqsend -k $shrink $w < feed 2>err & sender=$!
    exec 5>feed
    echo short >&5
    for ((i = 0; i < 500; i++)); do test "$(qnum_ $shrink)" = 1 && break; sleep 0.01; done
    lower_qbytes_ $shrink || framework_failure_ "lower msg_qbytes"
    head -c 200 /dev/zero | tr '\0' q >&5; echo >&5
    exec 5>&-
    wait $sender; st=$?
    rm feed
    test $st = 1 || { warn_ "lowered msg_qbytes [$w]: status $st"; fail=1; }
    compare_text err "mqsend: cannot send to message queue key $(printf '0x%08x' $((shrink))): message of 200 bytes exceeds msg_qbytes=100 (1 message sent)" || fail=1
    timeout_ mqrecv -k $shrink --all >/dev/null
    /usr/bin/python3 -c 'import sys, sysv_ipc; sysv_ipc.MessageQueue(int(sys.argv[1], 0)).max_size = 16384' $shrink
  done
fi

# A lowered kernel.msgmax applies to the next run.
set_sysctl_ kernel.msgmax 100
returns_ 1 timeout_ mqsend -k $k ok "$(head -c 101 max)" 2>err || fail=1
compare_text err "$prefix: message of 101 bytes exceeds kernel.msgmax=100 (1 message sent)" || fail=1
set_sysctl_ kernel.msgmax 8192

# A queue whose msg_qbytes (from kernel.msgmnb at creation) is below msgmax.
set_sysctl_ kernel.msgmnb 4096
key_ small
hex_small=$(printf '0x%08x' $((small)))
returns_ 1 timeout_ mqsend -c -k $small 'fits' "$(head -c 4097 max)" 2>err || fail=1
compare_text err "mqsend: cannot send to message queue key $hex_small: message of 4097 bytes exceeds msg_qbytes=4096 (1 message sent)" || fail=1
test "$(qnum_ $small)" = 1 || fail=1

# --create whose first message is refused leaves the queue it made (others
# may use it already: issue 6, defect 2) and says so.
key_ fresh
hex_fresh=$(printf '0x%08x' $((fresh)))
returns_ 1 timeout_ mqsend -c -k $fresh "$(head -c 4097 max)" 2>err || fail=1
compare_text err \
  "mqsend: cannot send to message queue key $hex_fresh: message of 4097 bytes exceeds msg_qbytes=4096 (0 messages sent)" \
  "mqsend: message queue key $hex_fresh was created by this run and is left behind" || fail=1
test "$(qnum_ $fresh)" = 0 || { warn_ "queue not left behind"; fail=1; }
ipcrm -Q $fresh

# POSIX: mq_msgsize.
if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n --message-size 64 </dev/null || fail=1
  { echo a; head -c 65 max; echo; echo c; } | returns_ 1 timeout_ mqsend -n $n 2>err || fail=1
  compare_text err "mqsend: cannot send to POSIX message queue '$n': message of more than 64 bytes exceeds mq_msgsize=64 (1 message sent)" || fail=1
  timeout_ mqrecv -n $n --all >out || fail=1
  compare_text out a || fail=1
fi

Exit $fail
