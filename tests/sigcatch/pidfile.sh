#!/bin/bash
# --pid-file: the file appears, whole, only once the signals are blocked,
# holds our pid, replaces a stale regular file, and is removed at exit,
# unless someone else's file has taken its place.
. "$abs_top_srcdir/tests/init.sh"
fail=0

cleanup_() { test -n "${pid-}" && kill -KILL "$pid" 2>/dev/null; }
# blocked_ SIGNAL: SIGNAL is in SigBlk of /proc/$pid/status.
blocked_() {
  local mask
  mask=$(sed -n 's/^SigBlk:[[:space:]]*//p' "/proc/$pid/status") || return 1
  (( (16#$mask >> ($(kill -l "$1") - 1)) & 1 ))
}

# The contract (RELIABILITY 52): when the file is there, sending is safe.
# Spin rather than sleep, to look as early as possible.
rm -f pf
timeout_ sigcatch --pid-file=pf --count=1 USR1 RTMIN+1 >out 2>err &
job=$!
until test -s pf; do kill -0 "$job" 2>/dev/null || break; done
pid=$(cat pf) || fail_ "no pid file"
blocked_ USR1 && blocked_ RTMIN+1 \
  || { warn_ "pid file written before the signals were blocked"; fail=1; }
printf '%s\n' "$pid" > exp
compare exp pf || fail=1
test "$(cat "/proc/$pid/comm")" = sigcatch || fail=1
test "$(stat -c %a pf)" = "$(printf '%o' $((0644 & ~$(umask))))" || fail=1
kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
test -e pf && { warn_ "pid file left after --count"; fail=1; }

# Removed on timeout too; no temporary file left beside it; umask honoured.
mkdir dir || framework_failure_
(umask 077; timeout_ sigcatch -p dir/pf -w 2 USR1) >out 2>err &
job=$!
wait_for_file_ dir/pf || fail=1
pid=$(cat dir/pf)
test "$(ls -A dir)" = pf || { warn_ "dir holds: $(ls -A dir)"; fail=1; }
test "$(stat -c %a dir/pf)" = 600 || fail=1
returns_ 3 wait "$job" || fail=1
test "$(ls -A dir)" = "" || { warn_ "left in dir: $(ls -A dir)"; fail=1; }

# A stale regular file is replaced (symbolic links and other files are
# refused: pidfile-refuse.sh).
echo 99999 > pf
timeout_ sigcatch -p pf -N 1 USR1 >out 2>err &
job=$!
until test "$(cat pf)" != 99999; do
  kill -0 "$job" 2>/dev/null || break
  sleep 0.01
done
pid=$(cat pf)
test "$(cat "/proc/$pid/comm" 2>/dev/null)" = sigcatch || fail=1
kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
test -e pf && { warn_ "pf left behind"; fail=1; }

# Someone else's file in its place at exit is not ours to remove.
timeout_ sigcatch -p pf -N 1 USR1 >out 2>err &
job=$!
wait_for_file_ pf || fail=1
pid=$(cat pf)
echo other > pf.new && mv pf.new pf
kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
test "$(cat pf 2>/dev/null)" = other || { warn_ "removed a file it did not create"; fail=1; }
rm -f pf

# A pid file that cannot be made: status 1, one line, nothing waited for.
returns_ 1 timeout_ sigcatch -p nodir/pf USR1 >out 2>err || fail=1
compare /dev/null out || fail=1
compare_text err "sigcatch: cannot create pid file 'nodir/pf': No such file or directory" || fail=1

Exit $fail
