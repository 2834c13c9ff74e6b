# tests/shmput/shm-lib.sh: helpers for the shmput and shmget tests, sourced
# after tests/init.sh.  Reads segment state from /proc/sysvipc/shm, whose
# columns are: key shmid perms size cpid lpid nattch uid gid cuid cgid ...

# key_/name_ (with test_keys_/test_names_), sysv_key_field_, set_sysctl_,
# descendants_, wait_bounded_, elapsed_ms_, syscalls_, ncalls_.
. "$abs_top_srcdir/tests/lib/common.sh"

# Outside a private namespace, the objects under the test's own keys and
# names (only those: they are unique to this test) are removed at exit,
# with their locks.
shm_cleanup_() {
  local k n
  test "$IPCUTILS_TEST_NS" = 1 && return 0
  for k in $test_keys_; do ipcrm -M "$k" 2>/dev/null; ipcrm -S "$k" 2>/dev/null; done
  for n in $test_names_; do rm -f "/dev/shm${n}" "/dev/shm/sem.${n#/}"; done
  return 0
}
cleanup_() { shm_cleanup_; }

# shm_field_ KEY COLUMN: column COLUMN (1-based) of the segment with KEY
# (any C notation); nothing if there is no such segment.
shm_field_() { sysv_key_field_ shm "$@"; }
shm_id_() { shm_field_ "$1" 2; }
shm_perms_() { shm_field_ "$1" 3; }
shm_size_() { shm_field_ "$1" 4; }
shm_nattch_() { shm_field_ "$1" 7; }
shm_uid_() { shm_field_ "$1" 8; }
# nsegs_: how many System V segments exist.
nsegs_() { sysv_count_ shm; }

# sem_value_ KEY: the value of semaphore 0 of the set with KEY.
sem_value_() {
  /usr/bin/python3 -c 'import sys, sysv_ipc; print(sysv_ipc.Semaphore(int(sys.argv[1], 0)).value)' "$1"
}

# bytes_ N BYTE: N copies of the byte with octal code BYTE.
bytes_() { head -c "$1" /dev/zero | tr '\0' "\\$2"; }
# all_bytes_: the 256 byte values, in order.
all_bytes_() {
  local i
  for ((i = 0; i < 256; i++)); do printf "\\$(printf %03o $i)"; done
}
