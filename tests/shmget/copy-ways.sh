#!/bin/bash
# The three ways the bytes move, each giving exactly what was put in, for
# System V and POSIX, at an offset, into a file and into a pipe:
#   - sendfile between the segment's file and the other descriptor, where
#     the segment opens as a file (a POSIX object; a System V segment only
#     for root, through /proc/self/map_files);
#   - process_vm_readv/writev through a buffer (an unprivileged user's
#     System V segment, or sendfile refused);
#   - plain copies through the attachment (both refused: an old kernel or
#     a seccomp filter, simulated with strace).
# The trace says which calls each way made, so none can hide behind the
# others.  An input of 4 MiB or more is read ahead by a second thread
# while the first copies (the buffered way): its round trip, its fallback
# when no thread can start, and its failures, which must not hang.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

all_bytes_ > all
# 1049600 bytes: the 256 values over and over (doubled, then cut).
cp all in
while test "$(wc -c < in)" -lt 1049600; do cat in in > in2 && mv in2 in; done
head -c 1049600 in > in2 && mv in2 in
size=$(wc -c < in) off=4093 total=$((size + 4093 + 5))
key_ k
name_ n

have_strace=false
if command -v strace > /dev/null \
   && strace -o /dev/null -e inject=sendfile:error=ENOSYS true 2>/dev/null; then
  have_strace=true
  # LeakSanitizer cannot run under ptrace: off for traced sanitizer builds.
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0; export ASAN_OPTIONS
fi
# traced_ REFUSE CMD...: CMD under strace with the calls in REFUSE (a
# comma-separated list, or -) failing with ENOSYS; the calls that copy go
# to ./trace.
traced_() {
  local refuse=$1 opts=() c
  shift
  if test "$refuse" != -; then
    for c in ${refuse//,/ }; do opts+=(-e inject=$c:error=ENOSYS); done
  fi
  strace -f -qq -o trace -e trace=sendfile,process_vm_readv,process_vm_writev,read,write,clone,clone3 \
    "${opts[@]}" "$@"
}
# made_ CALL: whether the last traced run made CALL and it worked.
made_() { grep -q "^[0-9]* *$1(.*= [0-9]" trace; }

# way_ WHAT RUN SEL...: puts the input at the offset with RUN (a command
# prefix, maybe empty) and reads it back into a file and through a pipe.
way_() {
  local what=$1 run=$2
  shift 2
  shmput -c -s $total "$@" < /dev/null || { fail=1; return; }
  $run shmput "$@" -o $off in || { warn_ "$what: shmput $*"; fail=1; }
  $run shmget "$@" -r -o $off -l $size > out || { warn_ "$what: shmget $*"; fail=1; }
  compare in out || { warn_ "$what: into a file: $*"; fail=1; }
  $run shmget "$@" -r -o $off -l $size | cmp - in || { warn_ "$what: into a pipe: $*"; fail=1; }
  # The bytes around it are still the zeros of creation.
  shmget "$@" -r -l $off | cmp - <(head -c $off /dev/zero) || { warn_ "$what: before: $*"; fail=1; }
  shmget "$@" -r -o $((off + size)) | cmp - <(head -c 5 /dev/zero) || { warn_ "$what: after: $*"; fail=1; }
  shmget "$@" -r --remove > /dev/null || fail=1
}

for sel in "-k $k" "-n $n"; do
  way_ "default" "" $sel
done

if $have_strace; then
  for sel in "-k $k" "-n $n"; do
    way_ "no sendfile" "traced_ sendfile" $sel
    way_ "no sendfile, no process_vm" \
      "traced_ sendfile,process_vm_readv,process_vm_writev" $sel
  done
  # Which way the default takes: a POSIX object into a file is one
  # sendfile, and so is a System V segment for root.
  shmput -c -n $n in || fail=1
  traced_ - shmget -n $n -r > out || fail=1
  made_ sendfile || { warn_ "no sendfile from a POSIX object"; fail=1; }
  compare in out || fail=1
  shmget -n $n -r --remove > /dev/null || fail=1
  if test "$(id -u)" = 0; then
    traced_ - shmput -c -k $k in || fail=1
    made_ sendfile || { warn_ "no sendfile into a System V segment as root"; fail=1; }
    traced_ - shmget -k $k -r > out || fail=1
    made_ sendfile || { warn_ "no sendfile from a System V segment as root"; fail=1; }
    compare in out || fail=1
    # Into a pipe never by sendfile: the pipe would keep the segment's
    # pages, not their bytes of now.
    traced_ - shmget -k $k -r | cmp - in || fail=1
    made_ sendfile && { warn_ "sendfile into a pipe"; fail=1; }
    made_ process_vm_readv || { warn_ "no process_vm_readv into a pipe"; fail=1; }
    shmget -k $k -r --remove > /dev/null || fail=1
  fi
fi

# The read-ahead thread: 5 MiB into an existing segment, sendfile refused.
for ((i = 0; i < 5; i++)); do cat in; done > big
head -c 3 all >> big
big_() { shmput -c -s $(($(wc -c < big) + 1)) "$@" < /dev/null; }

if $have_strace; then
  for sel in "-k $k" "-n $n"; do
    big_ $sel || fail=1
    traced_ sendfile shmput $sel -o 1 big || { warn_ "read ahead: $sel"; fail=1; }
    { made_ clone3 || made_ clone; } || { warn_ "no second thread: $sel"; fail=1; }
    shmget $sel -r -o 1 | cmp - big || { warn_ "read ahead: bytes: $sel"; fail=1; }
    shmget $sel -r --remove > /dev/null || fail=1

    # No thread to be had (a thread limit): one thread does it all.
    big_ $sel || fail=1
    traced_ sendfile,clone3,clone shmput $sel -o 1 big || { warn_ "no thread: $sel"; fail=1; }
    made_ process_vm_writev || { warn_ "no thread: no copy: $sel"; fail=1; }
    shmget $sel -r -o 1 | cmp - big || { warn_ "no thread: bytes: $sel"; fail=1; }
    shmget $sel -r --remove > /dev/null || fail=1

    # A failed copy stops the reader, a failed read the copier: one line,
    # status 1, no hang.
    big_ $sel || fail=1
    returns_ 1 timeout_ strace -f -qq -o /dev/null -e trace=sendfile,process_vm_writev \
      -e inject=sendfile:error=ENOSYS -e inject=process_vm_writev:error=EIO:when=3 \
      shmput $sel big 2>err || { warn_ "failed copy: $sel"; fail=1; }
    case $sel in
      -k*) what="shared memory segment key $k" ;;
      *) what="POSIX shared memory object '$n'" ;;
    esac
    compare_text err "shmput: cannot write to $what: Input/output error" || fail=1
    # The third read of big (-P: only calls on big are traced and hit).
    returns_ 1 timeout_ strace -f -qq -o /dev/null -P "$PWD/big" -e trace=read,sendfile \
      -e inject=sendfile:error=ENOSYS -e inject=read:error=EIO:when=3 \
      shmput $sel "$PWD/big" 2>err || { warn_ "failed read: $sel"; fail=1; }
    compare_text err "shmput: cannot read '$PWD/big': Input/output error" || fail=1
    shmget $sel -r --remove > /dev/null || fail=1
  done
fi

# An unprivileged user cannot open a System V segment as a file: the
# buffered way, with the same bytes.
if test "$(id -u)" = 0 && command -v setpriv > /dev/null; then
  nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  "${nobody[@]}" shmput -c -m 0600 -k $k < in || fail=1
  "${nobody[@]}" shmget -k $k -r > out || fail=1
  compare in out || { warn_ "as a user: $k"; fail=1; }
  if $have_strace; then
    traced_ - "${nobody[@]}" shmget -k $k -r > out || fail=1
    made_ sendfile && { warn_ "sendfile as a user"; fail=1; }
    made_ process_vm_readv || { warn_ "no process_vm_readv as a user"; fail=1; }
    compare in out || fail=1
    traced_ - "${nobody[@]}" shmput -k $k < in || fail=1
    made_ process_vm_writev || { warn_ "no process_vm_writev as a user"; fail=1; }
  fi
  "${nobody[@]}" shmget -k $k -r --remove | cmp - in || fail=1
fi

Exit $fail
