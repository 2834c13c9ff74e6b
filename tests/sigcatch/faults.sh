#!/bin/bash
# Injected system call failures (strace -e inject, F17): no signalfd gives
# a clear status 1 and no pid file; interrupted waits (EINTR) neither end
# the wait early nor stretch the timeout.
. "$abs_top_srcdir/tests/init.sh"
fail=0
require_prog_ strace
strace -o /dev/null -e inject=getpid:error=EPERM true 2>/dev/null \
  || skip_ "strace cannot trace or inject here"
# LeakSanitizer cannot run under ptrace; in an ASan build it would turn
# every exit into status 1.  (No effect on other builds.)
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export ASAN_OPTIONS

returns_ 1 timeout_ strace -o /dev/null -e inject=signalfd4:error=EMFILE \
  sigcatch --pid-file=pf USR1 >out 2>err || fail=1
compare /dev/null out || fail=1
compare_text err "sigcatch: cannot wait for signals: Too many open files" || fail=1
test -e pf && { warn_ "pid file left behind"; fail=1; }

# (The wait is poll, or ppoll where the C library makes poll of it; the
# upper bound is generous: it catches a timeout restarted, not a slow one.)
start=$EPOCHREALTIME
returns_ 3 timeout_ strace -o trace -e trace=poll,ppoll,timerfd_settime \
  -e inject=poll,ppoll:error=EINTR:when=1..3 \
  sigcatch --timeout=0.3 USR1 >out 2>err || fail=1
awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { d = e - s; exit !(d >= 0.3 && d <= 2) }' \
  || { warn_ "EINTR changed the timeout"; fail=1; }
grep -q 'EINTR (Interrupted system call) (INJECTED)' trace \
  || { warn_ "no EINTR was injected"; fail=1; }
compare /dev/null out || fail=1
compare /dev/null err || fail=1

Exit $fail
