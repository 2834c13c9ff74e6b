#!/bin/bash
# A signal sigcatch was not asked to catch still ends it with the signal's
# default action, but the pid file goes first, so a later kill of the pid
# it names cannot hit a reused pid (issue 6, defect 11).  At exit, a file
# that is no longer the one it wrote stays.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/lib/ready.sh"
fail=0

cleanup_() { stop_ready_; }
mask_exec=$abs_top_builddir/tests/helpers/sigmask-exec
test -x "$mask_exec" || framework_failure_ "$mask_exec is not built (make check builds it)"
ulimit -c 0   # QUIT dumps core

# bash starts background jobs with INT and QUIT ignored: back to SIG_DFL,
# as a terminal's foreground job has them.
dfl="$mask_exec -d $(kill -l INT) -d $(kill -l QUIT)"
for sig in TERM HUP INT QUIT ALRM USR2 PIPE XCPU RTMIN RTMAX-1; do
  start_ready_ pf $dfl sigcatch -p pf USR1 >out 2>err || { fail=1; continue; }
  kill -s "$sig" "$pid"
  returns_ $((128 + $(kill -l "$sig"))) wait "$job" || fail=1
  test -e pf && { warn_ "$sig: pid file left behind"; fail=1; rm -f pf; }
  compare /dev/null out || fail=1
done

# After a report, the same.
start_ready_ pf sigcatch -p pf -F %n USR1 >out 2>err || fail=1
kill -USR1 "$pid"
wait_for_file_ out || fail=1
kill -TERM "$pid"
returns_ 143 wait "$job" || fail=1
compare_text out USR1 || fail=1
test -e pf && { warn_ "pid file left after a report"; fail=1; }

# An ignored signal stays ignored (nohup), and the asked one still counts.
start_ready_ pf "$mask_exec" -i "$(kill -l HUP)" sigcatch -p pf -N 1 -F %n USR1 \
  >out 2>err || fail=1
kill -HUP "$pid"
kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
compare_text out USR1 || fail=1
test -e pf && fail=1

# Not ours any more: rewritten in place, or replaced by a FIFO.  A death
# by signal leaves them alone too.
for how in rewrite fifo; do
  for end in USR1 TERM; do
    start_ready_ pf sigcatch -p pf -N 1 USR1 >out 2>err || fail=1
    case $how in
      rewrite) echo 1 > pf ;;
      fifo) mkfifo pf.new && mv pf.new pf ;;
    esac
    kill -s $end "$pid"
    wait "$job"
    case $how in
      rewrite) test "$(cat pf 2>/dev/null)" = 1 || { warn_ "removed a rewritten file"; fail=1; } ;;
      fifo) test -p pf || { warn_ "removed a FIFO"; fail=1; } ;;
    esac
    rm -f pf
  done
done

Exit $fail
