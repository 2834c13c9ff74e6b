#!/bin/bash
# --remove re-checks each orphan right before removing it: strace holds
# ipcclean at its first shmctl (the re-check's IPC_STAT) while the test
# attaches to the segment, and the segment is then kept, with a notice;
# a segment removed by someone else in that window counts as done; a
# POSIX object mapped after the scan is found by the fresh scan of the
# processes and kept; a removal that fails is reported and makes the
# status 1.
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
require_prog_ strace
require_prog_ ipcmk
case $(uname -m) in
  x86_64) shmctl_nr=31 ;;
  aarch64) shmctl_nr=195 ;;
  *) skip_ "system call numbers of $(uname -m) unknown to this test" ;;
esac
strace -o /dev/null -e trace=shmctl -e inject=shmctl:delay_enter=1:when=1 true 2>/dev/null \
  || skip_ "strace cannot inject delays"
fail=0
# LeakSanitizer cannot run under ptrace: off for a sanitizer build.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0; export ASAN_OPTIONS

# delayed_ ARG...: start ipcclean ARG... under strace, which holds its
# first shmctl for 60 s at most (the test ends the wait itself), and
# return once ipcclean is held there; its pid in $held_.
delayed_() {
  strace -o /dev/null -e trace=shmctl -e inject=shmctl:delay_enter=60000000:when=1 \
    ipcclean "$@" >out 2>err &
  tracer_=$!
  local i
  for ((i = 0; i < 1000; i++)); do
    held_=$(pgrep -x ipcclean)
    test -n "$held_" && [[ $(cat /proc/$held_/syscall 2>/dev/null) == "$shmctl_nr "* ]] && return 0
    sleep 0.01
  done
  framework_failure_ "ipcclean never reached shmctl"
}
# release_: end the delay early and wait until ipcclean is done.  The
# tracer is killed (background jobs ignore SIGINT, and SIGKILL cannot be
# caught); the kernel then detaches ipcclean, which goes on.
release_() {
  kill -KILL $tracer_
  wait $tracer_ 2>/dev/null
  local i
  for ((i = 0; i < 1000; i++)); do
    kill -0 $held_ 2>/dev/null || return 0
    sleep 0.01
  done
  framework_failure_ "ipcclean did not finish"
}

id=$(ipcmk -M 100 -p 0600 | sed -n 's/^Shared memory id: //p')
key=$(key_of_ shm $id)

# Attached between the scan and the removal: kept.
delayed_ --older-than=0 --remove -u root -t shm
start_holder_ holder shm-attach $id
release_
compare_text err \
  "ipcclean: not removing shared memory segment id $id: attached since the scan" \
  "ipcclean: 1 object: 0 in use, 1 orphaned, 0 unknown; 0 of 1 orphan removed" || fail=1
test "$(shm_id_by_key_ $key)" = $id || { warn_ "attached segment removed"; fail=1; }
stop_ $holder

# Removed by someone else in the window: already gone, done.
delayed_ --older-than=0 --remove -u root -t shm
ipcrm -m $id || framework_failure_ "ipcrm"
release_
compare_text err \
  "ipcclean: not removing shared memory segment id $id: it was removed by another process" \
  "ipcclean: 1 object: 0 in use, 1 orphaned, 0 unknown; 1 of 1 orphan removed" || fail=1
grep -c '^removed: ' out > removed
compare_text removed 0 || fail=1

# POSIX: held at the fresh scan's first open (of /proc/stat, the second in
# the run; the table is on stdout by then), while a process maps it.
case $(uname -m) in x86_64) openat_nr=257 ;; aarch64) openat_nr=56 ;; esac
ipc-holder create-pshm /late || framework_failure_ "pshm"
strace -o /dev/null -P /proc/stat -e trace=openat \
  -e inject=openat:delay_enter=60000000:when=2 \
  ipcclean --older-than=0 --remove -u root -t pshm >out 2>err &
tracer_=$!
for ((i = 0; i < 1000; i++)); do
  held_=$(pgrep -x ipcclean)
  grep -q "^pshm" out 2>/dev/null && test -n "$held_" \
    && [[ $(cat /proc/$held_/syscall 2>/dev/null) == "$openat_nr "* ]] && break
  sleep 0.01
done
test $i -lt 1000 || framework_failure_ "ipcclean never reached the fresh scan"
start_holder_ mapper pshm-map /late
release_
compare_text err \
  "ipcclean: not removing POSIX shared memory object '/late': used or changed since the scan" \
  "ipcclean: 1 object: 0 in use, 1 orphaned, 0 unknown; 0 of 1 orphan removed" || fail=1
test -e /dev/shm/late || { warn_ "mapped object removed"; fail=1; }
stop_ $mapper

# The removal itself fails (the third shmctl: the library's IPC_STAT of
# the owner, the re-check's IPC_STAT, then IPC_RMID): status 1.
id=$(ipcmk -M 100 -p 0600 | sed -n 's/^Shared memory id: //p')
strace -o /dev/null -e trace=shmctl -e inject=shmctl:error=EPERM:when=3 \
  ipcclean --older-than=0 --remove -u root -t shm >out 2>err
test $? = 1 || { warn_ "a failed removal did not exit 1"; fail=1; }
compare_text err \
  "ipcclean: cannot remove shared memory segment id $id: Operation not permitted" \
  "ipcclean: 1 object: 0 in use, 1 orphaned, 0 unknown; 0 of 1 orphan removed" || fail=1
test -n "$(awk -v id=$id 'NR > 1 && $2 == id' /proc/sysvipc/shm)" || { warn_ "removed"; fail=1; }

Exit $fail
