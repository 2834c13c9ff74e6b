#!/bin/bash
# A message over the limit -- kernel.msgmax, a queue's msg_qbytes (smaller
# than msgmax, such a message would block forever), a POSIX queue's
# mq_msgsize -- is not sent: status 1 naming the size and the limit, the
# messages before it stay sent and the error counts them (RELIABILITY 15,
# 16).  Lines far longer than any limit are measured, not buffered.
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
compare_text err "$prefix: message of 9000 bytes exceeds kernel.msgmax=8192 (2 messages sent)" || fail=1
test "$(qnum_ $k)" = 2 || fail=1
timeout_ mqrecv -k $k --all >out || fail=1
compare_text out one two || fail=1

# Exactly msgmax goes; one byte more does not; --c-string's NUL counts.
head -c 8192 /dev/zero | tr '\0' y > max
mqsend -k $k "$(cat max)" || fail=1
returns_ 1 timeout_ mqsend -k $k -C "$(cat max)" 2>err || fail=1
compare_text err "$prefix: message of 8193 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
returns_ 1 timeout_ mqsend -k $k --raw < <(cat max; echo) 2>err || fail=1
compare_text err "$prefix: message of 8193 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
test "$(qnum_ $k) $(qbytes_used_ $k)" = "1 8192" || fail=1
timeout_ mqrecv -k $k -r > out || fail=1
compare max out || fail=1

# A 1 MiB line and 1 MiB of --raw input: measured exactly.
head -c 1048576 /dev/zero | tr '\0' z > huge
returns_ 1 timeout_ mqsend -k $k < huge 2>err || fail=1
compare_text err "$prefix: message of 1048576 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
{ echo small; cat huge; echo; echo after; } | returns_ 1 timeout_ mqsend -k $k -z 2>err || fail=1
compare_text err "$prefix: message of 1048589 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
returns_ 1 timeout_ mqsend -k $k -r < huge 2>err || fail=1
compare_text err "$prefix: message of 1048576 bytes exceeds kernel.msgmax=8192 (0 messages sent)" || fail=1
test "$(qnum_ $k)" = 0 || fail=1

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
  compare_text err "mqsend: cannot send to POSIX message queue '$n': message of 65 bytes exceeds mq_msgsize=64 (1 message sent)" || fail=1
  timeout_ mqrecv -n $n --all >out || fail=1
  compare_text out a || fail=1
fi

Exit $fail
