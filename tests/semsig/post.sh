#!/bin/bash
# semsig adds units: creation with --value, --mode and --nsems, --count,
# --show, --index, the maximum value (nothing added past it), a missing
# semaphore (nothing created), --remove only of ours, --create refusing a
# set or name another user made, and /dev/shm files that are not
# semaphores (RELIABILITY 26, 27, 34).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/semsig/sem-lib.sh"
fail=0

key_ k
hex=$(printf '0x%08x' $((k)))

# Missing: status 1, nothing created.
returns_ 1 semsig -k $k 2>err || fail=1
compare_text err "semsig: semaphore set key $hex does not exist" || fail=1
test -z "$(semid_ $k)" || { warn_ "created without --create"; fail=1; }
returns_ 1 semsig -i 999999 2>err || fail=1
compare_text err "semsig: semaphore set id 999999 does not exist" || fail=1

# Created with value 0, then 1 added; exactly mode 0600 whatever the umask.
(umask 0; semsig -c -k $k) || fail=1
test "$(semval_ $k)" = 1 || { warn_ "value $(semval_ $k)"; fail=1; }
test "$(semperms_ $k)" = 600 || { warn_ "mode $(semperms_ $k)"; fail=1; }
# The value came by semop: sem_otime is set (the creation protocol).
test "$(semotime_ $k)" != 0 || { warn_ "sem_otime is 0"; fail=1; }
semsig -k $k --count=3 || fail=1
semsig -k $k --show >out || fail=1
compare_text out 4 || fail=1
semsig -i $(semid_ $k) -N 2 || fail=1
test "$(semval_ $k)" = 6 || fail=1
# --create on an existing set adds to it and does not reset it.
semsig -c -V 9 -k $k || fail=1
test "$(semval_ $k)" = 7 || fail=1

# The maximum: nothing added past 32767.
semsig -k $k -N 32753 || fail=1
returns_ 1 semsig -k $k -N 8 2>err || fail=1
compare_text err "semsig: cannot add 8 to semaphore set key $hex: the value would exceed 32767 (it is 32760 now)" || fail=1
test "$(semval_ $k)" = 32760 || fail=1
semsig -k $k -N 7 || fail=1
returns_ 1 semsig -k $k 2>err || fail=1
compare_text err "semsig: cannot add 1 to semaphore set key $hex: the value would exceed 32767 (it is 32767 now)" || fail=1
# A failed post removes nothing, even with --remove.
returns_ 1 semsig -k $k --remove 2>/dev/null || fail=1
test -n "$(semid_ $k)" || { warn_ "removed after a failure"; fail=1; }
timeout_ semwait -k $k -N 32767 --remove || fail=1
test -z "$(semid_ $k)" || { warn_ "--remove left the set"; fail=1; }

# --mode, --nsems, --index; an index past the end is a usage error that
# names the size.
key_ k2
hex2=$(printf '0x%08x' $((k2)))
semsig -c -m 0640 --nsems 3 -V 2 -I 2 -k $k2 || fail=1
test "$(semperms_ $k2) $(semnsems_ $k2)" = '640 3' || fail=1
test "$(semval_ $k2 0) $(semval_ $k2 1) $(semval_ $k2 2)" = '2 2 3' || fail=1
semsig -k $k2 --index=1 --show >out || fail=1
compare_text out 2 || fail=1
returns_ 2 semsig -k $k2 -I 3 >out 2>err || fail=1
compare_text err "semsig: invalid index 3: semaphore set key $hex2 has 3 members" || fail=1
compare /dev/null out || fail=1
test "$(semval_ $k2 0) $(semval_ $k2 1) $(semval_ $k2 2)" = '2 2 3' || fail=1

# --key-file and --proj name the same set as ftok.
touch keyfile
semsig -c -f keyfile -j 75 -V 4 || fail=1
semsig -f keyfile --proj=K --show >out || fail=1   # 'K' is 75
compare_text out 5 || fail=1
returns_ 1 semsig -f nofile -j 75 2>err || fail=1
compare_text err "semsig: cannot stat 'nofile': No such file or directory" || fail=1

# Another user's set: --create refuses it, --remove leaves it.
if test "$(id -u)" = 0 && command -v setpriv >/dev/null; then
  key_ k3
  hex3=$(printf '0x%08x' $((k3)))
  setpriv --reuid=65534 --regid=65534 --clear-groups semsig -c -m 0666 -k $k3 || fail=1
  returns_ 1 semsig -c -k $k3 2>err || fail=1
  compare_text err "semsig: semaphore set key $hex3 exists and belongs to uid 65534; use --allow-foreign to accept" || fail=1
  test "$(semval_ $k3)" = 1 || fail=1
  semsig -c --allow-foreign -k $k3 || fail=1
  returns_ 1 semsig -k $k3 --remove 2>err || fail=1
  compare_text err "semsig: not removing semaphore set key $hex3: it belongs to uid 65534" || fail=1
  test "$(semval_ $k3)" = 3 || fail=1
fi

# POSIX named semaphores.
if test "$IPCUTILS_TEST_NS" = 1; then
  returns_ 1 semsig -n /s 2>err || fail=1
  compare_text err "semsig: POSIX semaphore '/s' does not exist" || fail=1
  test ! -e /dev/shm/sem.s || fail=1
  (umask 077; semsig -c -m 0644 -n /s -V 2 -N 3) || fail=1
  test "$(stat -c '%a %s' /dev/shm/sem.s)" = '644 32' || fail=1
  semsig -n /s --show >out || fail=1
  compare_text out 5 || fail=1
  returns_ 1 semsig -x -n /s 2>err || fail=1
  compare_text err "semsig: cannot create POSIX semaphore '/s': File exists" || fail=1
  semsig -n /s -N 2147483642 || fail=1
  returns_ 1 semsig -n /s 2>err || fail=1
  compare_text err "semsig: cannot add 1 to POSIX semaphore '/s': the value would exceed 2147483647 (it is 2147483647 now)" || fail=1
  semsig -n /s --show >out || fail=1
  compare_text out 2147483647 || fail=1
  # Not ours: refused by --create, left by --remove.
  chown 65534 /dev/shm/sem.s
  returns_ 1 semsig -c -n /s --show 2>err || fail=1
  compare_text err "semsig: POSIX semaphore '/s' exists and belongs to uid 65534; use --allow-foreign to accept" || fail=1
  chown 0 /dev/shm/sem.s
  timeout_ semwait -n /s --remove || fail=1
  test ! -e /dev/shm/sem.s || { warn_ "--remove left /dev/shm/sem.s"; fail=1; }

  # Files that are not semaphores are refused and left as they were.
  ln -s /etc/passwd /dev/shm/sem.link
  mkfifo /dev/shm/sem.fifo
  printf 'short' > /dev/shm/sem.short
  for opts in '' -c; do
    returns_ 1 semsig $opts -n /link 2>err || fail=1
    compare_text err "semsig: refusing POSIX semaphore '/link': '/dev/shm/sem.link' is not a regular file" || fail=1
    returns_ 1 timeout_ semsig $opts -n /fifo 2>err || fail=1
    compare_text err "semsig: refusing POSIX semaphore '/fifo': '/dev/shm/sem.fifo' is not a regular file" || fail=1
    returns_ 1 semsig $opts -n /short 2>err || fail=1
    compare_text err "semsig: refusing POSIX semaphore '/short': '/dev/shm/sem.short' has 5 bytes, not 32" || fail=1
  done
  test "$(cat /dev/shm/sem.short)" = short || fail=1
  test -L /dev/shm/sem.link && test -p /dev/shm/sem.fifo || fail=1
fi

Exit $fail
