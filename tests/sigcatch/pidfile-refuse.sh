#!/bin/bash
# --pid-file never destroys what is not ours (issue 6, defect 1): a FILE
# that is a symbolic link (to anything, or dangling), a FIFO, a device, a
# directory or a file of data is refused with status 1, before any signal
# is blocked, and left exactly as it was; nothing is created beside it.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/lib/ready.sh"
fail=0

mkdir d || framework_failure_
echo precious > d/data
printf 'line one\nline two\n' > d/text
printf '123\n456\n' > d/twonums
mkfifo d/fifo || framework_failure_
mknod d/null c 1 3 || framework_failure_
mkdir d/dir || framework_failure_
ln -s data d/link || framework_failure_
ln -s nowhere d/dangling || framework_failure_
ln -s dir d/dirlink || framework_failure_
snapshot_() { (cd d && find . -printf '%p %y %i %s %l\n' | sort && cat data text twonums); }
snapshot_ > before || framework_failure_

check_refused_() {
  local path=$1 why=$2
  returns_ 1 timeout_ sigcatch -p "d/$path" USR1 >out 2>err || fail=1
  compare /dev/null out || fail=1
  compare_text err "sigcatch: pid file 'd/$path' $why" || fail=1
}
for f in link dangling dirlink; do
  check_refused_ $f "is a symbolic link; not replacing it"
done
for f in fifo null dir; do
  check_refused_ $f "exists and is not a regular file"
done
for f in data text twonums; do
  check_refused_ $f "exists and holds something other than a process ID"
done
snapshot_ > after
compare before after || fail=1

# Refused before any signal was blocked or waited for.
if command -v strace >/dev/null; then
  returns_ 1 timeout_ strace -f -o trace -e trace=rt_sigprocmask,signalfd4 \
    sigcatch -p d/fifo USR1 >out 2>err || fail=1
  # (A sanitizer runtime blocks a complement set, ~[...], of its own.)
  grep -E 'SIG_BLOCK, \[|signalfd' trace && { warn_ "blocked before refusing"; fail=1; }
fi

# A stale pid file (a number, with or without its newline) or an empty
# file is replaced, and removed at the end.
for content in '4242\n' '4242' ''; do
  printf "$content" > pf
  start_ready_ pf sigcatch -p pf -N 1 USR1 >out 2>err || fail=1
  test "$(cat pf)" = "$pid" || fail=1
  kill -USR1 "$pid"
  returns_ 0 wait "$job" || fail=1
  test -e pf && { warn_ "pf left behind"; fail=1; }
done

Exit $fail
