# tests/shmput/shm-lib.sh: helpers for the shmput and shmget tests, sourced
# after tests/init.sh.  Reads segment state from /proc/sysvipc/shm, whose
# columns are: key shmid perms size cpid lpid nattch uid gid cuid cgid ...

# Outside a private namespace, the objects under the test's own keys and
# names (only those: they are unique to this test) are removed at exit,
# with their locks.
shm_keys_= shm_names_=
shm_cleanup_() {
  local k n
  test "$IPCUTILS_TEST_NS" = 1 && return 0
  for k in $shm_keys_; do ipcrm -M "$k" 2>/dev/null; ipcrm -S "$k" 2>/dev/null; done
  for n in $shm_names_; do rm -f "/dev/shm${n}" "/dev/shm/sem.${n#/}"; done
  return 0
}
cleanup_() { shm_cleanup_; }

# key_ VAR / name_ VAR: set VAR to a fresh test_key_ / test_name_ and
# remember it for cleanup_.
key_() {
  test_key_ > "$test_dir_/.shm-lib-value" && read -r "$1" < "$test_dir_/.shm-lib-value" \
    && shm_keys_="$shm_keys_ ${!1}"
}
name_() {
  test_name_ > "$test_dir_/.shm-lib-value" && read -r "$1" < "$test_dir_/.shm-lib-value" \
    && shm_names_="$shm_names_ ${!1}"
}

# shm_field_ KEY COLUMN: column COLUMN (1-based) of the segment with KEY
# (any C notation); nothing if there is no such segment.
shm_field_() {
  awk -v key=$(($1)) -v col="$2" 'NR > 1 && $1 == key { print $col }' /proc/sysvipc/shm
}
shm_id_() { shm_field_ "$1" 2; }
shm_perms_() { shm_field_ "$1" 3; }
shm_size_() { shm_field_ "$1" 4; }
shm_nattch_() { shm_field_ "$1" 7; }
shm_uid_() { shm_field_ "$1" 8; }
# nsegs_: how many System V segments exist.
nsegs_() { awk 'NR > 1' /proc/sysvipc/shm | wc -l; }

# sem_value_ KEY: the value of semaphore 0 of the set with KEY.
sem_value_() {
  /usr/bin/python3 -c 'import sys, sysv_ipc; print(sysv_ipc.Semaphore(int(sys.argv[1], 0)).value)' "$1"
}

# set_sysctl_ NAME VALUE: change a kernel.* limit of the private IPC
# namespace (never the host's).
set_sysctl_() {
  require_ipc_namespace_
  echo "$2" > "/proc/sys/${1//.//}" || framework_failure_ "cannot set $1"
}

# bytes_ N BYTE: N copies of the byte with octal code BYTE.
bytes_() { head -c "$1" /dev/zero | tr '\0' "\\$2"; }
# all_bytes_: the 256 byte values, in order.
all_bytes_() {
  local i
  for ((i = 0; i < 256; i++)); do printf "\\$(printf %03o $i)"; done
}
