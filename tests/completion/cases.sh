# tests/completion/cases.sh: the cases of tests/completion/{plain,loaded}.sh,
# sourced after tests/init.sh with completion_mode set.
. "$srcdir/tests/completion/lib.sh"
. "$srcdir/tests/lib/object.sh"
require_ipc_namespace_  # the object lists must be exactly what we made
obj_require_ msg
fail=0

test -n "$built_programs" || framework_failure_ "built_programs is empty"

# --- options -------------------------------------------------------------
check_completion_ 'mqsend --ti' --timeout= || fail=1
complete_ mqsend --ti 3>compopt >/dev/null 2>&1
compare_text compopt 'compopt -o nospace' || fail=1  # no space after "="
check_completion_ 'sigcatch --li' --list || fail=1
check_completion_ 'udsecho -t' -t || fail=1
check_completion_ 'mqrecv --nosuchoption' || fail=1

for prog in $built_programs; do
  check_completion_ "$prog --he" --help || fail=1
  # "-" offers every option --help shows, short ones as -X and long ones
  # as --NAME, or --NAME= when they take an argument.
  "$prog" --help | sed -n -E \
    -e 's/^  (-[[:alnum:]]), (--[[:alnum:]-]+)(=?).*/\1\n\2\3/p' \
    -e 's/^      (--[[:alnum:]-]+)(=?).*/\1\2/p' > exp-options
  complete_ "$prog" - >out 2>err 3>/dev/null || fail=1
  compare exp-options out || { warn_ "$prog -: not every option"; fail=1; }
  compare /dev/null err || fail=1
  test "$(wc -l < out)" -ge 4 || { warn_ "$prog -: too few options"; fail=1; }
  sort out | uniq -d > dups
  compare /dev/null dups || { warn_ "$prog -: options twice"; fail=1; }
done
# Whatever --help says, the list holds these.
complete_ shmget - 2>/dev/null 3>/dev/null | grep -x -e -o -e --offset= > out
compare_text out -o --offset= || fail=1

# --- signals -------------------------------------------------------------
check_completion_ 'sigcatch US' USR1 USR2 || fail=1
check_completion_ 'sigcatch SIGUS' SIGUSR1 SIGUSR2 || fail=1
check_completion_ 'sigcatch -N 2 RTMIN+1' RTMIN+1 RTMIN+10 RTMIN+11 \
  RTMIN+12 RTMIN+13 RTMIN+14 RTMIN+15 || fail=1
check_completion_ 'sigcatch RTMAX-1' RTMAX-14 RTMAX-13 RTMAX-12 RTMAX-11 \
  RTMAX-10 RTMAX-1 || fail=1
check_completion_ 'sigcatch --format %n KI' || fail=1  # KILL cannot be caught

# --- -t values -----------------------------------------------------------
check_completion_ "udsecho -t ''" stream dgram seqpacket || fail=1
check_completion_ 'udsecho --type = s' stream seqpacket || fail=1
check_completion_ 'ipcclean -t msg,p' msg,pmsg msg,psem msg,pshm || fail=1
check_completion_ 'ipcclean -t msg,sem,s' msg,sem,shm || fail=1
check_completion_ 'ipcclean --user roo' root || fail=1

# --- System V keys and ids ----------------------------------------------
obj_create_ msg 0x1234 || framework_failure_ "cannot create a message queue"
obj_create_ sem 0x5678 || framework_failure_ "cannot create a semaphore set"
obj_create_ shm 0x9abcdef0 || framework_failure_ "cannot create a segment"
# IPC_PRIVATE (key 0) has an id, and no key to select it by.
obj_create_ msg 0 || framework_failure_ "cannot create a private queue"
private_msgid=$(awk 'NR > 1 && $1 == 0 { print $2 }' /proc/sysvipc/msg)
msgid=$(obj_field_ msg 0x1234 id)
semid=$(obj_field_ sem 0x5678 id)
shmid=$(awk 'NR == 2 { print $2 }' /proc/sysvipc/shm)  # /proc: a signed key
if test -z "$msgid" || test -z "$semid" || test -z "$shmid"; then
  framework_failure_ "no ids"
fi
check_completion_ "mqsend -k ''" 0x00001234 || fail=1
check_completion_ 'mqsend -k 0x' 0x00001234 || fail=1
check_completion_ 'mqrecv --key 0' 0x00001234 || fail=1
check_completion_ 'mqrecv --key = 0x' 0x00001234 || fail=1    # "=" split
check_completion_ 'mqrecv --key=0x' --key=0x00001234 || fail=1  # not split
check_completion_ 'mqsend -ck 0x' 0x00001234 || fail=1
check_completion_ 'semsig -k 0x' 0x00005678 || fail=1
check_completion_ 'shmget -k 0x' 0x9abcdef0 || fail=1
check_completion_ 'ipcclean -k 0x' 0x00001234 0x00005678 0x9abcdef0 || fail=1
check_completion_ "mqsend -i $msgid" "$msgid" || fail=1
mapfile -t msgids < <(printf '%s\n' "$msgid" "$private_msgid" | sort -n)
check_completion_ "mqsend -i ''" "${msgids[@]}" || fail=1
check_completion_ 'semwait --id =' "$semid" || fail=1
check_completion_ 'shmput -i' -i || fail=1  # the option itself
check_completion_ "shmput -i $shmid" "$shmid" || fail=1

# --- POSIX names ---------------------------------------------------------
obj_create_ psem /ipcutils-sem || framework_failure_ "cannot create a semaphore"
obj_create_ pshm /ipcutils-shm || framework_failure_ "cannot create a segment"
check_completion_ 'semwait -n /ipc' /ipcutils-sem || fail=1
check_completion_ 'shmget --name = /' /ipcutils-shm || fail=1
check_completion_ 'ipcclean -n /' /ipcutils-sem /ipcutils-shm || fail=1
# /dev/mqueue lists message queues where the machine mounts it; this
# namespace's own queues appear there only if it is mounted here.
if test -d /dev/mqueue && mount -t mqueue mqueue /dev/mqueue 2>/dev/null; then
  mqueue_dir=/dev/mqueue obj_create_ pmq /ipcutils-mq \
    || framework_failure_ "cannot create a queue"
  check_completion_ 'mqsend -n /' /ipcutils-mq || fail=1
  umount /dev/mqueue
fi

# --- files ---------------------------------------------------------------
mkdir files || framework_failure_ "mkdir files"
cd files || framework_failure_ "cd files"
touch data1 data2 other || framework_failure_ "touch"
check_completion_ 'mqsend -f da' data1 data2 || fail=1
check_completion_ 'semsig --key-file = o' other || fail=1
check_completion_ 'sigcatch -p da' data1 data2 || fail=1
check_completion_ 'shmput -k 0x1 da' data1 data2 || fail=1
check_completion_ 'fifochat da' data1 data2 || fail=1
check_completion_ 'shmput -n/ipcutils-shm da' data1 data2 || fail=1  # -n's own
check_completion_ 'udsecho -l o' other || fail=1
check_completion_ 'mqsend --key 1 da' || fail=1  # MESSAGEs are not files
cd .. || framework_failure_ "cd .."

# --- semwait's command ---------------------------------------------------
{ mkdir bin && printf '#!/bin/sh\n' > bin/zz-ipcutils-command &&
  chmod +x bin/zz-ipcutils-command; } || framework_failure_ "bin"
PATH=$PWD/bin:$PATH
check_completion_ 'semwait -k 1 -- zz-ipcutils' zz-ipcutils-command || fail=1
check_completion_ 'semwait -k 1 zz-ipcutils' zz-ipcutils-command || fail=1
check_completion_ 'semwait -w 1 -- --ti' || fail=1  # a command, not an option
if test "$completion_mode" = loaded; then
  # The command's own completion takes over.
  check_completion_ 'semwait -k 1 -- mqsend --ti' --timeout= || fail=1
fi

Exit $fail
