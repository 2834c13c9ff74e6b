# tests/mqsend/mq-lib.sh: helpers for the mqsend and mqrecv tests, sourced
# after tests/init.sh.  Reads queue state from /proc/sysvipc/msg, whose
# columns are: key msqid perms cbytes qnum lspid lrpid uid gid cuid cgid ...

# init.sh removes the test directory at exit, but cannot while the private
# mqueue mount sits in it; unmount it first.  Tests that redefine cleanup_
# call mq_unmount_ last.
# Outside a private namespace, the queues under the test's own keys and
# names are removed too (only those: they are unique to this test).
mq_keys_= mq_names_=
mq_unmount_() {
  local k n
  if test "$IPCUTILS_TEST_NS" != 1; then
    for k in $mq_keys_; do ipcrm -Q "$k" 2>/dev/null; done
    for n in $mq_names_; do
      "$abs_top_builddir/src/mqrecv" -n "$n" --all --remove >/dev/null 2>&1
    done
  fi
  test -z "$mqueue_dir" || umount "$mqueue_dir" 2>/dev/null || :
}
cleanup_() { mq_unmount_; }

# key_ VAR / name_ VAR: set VAR to a fresh test_key_ / test_name_ and
# remember it, so cleanup_ removes it outside a private namespace.  They
# run in this shell, not in $(...), so the list really grows.
key_() {
  test_key_ > "$test_dir_/.mq-lib-value" && read -r "$1" < "$test_dir_/.mq-lib-value" \
    && mq_keys_="$mq_keys_ ${!1}"
}
name_() {
  test_name_ > "$test_dir_/.mq-lib-value" && read -r "$1" < "$test_dir_/.mq-lib-value" \
    && mq_names_="$mq_names_ ${!1}"
}

# sysv_field_ KEY COLUMN: column COLUMN (1-based) of the queue with KEY
# (any C notation); nothing if there is no such queue.
sysv_field_() {
  awk -v key=$(($1)) -v col="$2" 'NR > 1 && $1 == key { print $col }' /proc/sysvipc/msg
}
qid_() { sysv_field_ "$1" 2; }
qperms_() { sysv_field_ "$1" 3; }
qbytes_used_() { sysv_field_ "$1" 4; }
qnum_() { sysv_field_ "$1" 5; }
quid_() { sysv_field_ "$1" 8; }
qcuid_() { sysv_field_ "$1" 10; }

# nqueues_: how many System V queues exist.
nqueues_() { awk 'NR > 1' /proc/sysvipc/msg | wc -l; }

# posix_qsize_ /NAME: the QSIZE (bytes queued) of a POSIX queue.
posix_qsize_() {
  sed -n 's/^QSIZE:\([0-9]*\).*/\1/p' "$mqueue_dir$1"
}

require_mqueue_dir_() {
  test -n "$mqueue_dir" || skip_ "needs a private mqueue mount"
}

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

# wait_blocked_ PID: wait until PID, or a descendant (a background
# "timeout_ CMD &" is a subshell running timeout running CMD), sleeps in
# msgsnd, msgrcv, mq_send or mq_receive -- the readiness marker of a
# waiting mqsend or mqrecv.
wait_blocked_() {
  local i p
  for ((i = 0; i < 1000; i++)); do
    for p in $(descendants_ "$1"); do
      case $(cat /proc/$p/wchan 2>/dev/null) in
        do_msgsnd|do_msgrcv|wq_sleep) return 0 ;;
      esac
    done
    sleep 0.01
  done
  warn_ "$ME_: process $1 never blocked on its queue"
  return 1
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
