#!/bin/bash
# Usage errors of shmput and shmget (the shared selector and creation
# options, and each program's own): status 2, the exact diagnostic,
# nothing on stdout, and no segment created.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

try_line_=yes
# check_ 'DIAGNOSTIC' PROG ARG...: PROG ARG... exits 2 with exactly
# "PROG: DIAGNOSTIC" (and the "Try" line when try_line_=yes) on stderr.
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

before=$(nsegs_)
for prog in shmput shmget; do
  try_line_=yes
  check_ 'missing --key, --key-file, --id or --name' $prog
  check_ 'options --key and --name are mutually exclusive' $prog -k 1 -n /s
  check_ 'option --proj needs --key-file' $prog -j 1 -k 1
  check_ 'options --timeout and --nonblock need --lock' $prog -k 1 -w 1
  check_ 'options --timeout and --nonblock need --lock' $prog -k 1 --nonblock
  check_ 'option --force needs --remove' $prog -k 1 --force
  try_line_=no
  check_ 'key 0 (IPC_PRIVATE) cannot name a shared object' $prog -k 0
  check_ "invalid POSIX name 'x': it must be '/' followed by 1 to 255 bytes, none of them '/'" $prog -n x
  check_ "invalid offset: '-1': must be at least 0" $prog -k 1 -o -1
  check_ "invalid offset: '1Q': invalid suffix" $prog -k 1 --offset=1Q
  check_ "invalid offset: '99999999999999999999K': value too large" $prog -k 1 -o 99999999999999999999K
  check_ "invalid timeout: 'abc'" $prog -k 1 --lock -w abc
done
try_line_=yes
check_ 'option --mode needs --create' shmput -k 1 -m 600
check_ 'option --size needs --create' shmput -k 1 -s 4K
check_ 'option --create needs --key, --key-file or --name, not --id' shmput -i 1 -c
check_ "extra operand 'b'" shmput -k 1 a b
check_ "extra operand 'a'" shmget -k 1 a
check_ "unrecognized option '--create'" shmget -k 1 --create
try_line_=no
check_ "invalid size: ''" shmput -c -k 1 -s ''
check_ "invalid size: '1.5K'" shmput -c -k 1 --size=1.5K
check_ "invalid length: '-5': must be at least 0" shmget -k 1 -l -5
test "$(nsegs_)" = "$before" || { warn_ "a segment was created"; fail=1; }

Exit $fail
