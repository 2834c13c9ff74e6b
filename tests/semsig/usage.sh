#!/bin/bash
# Usage errors of semsig and semwait: status 2, the exact diagnostic,
# nothing on stdout, and no semaphore created (RELIABILITY 27).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/semsig/sem-lib.sh"
fail=0

try_line_=yes
# check_ 'DIAGNOSTIC' PROG ARG...: exits 2 with exactly "PROG: DIAGNOSTIC"
# (and the "Try" line when try_line_=yes) on stderr.
check_() {
  local diag=$1; shift
  returns_ 2 timeout_ "$@" </dev/null >out 2>err || { warn_ "case: $*"; fail=1; return; }
  compare /dev/null out || fail=1
  if test $try_line_ = yes; then
    compare_text err "$1: $diag" "Try '$1 --help' for more information." || fail=1
  else
    compare_text err "$1: $diag" || fail=1
  fi
}

key_ k
for prog in semsig semwait; do
  try_line_=yes
  check_ 'missing --key, --key-file, --id or --name' $prog
  check_ 'missing --key, --key-file, --id or --name' $prog -c -V 1
  check_ 'options --key and --name are mutually exclusive' $prog -k $k -n /s
  check_ 'option --value needs --create' $prog -k $k -V 1
  check_ 'option --value needs --create' $prog -n /s --value=0
  check_ 'option --nsems needs --create' $prog -k $k --nsems 2
  check_ 'option --nsems applies only to System V semaphores' $prog -c -n /s --nsems 2
  check_ 'option --index applies only to System V semaphores' $prog -n /s -I 0
  check_ 'invalid value 32768: a System V semaphore holds at most 32767' $prog -c -k $k -V 32768
  check_ 'invalid count 32768: a System V semaphore holds at most 32767' $prog -k $k -N 32768
  check_ 'options --show and --count are mutually exclusive' $prog -k $k --show -N 1
  check_ 'options --show and --remove are mutually exclusive' $prog -k $k --show --remove
  check_ 'option --mode needs --create' $prog -k $k -m 600
  check_ "unrecognized option '--bogus'" $prog -k $k --bogus

  try_line_=no
  for n in 0 -1 2147483648; do
    check_ "invalid count: '$n': must be between 1 and 2147483647" $prog -k $k --count="$n"
  done
  for n in abc '' 1x; do
    check_ "invalid count: '$n'" $prog -k $k --count="$n"
  done
  check_ "invalid count: '0': must be between 1 and 2147483647" $prog -k $k -N 0
  check_ "invalid value: '-1': must be between 0 and 2147483647" $prog -c -k $k -V -1
  check_ "invalid number of semaphores: '0': must be between 1 and 2147483647" $prog -c -k $k --nsems 0
  check_ "invalid index: '-1': must be between 0 and 2147483646" $prog -k $k --index=-1
done

try_line_=yes
check_ "extra operand 'x'" semsig -k $k x
check_ "invalid option -- 'z'" semsig -k $k -z
check_ "invalid option -- 'w'" semsig -k $k -w 1
check_ "unrecognized option '--nonblock'" semsig -k $k --nonblock
check_ 'option --zero applies only to System V semaphores' semwait -n /s -z
check_ 'options --zero and --count are mutually exclusive' semwait -k $k -z -N 2
check_ 'option --show cannot be combined with --zero' semwait -k $k --show -z
check_ 'option --show cannot be combined with --timeout' semwait -k $k --show -w 1
check_ 'option --show cannot be combined with --timeout' semwait -k $k --show --nonblock
check_ 'option --zero cannot be combined with COMMAND' semwait -k $k -z -- true
check_ 'option --show cannot be combined with COMMAND' semwait -k $k --show true
check_ 'option --remove cannot be combined with COMMAND' semwait -k $k --remove -- true
try_line_=no
check_ "invalid timeout: 'abc'" semwait -k $k -w abc

# Nothing was created by any of them.
test "$(nsets_)" = 0 || test "$IPCUTILS_TEST_NS" = 0 || { warn_ "a set was created"; fail=1; }
test -z "$(ls /dev/shm | grep '^sem\.')" || test "$IPCUTILS_TEST_NS" = 0 \
  || { warn_ "a POSIX semaphore was created"; fail=1; }

Exit $fail
