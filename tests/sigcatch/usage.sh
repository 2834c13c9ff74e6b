#!/bin/bash
# Bad option arguments and signals are usage errors: status 2, one exact
# line on stderr, nothing on stdout, and no pid file left behind.
. "$abs_top_srcdir/tests/init.sh"
fail=0

# check_usage_ 'MESSAGE' ARG...: sigcatch ARG... fails with status 2 and
# exactly MESSAGE; it must not block any signal or create the pid file first.
check_usage_() {
  local message=$1; shift
  returns_ 2 timeout_ sigcatch --pid-file=pf "$@" >out 2>err || fail=1
  compare /dev/null out || fail=1
  compare_text err "$message" || fail=1
  test -e pf && { warn_ "$ME_: pid file left by: sigcatch $*"; fail=1; rm -f pf; }
}

# Signals that cannot be caught, by name and by number (canonical name).
check_usage_ "sigcatch: cannot catch SIGKILL" KILL
check_usage_ "sigcatch: cannot catch SIGKILL" 9
check_usage_ "sigcatch: cannot catch SIGKILL" sigkill
check_usage_ "sigcatch: cannot catch SIGSTOP" STOP
check_usage_ "sigcatch: cannot catch SIGSTOP" 19
check_usage_ "sigcatch: cannot catch SIGSTOP" USR1 SIGSTOP
# glibc's own two signals below SIGRTMIN can never be unblocked for us.
check_usage_ "sigcatch: cannot catch signal 32: the C library reserves it" 32
check_usage_ "sigcatch: cannot catch signal 33: the C library reserves it" 33

# Things that are no signal at all.
for bad in 0 65 RTMIN+99 RTMAX-99 RTMIN-1 RTMAX+1 SIGFOO '' +1 ' 1' \
           '1 ' USR1x SIG SIGSIGUSR1 1.5 0x10; do
  check_usage_ "sigcatch: invalid signal: '$bad'" "$bad"
done
check_usage_ "sigcatch: invalid signal: '-1'" -- -1
# A hostile name cannot forge a second line.
check_usage_ "sigcatch: invalid signal: 'foo\\x0abar'" "foo
bar"

# Counts: 1 to 4294967295.
check_usage_ "sigcatch: invalid count: '0': must be between 1 and 4294967295" --count 0
check_usage_ "sigcatch: invalid count: '-1': must be between 1 and 4294967295" --count=-1
check_usage_ "sigcatch: invalid count: '4294967296': must be between 1 and 4294967295" -N 4294967296
check_usage_ "sigcatch: invalid count: 'abc'" --count abc
check_usage_ "sigcatch: invalid count: ''" --count ''
check_usage_ "sigcatch: invalid count: '1x'" -N1x USR1

# Timeouts.
check_usage_ "sigcatch: invalid timeout: 'abc'" --timeout abc
check_usage_ "sigcatch: invalid timeout: '-1'" --timeout=-1
check_usage_ "sigcatch: invalid timeout: ''" -w ''
check_usage_ "sigcatch: invalid timeout: '1x': invalid suffix" -w 1x

# Formats: an unknown directive or escape, or one cut off at the end.
check_usage_ "sigcatch: invalid format: '%x': unknown directive '%x'" --format=%x
check_usage_ "sigcatch: invalid format: 'pid %': unknown directive '%'" -F 'pid %'
check_usage_ "sigcatch: invalid format: '%n %P': unknown directive '%P'" -F '%n %P'
check_usage_ "sigcatch: invalid format: 'a\\\\qb': unknown escape '\\\\q'" -F 'a\qb'
check_usage_ "sigcatch: invalid format: '%n\\\\': unknown escape '\\\\'" -F '%n\'

# An empty pid file name.
check_usage_ "sigcatch: invalid pid file: ''" --pid-file ''

# Bad options: getopt's message, then the pointer to --help.
check_usage_ "sigcatch: invalid option -- 'x'
Try 'sigcatch --help' for more information." -x
check_usage_ "sigcatch: unrecognized option '--bogus'
Try 'sigcatch --help' for more information." --bogus
check_usage_ "sigcatch: option '--count' requires an argument
Try 'sigcatch --help' for more information." --count
check_usage_ "sigcatch: option requires an argument -- 'w'
Try 'sigcatch --help' for more information." -w
check_usage_ "sigcatch: option '--quiet' doesn't allow an argument
Try 'sigcatch --help' for more information." --quiet=yes

# --list checks its operands too.
returns_ 2 timeout_ sigcatch --list USR1 FOO >out 2>err || fail=1
compare /dev/null out || fail=1
compare_text err "sigcatch: invalid signal: 'FOO'" || fail=1

Exit $fail
