#!/bin/bash
# --remove with --lock: once the segment is removed, its lock goes too
# when the lock is ours (System V set with the key, POSIX sem.NAME), by
# shmput and by shmget.  Without --lock, or when the segment stays (not
# ours), the lock stays; another user's lock stays without a word.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

key_ k
name_ n
# sem_exists_ KEY: a semaphore set with KEY exists.
sem_exists_() { test -n "$(sysv_key_field_ sem "$1" 2)"; }

for prog in shmput shmget; do
  # System V.
  printf v | shmput -c -C --lock -k $k || fail=1
  sem_exists_ $k || { warn_ "$prog: no lock made"; fail=1; }
  case $prog in
    shmput) shmput --lock --remove -k $k < /dev/null > out 2>err || fail=1 ;;
    shmget) shmget --lock --remove -k $k > out 2>err || fail=1
            compare_text out v || fail=1 ;;
  esac
  compare /dev/null err || fail=1
  test -z "$(shm_id_ $k)" || { warn_ "$prog: segment left"; fail=1; }
  ! sem_exists_ $k || { warn_ "$prog --lock --remove: lock left"; fail=1; }
  # POSIX.
  printf v | shmput -c -C --lock -n $n || fail=1
  test -e /dev/shm/sem.${n#/} || { warn_ "$prog: no POSIX lock made"; fail=1; }
  case $prog in
    shmput) shmput --lock --remove -n $n < /dev/null 2>err || fail=1 ;;
    shmget) shmget --lock --remove -n $n > /dev/null 2>err || fail=1 ;;
  esac
  compare /dev/null err || fail=1
  test ! -e /dev/shm$n || { warn_ "$prog: POSIX segment left"; fail=1; }
  test ! -e /dev/shm/sem.${n#/} || { warn_ "$prog --lock --remove: POSIX lock left"; fail=1; }
done

# Without --lock the lock is not touched.
printf v | shmput -c -C --lock -k $k || fail=1
shmget --remove -k $k > /dev/null || fail=1
sem_exists_ $k || { warn_ "--remove without --lock removed the lock"; fail=1; }
ipcrm -S $k

require_prog_ setpriv
as_nobody_() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
if as_nobody_ true; then
  # Another user's lock: used, left, no word, status 0.
  as_nobody_ /usr/bin/python3 -c 'import sys, sysv_ipc; sysv_ipc.Semaphore(int(sys.argv[1], 0), sysv_ipc.IPC_CREX, 0o666, 1)' $k \
    || framework_failure_ "nobody's lock"
  printf v | shmput -c -C --lock -k $k || fail=1
  shmget --lock --remove -k $k > /dev/null 2>err || fail=1
  compare /dev/null err || fail=1
  test -z "$(shm_id_ $k)" || { warn_ "segment left"; fail=1; }
  sem_exists_ $k || { warn_ "another user's lock removed"; fail=1; }
  ipcrm -S $k
  # Another user's segment is not removed: nor is our lock.
  as_nobody_ /usr/bin/python3 -c 'import sys, sysv_ipc; sysv_ipc.SharedMemory(int(sys.argv[1], 0), sysv_ipc.IPC_CREX, 0o666, 16)' $k \
    || framework_failure_ "nobody's segment"
  echo v | shmput --lock -k $k || fail=1
  sem_exists_ $k || { warn_ "no lock made"; fail=1; }
  returns_ 1 shmget --lock --remove -k $k > /dev/null 2>err || fail=1
  compare_text err "shmget: not removing shared memory segment key $k: it belongs to uid 65534" || fail=1
  sem_exists_ $k || { warn_ "lock removed with the segment kept"; fail=1; }
else
  warn_ "setpriv cannot switch to uid 65534: another user's lock not tested"
fi

Exit $fail
