#!/bin/bash
# Injected system call failures (strace -e inject, RELIABILITY F17): EINTR
# in sendfile, write, pread and the lock's semtimedop is retried (the
# output is complete, a timeout still fires on time); a failed sendfile
# hands over to the buffered copy; ENOMEM from shmat and a failed write
# are clear one-line errors with status 1.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

require_prog_ strace
strace -o /dev/null -e inject=write:error=EINTR:when=1 true 2>/dev/null \
  || skip_ "strace cannot inject faults here"
key_ k
name_ n
all_bytes_ > all
for ((i = 0; i < 64; i++)); do cat all; done > in16k
shmput -c -k $k in16k || fail=1
shmput -c -n $n in16k || fail=1

# inject_ SYSCALL:SPEC... CMD...: CMD under strace, each SPEC injected into
# its SYSCALL (which is traced, for the injection to happen).
# LeakSanitizer cannot run under ptrace: off for traced sanitizer builds.
inject_() {
  local opts=() calls=
  while [[ $1 == *:*=* ]]; do
    opts+=(-e inject="$1") calls+=${calls:+,}${1%%:*}
    shift
  done
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
    strace -o /dev/null -e trace="$calls" "${opts[@]}" "$@"
}
# To a regular file the segment goes out with sendfile where it opens as a
# file (a POSIX object; a System V segment for root): EINTR is retried,
# and a failure hands the rest to the buffered copy, which names the
# error.  With sendfile refused (ENOSYS, as under a seccomp filter) the
# buffered copy does it all: write, and pread for POSIX.
nosendfile=sendfile:error=ENOSYS
for sel in "-k $k" "-n $n"; do
  inject_ sendfile:error=EINTR:when=1..3 shmget $sel -r > out 2>err || fail=1
  compare in16k out || { warn_ "EINTR in sendfile: $sel"; fail=1; }
  compare /dev/null err || fail=1
  inject_ sendfile:error=EIO:when=1 shmget $sel -r > out 2>err || fail=1
  compare in16k out || { warn_ "EIO in sendfile: $sel"; fail=1; }
  compare /dev/null err || fail=1
  returns_ 1 inject_ sendfile:error=EIO write:error=EIO:when=1 shmget $sel -r --remove > out 2>err || fail=1
  compare_text err "shmget: write error: Input/output error" || fail=1
  shmget $sel -r | cmp - in16k || { warn_ "removed after a failed sendfile: $sel"; fail=1; }

  inject_ $nosendfile write:error=EINTR:when=1..3 shmget $sel -r > out 2>err || fail=1
  compare in16k out || { warn_ "EINTR in write: $sel"; fail=1; }
  compare /dev/null err || fail=1
  inject_ write:error=EINTR:when=1..3 shmget $sel -r --lock > out 2>err || fail=1
  compare in16k out || fail=1
  returns_ 1 inject_ $nosendfile write:error=EIO:when=1 shmget $sel -r --remove > out 2>err || fail=1
  compare_text err "shmget: write error: Input/output error" || fail=1
  shmget $sel -r | cmp - in16k || { warn_ "removed after a failed write: $sel"; fail=1; }
done
# A file that may grow no further (ulimit -f) takes part of the segment
# by sendfile; the rest fails the same way in the buffered copy: the
# output is the segment's first bytes, and one line says why.
for sel in "-k $k" "-n $n"; do
  returns_ 1 bash -c 'trap "" XFSZ; ulimit -f 4; exec "$@"' - shmget $sel -r > out 2>err || fail=1
  compare_text err "shmget: write error: File too large" || fail=1
  head -c 4096 in16k | cmp - out || { warn_ "cut output: $sel"; fail=1; }
done
# pread: the dynamic loader uses it too; count from a first, normal run.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
  strace -o trace -e trace=openat,pread64,sendfile -e inject=$nosendfile shmget -n $n -r > /dev/null || fail=1
nth=$(awk '/^openat\(.*dev\/shm/ { seen = 1 } /^pread64\(/ { n++; if (seen) { print n; exit } }' trace)
test -n "$nth" || framework_failure_ "no pread of the object in the trace"
inject_ $nosendfile pread64:error=EINTR:when=$nth..$((nth + 2)) shmget -n $n -r > out 2>err || fail=1
compare in16k out || { warn_ "EINTR in pread"; fail=1; }
returns_ 1 inject_ $nosendfile pread64:error=EIO:when=$nth shmget -n $n -r > out 2>err || fail=1
compare_text err "shmget: cannot read POSIX shared memory object '$n': Input/output error" || fail=1

returns_ 1 inject_ shmat:error=ENOMEM shmget -k $k 2>err || fail=1
compare_text err "shmget: cannot attach shared memory segment key $k: Cannot allocate memory" || fail=1
echo x | returns_ 1 inject_ shmat:error=ENOMEM shmput -k $k 2>err || fail=1
compare_text err "shmput: cannot attach shared memory segment key $k: Cannot allocate memory" || fail=1
# ... and a segment this run created is not left behind.
key_ k2
echo x | returns_ 1 inject_ shmat:error=ENOMEM shmput -c -k $k2 2>/dev/null || fail=1
test -z "$(shm_id_ $k2)" || { warn_ "created segment left"; fail=1; }

# The lock held elsewhere: EINTR in the timed wait does not stretch it.
/usr/bin/python3 -c 'import sys, sysv_ipc; sysv_ipc.Semaphore(int(sys.argv[1], 0), sysv_ipc.IPC_CREAT, 0o600, 0)' $k \
  || framework_failure_ "lock"
start=$(date +%s%N)
returns_ 3 inject_ semtimedop:error=EINTR:when=1..3 shmget -k $k --lock -w 0.5 2>err || fail=1
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
compare_text err "shmget: timed out waiting for the lock semaphore set key $k" || fail=1
test $elapsed -ge 500 || { warn_ "timed out after $elapsed ms"; fail=1; }
test $elapsed -lt 15000 || { warn_ "waited $elapsed ms for 0.5 s"; fail=1; }

Exit $fail
