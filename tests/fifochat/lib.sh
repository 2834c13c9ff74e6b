# tests/fifochat/lib.sh: helpers for the fifochat tests, sourced after
# tests/init.sh.

# descendants_ PID: PID and all its descendants.
descendants_() {
  local p
  echo "$1"
  for p in $(pgrep -P "$1"); do descendants_ "$p"; done
}

# wait_open_blocked_ PID: wait until PID, or a descendant of it (a
# background "timeout_ CMD &" is a subshell running timeout running CMD),
# sleeps in open() of a FIFO waiting for the other end: the moment a peer
# that starts later meets one that is really waiting.
wait_open_blocked_() {
  local i p
  for ((i = 0; i < 2000; i++)); do
    for p in $(descendants_ "$1"); do
      test "$(cat /proc/$p/wchan 2>/dev/null)" = wait_for_partner && return 0
    done
    sleep 0.01
  done
  warn_ "$ME_: process $1 never blocked in open()"
  return 1
}

# wait_polling_ PID: wait until PID or a descendant sleeps in poll(): a
# connected fifochat waiting for data.
wait_polling_() {
  local i p
  for ((i = 0; i < 2000; i++)); do
    for p in $(descendants_ "$1"); do
      case $(cat /proc/$p/wchan 2>/dev/null) in
        do_sys_poll|poll_schedule_timeout*) return 0 ;;
      esac
    done
    sleep 0.01
  done
  warn_ "$ME_: process $1 never waited in poll()"
  return 1
}

# wait_bounded_ PID: wait for background PID (a child of this shell) for at
# most 20 s, then kill it; return its status (137 if it had to be killed).
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

# fifo_mode_ PATH: the permission bits of PATH in octal, as "600".
fifo_mode_() { stat -c %a "$1"; }
