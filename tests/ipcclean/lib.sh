# tests/ipcclean/lib.sh: sourced by the ipcclean tests instead of
# tests/init.sh.  On top of init.sh's private IPC and mount namespaces it
# re-runs the test in a private PID namespace with its own /proc, so /proc
# shows only the test's processes and /proc/sys/kernel/ns_last_pid makes
# PID reuse reproducible.  Skips (77) where that is impossible.
# init.sh changes directory: remember where this script is first.
ipcclean_test_script_=$(cd "${0%/*}" && pwd)/${0##*/}
. "$abs_top_srcdir/tests/init.sh"

if test "${IPCCLEAN_TEST_PIDNS-}" != 1; then
  require_ipc_namespace_
  unshare --pid --fork --mount-proc true 2>/dev/null \
    || skip_ "needs a private PID namespace (unshare --pid)"
  IPCCLEAN_TEST_PIDNS=1 unshare --pid --fork --mount-proc bash "$ipcclean_test_script_" "$@"
  Exit $?
fi

# POSIX queues: ipcclean looks at /dev/mqueue, or at the mqueue mount of
# this mount namespace when there is none; make either show this IPC
# namespace's queues.
if test -d /dev/mqueue; then
  mount -t mqueue mqueue /dev/mqueue 2>/dev/null || framework_failure_ "cannot mount /dev/mqueue"
fi
cleanup_() {
  test -d /dev/mqueue && umount /dev/mqueue 2>/dev/null
  test -z "$mqueue_dir" || umount "$mqueue_dir" 2>/dev/null || :
}

# shm_field_ ID COLUMN / sem_field_ / msg_field_: a column of an object's
# row in /proc/sysvipc (1-based).
sysv_col_() {
  awk -v id="$2" -v col="$3" 'NR > 1 && $2 == id { print $col }' "/proc/sysvipc/$1"
}
# The tables print keys as signed decimals; compare them as 32-bit values.
id_by_key_() {
  awk -v key=$(( $2 & 0xffffffff )) \
    'NR > 1 && ($1 < 0 ? $1 + 4294967296 : $1) == key { print $2 }' "/proc/sysvipc/$1"
}
shm_id_by_key_() { id_by_key_ shm "$1"; }
sem_id_by_key_() { id_by_key_ sem "$1"; }
msg_id_by_key_() { id_by_key_ msg "$1"; }
# key_of_ TABLE ID: the key of object ID as ipcs prints it (0x%08x).
key_of_() {
  local k
  k=$(sysv_col_ "$1" "$2" 1)
  printf '0x%08x\n' $(( k & 0xffffffff ))
}

# normalize_ < OUT: the table with idle times ("3s", "idle 12m") as T and
# runs of blanks as one, so an exact comparison does not depend on how
# long the test took.
normalize_() {
  sed -E 's/(^| )[0-9]+[smhd]( |;|$)/\1T\2/g; s/(idle|used) [0-9]+[smhd]/\1 T/g' | tr -s ' '
}

# ipcclean_ ARG...: run ipcclean (bounded) with stdout in out, stderr in
# err and the status in $st_.
ipcclean_() {
  timeout_ ipcclean "$@" >out 2>err; st_=$?
}

# start_holder_ VAR MODE ARG...: start ipc-holder in the background, wait
# until it says ready, and leave its pid in VAR.
holders_=
start_holder_() {
  local var=$1; shift
  local f=$test_dir_/holder.$RANDOM
  ipc-holder "$@" > "$f" &
  local pid=$!
  holders_="$holders_ $pid"
  wait_for_file_ "$f" || framework_failure_ "ipc-holder $*"
  printf -v "$var" %s "$pid"
}

# wait_syscall_ PID NR: wait until PID is blocked in system call NR
# (/proc/PID/syscall), the readiness of a blocking holder.
wait_syscall_() {
  local i
  for ((i = 0; i < 1000; i++)); do
    case $(cat /proc/$1/syscall 2>/dev/null) in "$2 "*) return 0 ;; esac
    sleep 0.01
  done
  warn_ "$ME_: process $1 never blocked in system call $2"
  return 1
}

# stop_ PID...: kill and reap background processes.
stop_() {
  local p
  for p; do kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  return 0
}
