#!/bin/bash
# A message larger than mqrecv's first buffer (kernel.msgmax raised to
# 65536 while it waits, then one 60000-byte message) is received whole,
# never truncated and without spinning on E2BIG (RELIABILITY 20); the same
# with msgmax raised first, and for a POSIX queue of 60000-byte messages.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_ipc_namespace_
require_prog_ strace
fail=0

head -c 60000 /dev/urandom > big
set_sysctl_ kernel.msgmax 8192
set_sysctl_ kernel.msgmnb 65536

# mqrecv sizes its buffer from msgmax=8192 and waits; then the limit rises
# and a 60000-byte message arrives.
key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
# (LeakSanitizer cannot run under ptrace: a sanitizer build needs this.)
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
  timeout_ strace -f -o trace -e trace=msgrcv mqrecv -k $k -r > got 2>err & receiver=$!
wait_blocked_ $receiver || fail=1
set_sysctl_ kernel.msgmax 65536
mqsend -k $k -r < big || fail=1
wait $receiver || { warn_ "receiver failed"; fail=1; }
cmp big got || { warn_ "the message differs"; fail=1; }
compare /dev/null err || fail=1
# One msgrcv that blocked, one E2BIG when the buffer was too small, one
# that got it: no more.
n=$(grep -c 'msgrcv(' trace)
test $n -le 4 || { warn_ "$n msgrcv calls"; cat trace >&2; fail=1; }
grep -q MSG_NOERROR trace && { warn_ "MSG_NOERROR used"; fail=1; }

# With msgmax already 65536: straight through, text mode too.
mqsend -k $k -r < big || fail=1
timeout_ mqrecv -k $k -r > got || fail=1
cmp big got || fail=1
tr -d '\0\n' < big | head -c 59000 > text
mqsend -k $k -r < text || fail=1
timeout_ mqrecv -k $k > got || fail=1
{ cat text; echo; } | cmp - got || fail=1

# POSIX: a queue of 60000-byte messages.
if test -n "$mqueue_dir"; then
  set_sysctl_ fs.mqueue.msgsize_max 65536
  # RLIMIT_MSGQUEUE counts every queue of this uid, in every namespace:
  # another suite running at the same time may hold most of it.  Raised
  # where allowed (root).
  ulimit -q unlimited 2>/dev/null || :
  name_ n
  mqsend -c -n $n --message-size 60000 -r < big || fail=1
  timeout_ mqrecv -n $n -r > got || fail=1
  cmp big got || fail=1
fi

Exit $fail
