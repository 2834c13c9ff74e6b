#!/bin/bash
# Standard input and output that cannot be used: a closed stdin or stdout
# is refused before any FIFO is made; output that cannot be written is an
# error (status 1), and --remove still removes what this run made.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

returns_ 1 fifochat -c a b <&- > out 2> err || fail=1
compare_text err 'fifochat: cannot read standard input: Bad file descriptor' || fail=1
test ! -e a && test ! -e b || { warn_ "FIFOs made with stdin closed"; fail=1; }
returns_ 1 fifochat -c a b < /dev/null >&- 2> err || fail=1
compare_text err 'fifochat: write error: Bad file descriptor' || fail=1
test ! -e a && test ! -e b || { warn_ "FIFOs made with stdout closed"; fail=1; }

# A full disk on stdout.
if test -w /dev/full; then
  timeout_ fifochat -c --remove a b < /dev/null > /dev/full 2> err & apid=$!
  wait_open_blocked_ $apid || fail=1
  echo 'lost' | timeout_ fifochat b a > /dev/null 2>&1
  returns_ 1 wait $apid || fail=1
  compare_text err 'fifochat: write error: No space left on device' || fail=1
  test ! -e a && test ! -e b || { warn_ "FIFOs left after a write error"; fail=1; }
fi

# stdout a pipe whose reader left: fifochat dies of SIGPIPE like cat
# (status 141), silently, unless SIGPIPE was ignored.
mkfifo -m 600 a b
timeout_ fifochat a b < /dev/null > >(true) 2> err & apid=$!
wait_open_blocked_ $apid || fail=1
seq 100000 | timeout_ fifochat b a > /dev/null 2>&1
returns_ 141 wait $apid || fail=1
compare /dev/null err || fail=1
(trap '' PIPE; timeout_ fifochat a b < /dev/null > >(true) 2> err) & apid=$!
wait_open_blocked_ $apid || fail=1
seq 100000 | timeout_ fifochat b a > /dev/null 2>&1
returns_ 1 wait $apid || fail=1
compare_text err 'fifochat: write error: Broken pipe' || fail=1

Exit $fail
