#!/bin/bash
# Bad input: status 2 and one exact diagnostic for an unknown type, a bad
# user, a bad duration, a selector without its --type, an extra operand;
# status 1 for -k, -i or -n of an object that does not exist (lsipc -i
# exits 0 there).  Nothing on stdout, and no object created or removed.
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
fail=0

ipcmk -M 100 >/dev/null && ipcmk -Q >/dev/null && ipc-holder create-pshm /kept \
  || framework_failure_ "ipcmk"
snapshot_() { cat /proc/sysvipc/shm /proc/sysvipc/msg /proc/sysvipc/sem; ls -A /dev/shm; }
snapshot_ > before

# check_ STATUS 'DIAGNOSTIC' [TRY] -- ARG...: ipcclean ARG... exits STATUS
# with exactly "ipcclean: DIAGNOSTIC" (and the "Try" line with TRY=try).
check_() {
  local status=$1 diag=$2 try=$3; shift 4
  ipcclean_ "$@"
  test "$st_" = "$status" || { warn_ "ipcclean $*: status $st_, expected $status"; fail=1; }
  compare /dev/null out || fail=1
  if test "$try" = try; then
    compare_text err "ipcclean: $diag" "Try 'ipcclean --help' for more information." || fail=1
  else
    compare_text err "ipcclean: $diag" || fail=1
  fi
}

types='must be msg, sem, shm, pmsg, psem or pshm'
check_ 2 "invalid type: 'foo': $types" - -- -t foo
check_ 2 "invalid type: 'SHM': $types" - -- --type=shm,SHM
check_ 2 "invalid type list: 'shm,': empty item" - -- -t shm,
check_ 2 "invalid type list: '': empty item" - -- -t ''
check_ 2 "invalid user: 'no-such-user'" - -- -u no-such-user
check_ 2 "invalid user: '-1'" - -- --user=-1
check_ 2 "invalid user: ''" - -- --user=
check_ 2 "invalid user: '4294967295'" - -- -u 4294967295
for d in abc -1 '' nan inf ' 1' '1 '; do
  check_ 2 "invalid duration: '$d'" - -- --older-than="$d"
done
check_ 2 "invalid duration: '42D': invalid suffix" - -- --older-than=42D
check_ 2 "invalid id: 'abc'" - -- -t shm -i abc
check_ 2 "invalid id: '-1': must be between 0 and 2147483647" - -- -t shm -i -1
check_ 2 "invalid key: 'xyz'" - -- -t shm -k xyz
check_ 2 "key 0 (IPC_PRIVATE) cannot name a shared object" - -- -t shm -k 0
check_ 2 "option --id needs --type=msg, sem or shm" try -- -i 0
check_ 2 "option --id needs --type=msg, sem or shm" try -- -i 0 -t shm,sem
check_ 2 "option --id needs --type=msg, sem or shm" try -- -i 0 -t pshm
check_ 2 "option --key needs --type=msg, sem or shm" try -- -k 1
check_ 2 "option --name needs --type=pmsg, psem or pshm" try -- -n /kept -t shm
check_ 2 "options --id and --name are mutually exclusive" try -- -i 0 -n /kept -t pshm
long=/$(printf 'x%.0s' {1..252})
check_ 2 "invalid POSIX name '$long': it must be '/' followed by 1 to 251 bytes, none of them '/'" \
  - -- -t psem -n "$long"
check_ 2 "extra operand 'shm'" try -- shm
check_ 2 "unrecognized option '--force'" try -- --remove --force
check_ 2 "invalid option -- 'r'" try -- -r

# Selected objects that do not exist: status 1.
check_ 1 "shared memory segment id 12345 does not exist" - -- -t shm -i 12345
check_ 1 "message queue id 7 does not exist" - -- --remove -t msg --id=7
check_ 1 "semaphore set key 0x00001234 does not exist" - -- -t sem -k 0x1234
check_ 1 "POSIX shared memory object '/nope' does not exist" - -- -t pshm -n /nope
check_ 1 "POSIX semaphore '/kept' does not exist" - -- -t psem -n /kept
check_ 1 "cannot stat 'no-such-file': No such file or directory" - -- -t shm -f no-such-file

snapshot_ > after
compare before after || fail=1

Exit $fail
