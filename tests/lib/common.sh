# tests/lib/common.sh: the helpers the program test libraries share
# (tests/mqsend/mq-lib.sh, tests/shmput/shm-lib.sh, tests/semsig/sem-lib.sh
# source it); sourced after tests/init.sh.

# key_ VAR / name_ VAR: set VAR to a fresh test_key_ / test_name_ and
# remember it in test_keys_ / test_names_, so the program library's
# cleanup_ removes it outside a private namespace.  They run in this shell,
# not in $(...), so the list really grows.
test_keys_= test_names_=
key_() {
  test_key_ > "$test_dir_/.lib-value" && read -r "$1" < "$test_dir_/.lib-value" \
    && test_keys_="$test_keys_ ${!1}"
}
name_() {
  test_name_ > "$test_dir_/.lib-value" && read -r "$1" < "$test_dir_/.lib-value" \
    && test_names_="$test_names_ ${!1}"
}

# sysv_key_field_ KIND KEY COLUMN: column COLUMN (1-based) of the System V
# object (KIND msg, sem or shm) with KEY (any C notation) in
# /proc/sysvipc/KIND; nothing if there is none.  The files may print keys
# as signed numbers.
sysv_key_field_() {
  awk -v key=$(( $2 & 0xffffffff )) -v col="$3" \
    'NR > 1 && ($1 < 0 ? $1 + 4294967296 : $1) == key { print $col }' "/proc/sysvipc/$1"
}
# sysv_count_ KIND: how many System V objects of KIND exist.
sysv_count_() { awk 'NR > 1' "/proc/sysvipc/$1" | wc -l; }

# set_sysctl_ NAME VALUE: change a kernel.* / fs.mqueue.* limit of the
# private IPC namespace (never the host's).
set_sysctl_() {
  require_ipc_namespace_
  echo "$2" > "/proc/sys/${1//.//}" || framework_failure_ "cannot set $1"
}

# descendants_ PID: PID and all its descendants.
descendants_() {
  local p
  echo "$1"
  for p in $(pgrep -P "$1"); do descendants_ "$p"; done
}

# wait_bounded_ PID: wait for background PID (a child of this shell) for
# at most 20 s, then kill it; return its status (137 if it had to be
# killed).  For background commands that cannot run under timeout_.
wait_bounded_() {
  local i
  for ((i = 0; i < 2000; i++)); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.01
  done
  if kill -0 "$1" 2>/dev/null; then
    warn_ "$ME_: process $1 still running after 20 s: killed"
    kill -KILL "$1"
  fi
  wait "$1"
}

# elapsed_ms_ CMD...: run CMD, leave its status in $status_ and its wall
# time in milliseconds in $ms_.
elapsed_ms_() {
  local start end
  start=$(date +%s%N)
  "$@"; status_=$?
  end=$(date +%s%N)
  ms_=$(( (end - start) / 1000000 ))
}

# syscalls_ TRACE CALLS CMD...: run CMD under timeout_ and strace
# (following children), recording the system calls CALLS (strace -e
# trace= syntax) in TRACE; leave the status in $status_.  Counting the blocking calls proves a
# wait does not poll, on a machine of any speed.
syscalls_() {
  local trace=$1 calls=$2
  shift 2
  # (LeakSanitizer cannot run under ptrace: a sanitizer build needs this.)
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
    timeout_ strace -f -qq -o "$trace" -e trace="$calls" "$@"
  status_=$?
}

# ncalls_ TRACE CALL: how many calls of CALL TRACE records.
ncalls_() { grep -c "^[0-9]* *$2(" "$1"; }
