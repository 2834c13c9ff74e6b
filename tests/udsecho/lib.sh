# tests/udsecho/lib.sh: sourced by the udsecho tests after init.sh.

# start_server_ PIDFILE ARG...: runs "udsecho -l -p PIDFILE ARG..." in the
# background with stderr in PIDFILE.err and waits until it is ready (the
# pid file's contract); sets server_pid and server_job.
start_server_() {
  local pf=$1; shift
  rm -f "$pf"
  # Not through the timeout_ function: a backgrounded function runs in a
  # subshell, which would report "Terminated" into PIDFILE.err.
  timeout --kill-after=5 "${TEST_TIMEOUT:-20}" udsecho -l -p "$pf" "$@" 2>"$pf.err" &
  server_job=$!
  wait_for_file_ "$pf" || { cat "$pf.err" >&2; fail_ "server did not start: $*"; }
  server_pid=$(cat "$pf")
}

# stop_server_: SIGTERM, and the server dies of it (status 143).
stop_server_() {
  kill -TERM "$server_pid" 2>/dev/null
  returns_ 143 wait "$server_job"
}

cleanup_() {
  local p
  for p in $(jobs -p); do kill -KILL "$p" 2>/dev/null; done
  wait 2>/dev/null
}
