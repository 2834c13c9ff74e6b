# tests/semsig/sem-lib.sh: helpers for the semsig and semwait tests,
# sourced after tests/init.sh.  Reads semaphore state from
# /proc/sysvipc/sem (key semid perms nsems uid gid cuid cgid otime ctime)
# and from ipcs -s -i.

# The shared helpers of the queue tests: key_/name_ (cleanup outside a
# private namespace), descendants_, wait_bounded_, elapsed_ms_.
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"

# Outside a private namespace, remove the semaphores under the test's own
# keys and names too (only those: they are unique to this test).
sem_cleanup_() {
  local k n
  if test "$IPCUTILS_TEST_NS" != 1; then
    for k in $mq_keys_; do ipcrm -S "$k" 2>/dev/null; done
    for n in $mq_names_; do rm -f "/dev/shm/sem.${n#/}"; done
  fi
  mq_unmount_
}
cleanup_() { sem_cleanup_; }

# sem_field_ KEY COLUMN: column COLUMN of the set with KEY, if any (the
# file prints keys as signed numbers).
sem_field_() {
  awk -v key=$(($1)) -v col="$2" \
    'NR > 1 && ($1 < 0 ? $1 + 4294967296 : $1) == key { print $col }' /proc/sysvipc/sem
}
semid_() { sem_field_ "$1" 2; }
semperms_() { sem_field_ "$1" 3; }
semnsems_() { sem_field_ "$1" 4; }
semotime_() { sem_field_ "$1" 9; }
nsets_() { awk 'NR > 1' /proc/sysvipc/sem | wc -l; }

# semval_ KEY [INDEX]: the value of member INDEX (default 0), as ipcs
# prints it -- read independently of semsig --show.
semval_() {
  ipcs -s -i "$(semid_ "$1")" | awk -v i="${2-0}" 'NF == 5 && $1 == i { print $2 }'
}
# semncnt_ KEY: how many processes wait to take from member 0.
semncnt_() {
  ipcs -s -i "$(semid_ "$1")" | awk 'NF == 5 && $1 == 0 { print $3 }'
}

# wait_sem_blocked_ PID: wait until PID or a descendant sleeps in
# semop/semtimedop or on a POSIX semaphore's futex.
wait_sem_blocked_() {
  local i p
  for ((i = 0; i < 1000; i++)); do
    for p in $(descendants_ "$1"); do
      case $(cat /proc/$p/wchan 2>/dev/null) in
        *semtimedop*|futex*) return 0 ;;
      esac
    done
    sleep 0.01
  done
  warn_ "$ME_: process $1 never blocked on its semaphore"
  return 1
}

require_shm_dir_() {
  test "$IPCUTILS_TEST_NS" = 1 || skip_ "needs a private /dev/shm"
}
