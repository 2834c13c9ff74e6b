# tests/init.sh: sourced first by every black-box test (bash).
#
#   . "$abs_top_srcdir/tests/init.sh"
#
# Gives the test a private temporary directory as its working directory
# (removed at exit), puts the built programs and test helpers first in
# PATH, runs everything in the C locale, and, when the machine allows it
# (root, unshare), re-runs the test inside its own IPC and mount namespaces
# with a private tmpfs on /dev/shm and a private mqueue mount, so no test
# can see or touch the host's IPC objects.  Elsewhere tests must create
# objects under test_key_/test_name_ values, exclusively, and remove only
# those.
#
# Exit statuses follow automake: 0 pass, 1 fail, 77 skip, 99 hard error.

: "${abs_top_builddir:?run the tests through make check}"
: "${abs_top_srcdir:?run the tests through make check}"

ME_=${0##*/}

# --- signal dispositions -------------------------------------------------
# Under nohup, or a runner that ignores SIGPIPE, every program would
# inherit ignored signals, and the tests that expect a death by HUP or PIPE
# would fail for that alone: start each test with every signal at its
# default (tests of inherited dispositions set their own).
if test -z "${IPCUTILS_TEST_SIGDFL-}" && env --default-signal true 2>/dev/null; then
  IPCUTILS_TEST_SIGDFL=1; export IPCUTILS_TEST_SIGDFL
  exec env --default-signal bash "$0" "$@"
fi

# --- IPC namespace --------------------------------------------------------
if test -z "${IPCUTILS_TEST_NS-}"; then
  if test "$(id -u)" = 0 && unshare --ipc --mount true 2>/dev/null; then
    IPCUTILS_TEST_NS=1; export IPCUTILS_TEST_NS
    exec unshare --ipc --mount --propagation private -- bash "$0" "$@"
  fi
  IPCUTILS_TEST_NS=0; export IPCUTILS_TEST_NS
fi

# --- messages and statuses -----------------------------------------------
warn_() { printf '%s\n' "$*" >&2; }
fail_() { warn_ "$ME_: failed test: $*"; Exit 1; }
skip_() { warn_ "$ME_: skipped test: $*"; Exit 77; }
framework_failure_() { warn_ "$ME_: set-up failure: $*"; Exit 99; }
Exit() { set +e; (exit "$1"); exit "$1"; }

# returns_ STATUS CMD [ARG]...: run CMD, succeed iff it exits with STATUS.
returns_() {
  local expected=$1; shift
  "$@"; local status=$?
  test "$status" -eq "$expected" && return 0
  warn_ "$ME_: '$*' exited with $status, expected $expected"
  return 1
}

# compare EXPECTED ACTUAL: identical files, else show the diff and fail.
compare() {
  if cmp -s "$1" "$2"; then return 0; fi
  diff -u "$1" "$2" >&2 || :
  return 1
}

# compare_text ACTUAL LINE...: ACTUAL holds exactly these lines.
compare_text() {
  local actual=$1; shift
  printf '%s\n' "$@" > "$actual.exp" || framework_failure_ "write $actual.exp"
  compare "$actual.exp" "$actual"
}

# retry_delay_ FUNC DELAY TRIES: call FUNC DELAY until it succeeds, doubling
# DELAY each time, at most TRIES times (coreutils' way to wait for a peer
# without a fixed sleep).
retry_delay_() {
  local fn=$1 delay=$2 tries=$3 i
  for ((i = 0; i < tries; i++)); do
    "$fn" "$delay" && return 0
    sleep "$delay"
    delay=$(awk -v d="$delay" 'BEGIN { print d * 2 }')
  done
  return 1
}

# wait_for_file_ FILE [SECONDS]: wait until FILE exists and is not empty.
wait_for_file_() {
  local file=$1 limit=${2-10} i
  for ((i = 0; i < limit * 100; i++)); do
    test -s "$file" && return 0
    sleep 0.01
  done
  warn_ "$ME_: timed out waiting for $file"
  return 1
}

# require_prog_ NAME: skip unless NAME is on PATH.
require_prog_() {
  command -v "$1" >/dev/null 2>&1 || skip_ "$1 is not installed"
}
require_root_() { test "$(id -u)" = 0 || skip_ "needs root"; }
require_ipc_namespace_() {
  test "$IPCUTILS_TEST_NS" = 1 || skip_ "needs a private IPC namespace (root and unshare)"
}

# Keys and names unique to this test process: in the private namespace any
# value would do; on a shared machine these keep clear of other users.
# The counter lives in a file: these are called as k=$(test_key_), in a
# subshell, where a shell variable would never advance.
next_test_seq_() {
  local n
  n=$(( $(cat "$test_dir_/.seq" 2>/dev/null || echo 0) + 1 ))
  echo "$n" > "$test_dir_/.seq"
  echo "$n"
}
test_key_() {
  printf '0x%08x\n' $(( 0x49000000 + (($$ & 0xffff) << 8) + $(next_test_seq_) ))
}
test_name_() {
  printf '/ipcutils-test-%s-%s\n' "$$" "$(next_test_seq_)"
}

# --- environment ----------------------------------------------------------
# English messages, whatever the caller's locale; LANGUAGE would override.
LC_ALL=C; export LC_ALL
unset LANGUAGE LANG
PATH="$abs_top_builddir/src:$abs_top_builddir/tests/helpers:$PATH"
export PATH
srcdir=$abs_top_srcdir

test_dir_=$(mktemp -d "${TMPDIR:-/tmp}/ipcutils-$ME_.XXXXXX") \
  || framework_failure_ "cannot create a temporary directory"
cleanup_() { :; }   # tests redefine this to stop their background peers
trap 'st=$?; cleanup_; cd /; test -n "${mqueue_dir-}" && umount "$mqueue_dir" 2>/dev/null
  rm -rf "$test_dir_"; exit $st' EXIT
trap 'Exit 99' HUP INT PIPE TERM
cd "$test_dir_" || framework_failure_ "cd $test_dir_"

if test "$IPCUTILS_TEST_NS" = 1; then
  # A private /dev/shm (POSIX shm and named semaphores) and a view of this
  # namespace's message queues at $mqueue_dir.
  mount -t tmpfs -o mode=1777 tmpfs /dev/shm 2>/dev/null \
    || framework_failure_ "cannot mount a private /dev/shm"
  mqueue_dir=$test_dir_/mqueue
  mkdir "$mqueue_dir" && mount -t mqueue mqueue "$mqueue_dir" 2>/dev/null \
    || mqueue_dir=
fi
export mqueue_dir

# Bounds every command a test runs, so a hang fails instead of stalling CI.
timeout_() { timeout --kill-after=5 "${TEST_TIMEOUT:-20}" "$@"; }
