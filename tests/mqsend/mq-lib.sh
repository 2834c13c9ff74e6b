# tests/mqsend/mq-lib.sh: helpers for the mqsend and mqrecv tests, sourced
# after tests/init.sh.  Reads queue state from /proc/sysvipc/msg, whose
# columns are: key msqid perms cbytes qnum lspid lrpid uid gid cuid cgid ...

# key_/name_ (with test_keys_/test_names_), sysv_key_field_, set_sysctl_,
# descendants_, wait_bounded_, elapsed_ms_, syscalls_, ncalls_.
. "$abs_top_srcdir/tests/lib/common.sh"

# init.sh removes the test directory at exit, but cannot while the private
# mqueue mount sits in it; unmount it first.  Tests that redefine cleanup_
# call mq_unmount_ last.
# Outside a private namespace, the queues under the test's own keys and
# names are removed too (only those: they are unique to this test).
mq_unmount_() {
  local k n
  if test "$IPCUTILS_TEST_NS" != 1; then
    for k in $test_keys_; do ipcrm -Q "$k" 2>/dev/null; done
    for n in $test_names_; do
      "$abs_top_builddir/src/mqrecv" -n "$n" --all --remove >/dev/null 2>&1
    done
  fi
  test -z "$mqueue_dir" || umount "$mqueue_dir" 2>/dev/null || :
}
cleanup_() { mq_unmount_; }

# sysv_field_ KEY COLUMN: column COLUMN (1-based) of the queue with KEY
# (any C notation); nothing if there is no such queue.
sysv_field_() { sysv_key_field_ msg "$@"; }
qid_() { sysv_field_ "$1" 2; }
qperms_() { sysv_field_ "$1" 3; }
qbytes_used_() { sysv_field_ "$1" 4; }
qnum_() { sysv_field_ "$1" 5; }
quid_() { sysv_field_ "$1" 8; }
qcuid_() { sysv_field_ "$1" 10; }

# nqueues_: how many System V queues exist.
nqueues_() { sysv_count_ msg; }

# posix_qsize_ /NAME: the QSIZE (bytes queued) of a POSIX queue.
posix_qsize_() {
  sed -n 's/^QSIZE:\([0-9]*\).*/\1/p' "$mqueue_dir$1"
}

require_mqueue_dir_() {
  test -n "$mqueue_dir" || skip_ "needs a private mqueue mount"
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
