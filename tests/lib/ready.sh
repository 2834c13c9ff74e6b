# tests/lib/ready.sh: start a program that announces readiness with a pid
# file (sigcatch -p, udsecho -l -p), and wait until it is ready.
#
#   . "$abs_top_srcdir/tests/lib/ready.sh"     (after tests/init.sh)
#   start_ready_ pf sigcatch -p pf USR1 >out 2>err || fail_ "no start"
#   kill -USR1 "$pid"; returns_ 0 wait "$job"
#
# start_ready_ FILE CMD [ARG]...: removes FILE, runs CMD in the background
# (bounded by timeout_), and waits until FILE holds a process ID.  Sets
# job (the background job, for wait) and pid (what FILE says: the
# program itself).  Returns 1 with a warning on fd 9, if open, or else
# on stderr, when CMD ends first or nothing shows within READY_TIMEOUT
# seconds (default 10).  Redirections on the call apply to CMD.
start_ready_() {
  local file=$1 i limit=$(( ${READY_TIMEOUT:-10} * 100 ))
  shift
  rm -f "$file"
  pid=
  timeout_ "$@" &
  job=$!
  for ((i = 0; i < limit; i++)); do
    if test -s "$file"; then
      pid=$(cat "$file" 2>/dev/null)
      case $pid in
        *[!0-9]*|'') ;;
        *) return 0 ;;
      esac
    fi
    kill -0 "$job" 2>/dev/null || break
    sleep 0.01
  done
  pid=
  { warn_ "$ME_: $1 did not write $file" >&9; } 2>/dev/null \
    || warn_ "$ME_: $1 did not write $file"
  return 1
}

# stop_ready_: the cleanup_ for tests that use start_ready_: kills what
# the last start_ready_ started, if it is still there.
stop_ready_() {
  test -n "${pid-}" && kill -KILL "$pid" 2>/dev/null
  return 0
}
