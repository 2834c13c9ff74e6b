#!/bin/bash
# Kernel limits reached (RELIABILITY 21, F21), in the private namespace:
# kernel.msgmni, fs.mqueue.queues_max and RLIMIT_MSGQUEUE make --create
# fail with status 1 naming the limit to raise; nothing is half-created.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_ipc_namespace_
fail=0

# kernel.msgmni: as many queues as there are.
key_ k1; key_ k2
mqsend -c -k $k1 </dev/null || framework_failure_ "mqsend -c"
set_sysctl_ kernel.msgmni $(nqueues_)
hex2=$(printf '0x%08x' $((k2)))
for prog in mqsend mqrecv; do
  returns_ 1 timeout_ $prog -c -k $k2 </dev/null >out 2>err || fail=1
  compare_text err "$prog: cannot create message queue key $hex2: No space left on device (the system limit kernel.msgmni=$(nqueues_) is reached)" || fail=1
done
test -z "$(qid_ $k2)" || fail=1
# Opening an existing one still works.
mqsend -c -k $k1 fine || fail=1

if test -n "$mqueue_dir"; then
  # RLIMIT_MSGQUEUE (ulimit -q) counts the queue's bytes.
  name_ n
  (ulimit -q 1000 && exec mqsend -c -n $n --max-messages 10 --message-size 8192 </dev/null) 2>err
  test $? = 1 || { warn_ "RLIMIT_MSGQUEUE: status not 1"; fail=1; }
  compare_text err "mqsend: cannot create POSIX message queue '$n': Too many open files, or 10 messages of 8192 bytes exceed RLIMIT_MSGQUEUE (1000 bytes; see ulimit -q)" || fail=1
  test ! -e "$mqueue_dir$n" || fail=1

  # fs.mqueue.queues_max binds users without CAP_SYS_RESOURCE.
  if command -v setpriv >/dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups \
       mqsend --version >/dev/null 2>&1; then
    name_ first; name_ second
    set_sysctl_ fs.mqueue.queues_max 1
    timeout_ setpriv --reuid=nobody --regid=nogroup --clear-groups mqsend -c -n $first </dev/null || fail=1
    returns_ 1 timeout_ setpriv --reuid=nobody --regid=nogroup --clear-groups \
      mqsend -c -n $second </dev/null 2>err || fail=1
    compare_text err "mqsend: cannot create POSIX message queue '$second': No space left on device (the system limit /proc/sys/fs/mqueue/queues_max=1 is reached)" || fail=1
    test ! -e "$mqueue_dir$second" || fail=1
  fi
fi

Exit $fail
