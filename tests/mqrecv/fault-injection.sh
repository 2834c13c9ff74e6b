#!/bin/bash
# Injected system call failures (RELIABILITY F17, with strace -e inject):
# EINTR from msgrcv, mq_timedreceive and mq_timedsend is retried (and a
# timeout stays accurate), short writes and EAGAIN on stdout still write
# every byte after the ones the kernel took, and EIDRM from msgsnd or
# msgrcv is a clear status 1.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_prog_ strace
fail=0

# inject_ SPEC CMD...: run CMD with the strace fault SPEC.  (LeakSanitizer
# cannot run under ptrace: a sanitizer build needs detect_leaks=0.)
inject_() {
  local spec=$1; shift
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
    timeout_ strace -f -o /dev/null -e inject="$spec" "$@"
}

key_ k
hex=$(printf '0x%08x' $((k)))
mqsend -c -k $k hello || framework_failure_ "mqsend -c"

inject_ msgrcv:error=EINTR:when=1..3 mqrecv -k $k >out 2>err || fail=1
compare_text out hello || fail=1
compare /dev/null err || fail=1

# The deadline still holds: 0.3 s, EINTRs or not.
elapsed_ms_ inject_ msgrcv:error=EINTR:when=1..3 mqrecv -k $k -w 0.3 >out 2>err
test $status_ = 3 || { warn_ "EINTR + timeout: status $status_"; fail=1; }
test $ms_ -ge 300 && test $ms_ -lt 3000 || { warn_ "EINTR + timeout: $ms_ ms"; fail=1; }
compare_text err "mqrecv: cannot receive from message queue key $hex: timed out (0 of 1 message received)" || fail=1

# A send interrupted by EINTR goes through, once.
inject_ msgsnd:error=EINTR:when=1..3 mqsend -k $k again || fail=1
test "$(qnum_ $k)" = 1 || fail=1
timeout_ mqrecv -k $k >out || fail=1
compare_text out again || fail=1

# Short writes: strace skips the write and claims 1 byte five times, so
# the first five bytes never reach the file; everything after them does.
mqsend -k $k abcdefghij klm || fail=1
inject_ write:retval=1:when=1..5 mqrecv -k $k -N 2 >out 2>err || fail=1
printf 'fghij\nklm\n' > exp
compare exp out || fail=1
compare /dev/null err || fail=1
# EAGAIN on a non-blocking stdout: waited out, nothing lost.
mqsend -k $k abc || fail=1
inject_ write:error=EAGAIN:when=1 mqrecv -k $k >out 2>err || fail=1
compare_text out abc || fail=1

# EIDRM: the queue is gone, say so.
returns_ 1 inject_ msgsnd:error=EIDRM mqsend -k $k x >out 2>err || fail=1
compare_text err "mqsend: cannot send to message queue key $hex: the queue was removed (0 messages sent)" || fail=1
returns_ 1 inject_ msgrcv:error=EIDRM mqrecv -k $k >out 2>err || fail=1
compare_text err "mqrecv: cannot receive from message queue key $hex: the queue was removed (0 of 1 message received)" || fail=1
test "$(qnum_ $k)" = 0 || fail=1

if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n hi || fail=1
  inject_ mq_timedreceive:error=EINTR:when=1..3 mqrecv -n $n >out || fail=1
  compare_text out hi || fail=1
  inject_ mq_timedsend:error=EINTR:when=1..3 mqsend -n $n there || fail=1
  inject_ mq_timedsend:error=EINTR:when=1..3 mqsend -n $n -w 1 timed || fail=1
  timeout_ mqrecv -n $n --all >out || fail=1
  compare_text out there timed || fail=1
fi

Exit $fail
