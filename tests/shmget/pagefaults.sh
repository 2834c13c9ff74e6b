#!/bin/bash
# Big copies do not fault on every page of the attachment: shmput and
# shmget copy through the kernel (process_vm_readv/writev, shm.cc), so a
# 16 MiB segment (4096 pages) costs far fewer page faults than it has
# pages, counted with perf's software event (not a timing).  Where the
# kernel copy is refused (ENOSYS injected, as from a seccomp filter or a
# kernel without it), the plain copy through the mapping gives the same
# bytes.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

key_ k
name_ n
all_bytes_ > all
for ((i = 0; i < 64; i++)); do cat all; done > in16k
cp in16k in16m   # doubled ten times: 16 MiB
for ((i = 0; i < 10; i++)); do cat in16m in16m > in2 && mv in2 in16m; done

# faults_ CMD...: the page faults CMD took (its output to a pipe).
faults_() {
  perf stat -x, -e page-faults -o pf.$$ "$@" | cat > out.faults || return 1
  awk -F, '/page-faults/ { print $1 }' pf.$$
}
if perf stat -x, -e page-faults -o pf.$$ true 2>/dev/null \
   && test -n "$(awk -F, '/page-faults/ { print $1 }' pf.$$)"; then
  # What a one-page segment costs the same program is the baseline (start-
  # up, and a sanitizer's own memory); 4096 pages may add at most 1024.
  head -c 4096 in16k > in4k
  key_ k1
  name_ n1
  set -- "-k $k" "-k $k1" "-n $n" "-n $n1"
  while test $# -gt 0; do
    sel=$1 small=$2
    shift 2
    shmput -c $sel in16m || fail=1
    shmput -c $small in4k || fail=1
    base=$(faults_ shmput $small in4k) || fail=1
    f=$(faults_ shmput $sel in16m) || fail=1
    test $((f - base)) -lt 1024 || { warn_ "shmput $sel: $f page faults for 4096 pages, $base for 1"; fail=1; }
    base=$(faults_ shmget $small -r) || fail=1
    f=$(faults_ shmget $sel -r) || fail=1
    compare in16m out.faults || fail=1
    test $((f - base)) -lt 1024 || { warn_ "shmget $sel: $f page faults for 4096 pages, $base for 1"; fail=1; }
    f=$(faults_ shmget $sel -r --lock) || fail=1
    compare in16m out.faults || fail=1
    shmget $sel -r --remove > /dev/null || fail=1
    shmget $small -r --remove > /dev/null || fail=1
  done
else
  warn_ "perf cannot count page faults here: not counted"
fi

# No kernel copy: the same bytes, by every path that copies.
if command -v strace > /dev/null \
   && strace -o /dev/null -e inject=write:error=EINTR:when=1 true 2>/dev/null; then
  nokcopy_() {
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
      strace -o /dev/null -e trace=process_vm_readv,process_vm_writev \
        -e inject=process_vm_readv:error=ENOSYS \
        -e inject=process_vm_writev:error=ENOSYS "$@"
  }
  for sel in "-k $k" "-n $n"; do
    nokcopy_ shmput -c $sel in16m || fail=1
    nokcopy_ shmget $sel -r > out || fail=1
    compare in16m out || { warn_ "no kernel copy: shmget $sel -r"; fail=1; }
    nokcopy_ shmget $sel -r --lock > out || fail=1
    compare in16m out || { warn_ "no kernel copy: shmget $sel -r --lock"; fail=1; }
    cat in16k | nokcopy_ shmput $sel -C --clear || fail=1
    nokcopy_ shmget $sel -r -l 16385 > out || fail=1
    { cat in16k; printf '\0'; } | compare - out || fail=1
    printf 'abc' | nokcopy_ shmput $sel -o 100 -C || fail=1
    nokcopy_ shmget $sel -o 100 > out || fail=1
    compare_text out "abc" || fail=1
    test "$(shmget $sel -r -o 16384 | tr -d '\0' | wc -c)" = 0 \
      || { warn_ "no kernel copy: --clear left bytes: $sel"; fail=1; }
    shmget $sel -r --remove > /dev/null || fail=1
  done
else
  warn_ "strace cannot inject faults here: the plain copy not tested"
fi

Exit $fail
