#!/bin/bash
# Output that cannot be written ends sigcatch at the first report with
# status 1 and one line (/dev/full, closed stdout, a closed pipe with
# SIGPIPE ignored or caught), removing the pid file; a closed pipe with
# the default SIGPIPE kills it silently, as it does coreutils (after
# removing the pid file).
. "$abs_top_srcdir/tests/init.sh"
fail=0

mask_exec=$abs_top_builddir/tests/helpers/sigmask-exec
test -x "$mask_exec" || framework_failure_ "$mask_exec is not built (make check builds it)"
# start_ CMD...: CMD (sigcatch or a wrapper) in the background; it must
# write the pid file pf.  Redirections are the caller's.
start_() {
  rm -f pf
  timeout_ "$@" 3>&- &   # fd 3 is the pipe tests' reader: not ours
  job=$!
  wait_for_file_ pf || fail_ "$* did not start"
  pid=$(cat pf)
}
cleanup_() { test -n "${pid-}" && kill -KILL "$pid" 2>/dev/null; }
no_pid_file_() {
  test -e pf || return 0
  warn_ "$ME_: pid file left behind"; rm -f pf; return 1
}

# RELIABILITY 50 and F12: a full device.
start_ sigcatch -p pf USR1 >/dev/full 2>err
kill -USR1 "$pid"
returns_ 1 wait "$job" || fail=1
compare_text err "sigcatch: write error: No space left on device" || fail=1
no_pid_file_ || fail=1

# Closed stdout.  (The pid file may take descriptor 1 for a moment; no
# report may land in it.)
start_ sigcatch -p pf USR1 >&- 2>err
test "$(cat pf)" = "$pid" || fail=1
kill -USR1 "$pid"
returns_ 1 wait "$job" || fail=1
compare_text err "sigcatch: write error: Bad file descriptor" || fail=1
no_pid_file_ || fail=1

# A pipe whose reader goes away after the first line.  The reader is our
# descriptor 3, opened read-write so the open does not wait for a writer.
mkfifo fifo || framework_failure_ mkfifo
# pipe_run_ EXPECTED-STATUS CMD...: one line gets through, the second
# report finds no reader.
pipe_run_() {
  local status=$1; shift
  exec 3<>fifo
  start_ "$@" >fifo 2>err
  kill -USR1 "$pid"
  read -r -t 10 -u 3 line || fail=1
  test "$line" = "USR1" || { warn_ "first line: '$line'"; fail=1; }
  exec 3>&-
  kill -USR1 "$pid"
  returns_ "$status" wait "$job" || fail=1
}
# Default SIGPIPE: death by SIGPIPE, nothing on stderr (F15's convention),
# and the pid file removed first.
pipe_run_ $((128 + $(kill -l PIPE))) sigcatch -p pf -F %n USR1
compare /dev/null err || fail=1
no_pid_file_ || fail=1
# SIGPIPE ignored by the parent: EPIPE, reported.
pipe_run_ 1 "$mask_exec" -i "$(kill -l PIPE)" sigcatch -p pf -F %n USR1
compare_text err "sigcatch: write error: Broken pipe" || fail=1
no_pid_file_ || fail=1
# SIGPIPE among the signals caught: blocked, so EPIPE too.
pipe_run_ 1 sigcatch -p pf -F %n USR1 PIPE
compare_text err "sigcatch: write error: Broken pipe" || fail=1
no_pid_file_ || fail=1

# --list into a full device.
returns_ 1 timeout_ sigcatch --list >/dev/full 2>err || fail=1
compare_text err "sigcatch: write error: No space left on device" || fail=1

Exit $fail
