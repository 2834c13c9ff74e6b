#!/bin/bash
# A real-time signal sent with "kill --queue VALUE" (procps-ng or
# util-linux kill) is reported with its name, SI_QUEUE, the kill process's
# pid and uid, and the value.
. "$abs_top_srcdir/tests/init.sh"
fail=0

killprog=
for k in "$(type -P kill)" /usr/bin/kill /bin/kill; do
  test -x "$k" && "$k" --help 2>&1 | grep -q -- '--queue' && { killprog=$k; break; }
done
test -n "$killprog" || skip_ "no kill program with --queue"

uid=$(id -u)
rtmin=$(kill -l RTMIN)   # bash's builtin: 34 with glibc
rtmax=$(kill -l RTMAX)
start_() {
  rm -f pf out err
  timeout_ sigcatch --pid-file=pf "$@" >out 2>err &
  job=$!
  wait_for_file_ pf || fail_ "sigcatch $* did not start"
  pid=$(cat pf)
}
cleanup_() { test -n "${pid-}" && kill -KILL "$pid" 2>/dev/null; }
# queue_ VALUE SIGNO: kill --queue VALUE -s SIGNO $pid, its pid in $kpid.
# (procps-ng kill knows no RTMIN name, so the number is passed.)
queue_() {
  sh -c 'echo $$ > kpid && exec "$0" --queue "$1" -s "$2" "$3"' \
    "$killprog" "$1" "$2" "$pid" || fail=1
  kpid=$(cat kpid)
}

# RELIABILITY 51: kill --queue 42 -s RTMIN, the default line.
start_ --count 1 RTMIN
queue_ 42 "$rtmin"
returns_ 0 wait "$job" || fail=1
compare_text out "SIGRTMIN ($rtmin) from pid $kpid, uid $uid, value 42" || fail=1
compare /dev/null err || fail=1

# The same fields through --format, for a script.
start_ --count 2 --format='%n %N %c %p %u %v' RTMIN RTMAX-2
queue_ 42 "$rtmin"
first_kpid=$kpid
queue_ 2147483647 $((rtmax - 2))
returns_ 0 wait "$job" || fail=1
compare_text out \
  "RTMIN $rtmin queue $first_kpid $uid 42" \
  "RTMAX-2 $((rtmax - 2)) queue $kpid $uid 2147483647" || fail=1
compare /dev/null err || fail=1

Exit $fail
