#!/bin/bash
# --format: every directive (%n %N %p %u %v %c %t %%) and escape (\n \t \\),
# for signals sent by kill(), sigqueue(), tgkill() and the kernel (SIGCHLD);
# and the default line for each way of sending.
. "$abs_top_srcdir/tests/init.sh"
fail=0

burst=$abs_top_builddir/tests/helpers/sigqueue-burst
test -x "$burst" || framework_failure_ "$burst is not built (make check builds it)"
uid=$(id -u)
rtmin=$(kill -l RTMIN)
start_() {
  rm -f pf out err
  timeout_ sigcatch --pid-file=pf "$@" >out 2>err &
  job=$!
  wait_for_file_ pf || fail_ "sigcatch $* did not start"
  pid=$(cat pf)
}
cleanup_() { test -n "${pid-}" && kill -KILL "$pid" 2>/dev/null; }
# send_ SIGNAL COUNT HOW: the burst helper in the background, its pid in $sender.
send_() {
  "$burst" "$pid" "$1" "$2" "$3" & sender=$!
  wait "$sender" || fail=1
}

all='%n|%N|%p|%u|%v|%c'
# kill(): SI_USER, no value.
start_ --count=1 --format="$all" USR2
send_ "$(kill -l USR2)" 1 kill
returns_ 0 wait "$job" || fail=1
compare_text out "USR2|12|$sender|$uid|0|user" || fail=1
compare /dev/null err || fail=1

# sigqueue(): SI_QUEUE with values 0, 1, 2, in order.
start_ --count=3 --format="$all" RTMIN+3
send_ RTMIN+3 3 queue
returns_ 0 wait "$job" || fail=1
compare_text out \
  "RTMIN+3|$((rtmin + 3))|$sender|$uid|0|queue" \
  "RTMIN+3|$((rtmin + 3))|$sender|$uid|1|queue" \
  "RTMIN+3|$((rtmin + 3))|$sender|$uid|2|queue" || fail=1

# tgkill(): SI_TKILL.
start_ --count=1 --format="$all" USR1
send_ "$(kill -l USR1)" 1 tkill
returns_ 0 wait "$job" || fail=1
compare_text out "USR1|10|$sender|$uid|0|tkill" || fail=1

# The kernel: SIGCHLD (CLD_EXITED) from a child sigcatch inherits across
# exec; the child exits once sigcatch is ready.  %p is the child's pid.
rm -f pf child
timeout_ sh -c '(until test -s pf; do sleep 0.01; done) & echo $! > child
  exec sigcatch --pid-file=pf --count=2 --format="$0" CHLD USR1' "$all" >out 2>err &
job=$!
wait_for_file_ child || fail=1
wait_for_file_ pf || fail=1
pid=$(cat pf)
# The child's exit comes first; then USR1 ends it.
wait_for_file_ out || fail=1
kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
compare_text out "CHLD|17|$(cat child)|$uid|0|kernel" "USR1|10|$$|$uid|0|user" || fail=1
compare /dev/null err || fail=1

# %t: the time of arrival, seconds.nanoseconds since the Epoch.
before=$(date +%s.%N)
start_ --count=1 --format='%t' USR1
kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
after=$(date +%s.%N)
grep -Eqx '[0-9]+\.[0-9]{9}' out || { warn_ "bad %t: $(cat out)"; fail=1; }
awk -v b="$before" -v a="$after" '{ exit !($1 >= b - 0.001 && $1 <= a + 0.001) }' out \
  || { warn_ "%t $(cat out) not between $before and $after"; fail=1; }

# Literal text, %%, escapes; an empty FORMAT gives an empty line.
start_ --count=2 --format='100%% \\%n\t%N\n-' USR1
kill -USR1 "$pid"; wait_for_file_ out || fail=1; kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
printf '100%% \\USR1\t10\n-\n100%% \\USR1\t10\n-\n' > exp
compare exp out || fail=1
start_ --count=1 --format= USR1
kill -USR1 "$pid"
returns_ 0 wait "$job" || fail=1
printf '\n' > exp
compare exp out || fail=1

# The default line for each way of sending.
start_ --count=1 USR1
send_ 10 1 tkill
returns_ 0 wait "$job" || fail=1
compare_text out "SIGUSR1 (10) from pid $sender, uid $uid" || fail=1
start_ --count=1 RTMAX
send_ "$(kill -l RTMAX)" 1 queue
returns_ 0 wait "$job" || fail=1
compare_text out "SIGRTMAX ($(kill -l RTMAX)) from pid $sender, uid $uid, value 0" || fail=1
rm -f pf child
timeout_ sh -c '(until test -s pf; do sleep 0.01; done) & echo $! > child
  exec sigcatch --pid-file=pf --count=1 CHLD' >out 2>err
compare_text out "SIGCHLD (17) from the kernel, child pid $(cat child), uid $uid" || fail=1
compare /dev/null err || fail=1

Exit $fail
