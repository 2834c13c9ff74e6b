#!/bin/bash
# Input that does not fit leaves the segment unchanged (a file, a pipe,
# with -C, at an offset), an offset past the end fails with the size, and
# limits are named: kernel.shmmax, kernel.shmmni, the room in /dev/shm.
# A run that fails after creating its segment removes it; input that
# cannot be read fails before anything is created.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

bytes_ 4096 170 > a4096     # 4 KiB of 'x'
bytes_ 4097 171 > b4097     # one byte more, of 'y'
bytes_ 100 172 > c100       # 'z'

for sel in "-k" "-n"; do
  if test $sel = -k; then key_ obj; desc="shared memory segment key $obj"
  else name_ obj; desc="POSIX shared memory object '$obj'"; fi
  shmput -c $sel $obj a4096 || fail=1

  # Too long, from a file: the whole size is known at once.
  returns_ 1 shmput $sel $obj b4097 2>err || fail=1
  compare_text err "shmput: cannot write to $desc: 4097 bytes do not fit in the 4096 bytes from offset 0 to its end" || fail=1
  shmget $sel $obj -r | cmp - a4096 || { warn_ "changed by a file: $sel"; fail=1; }

  # From a pipe: only "longer than".
  cat b4097 | returns_ 1 shmput $sel $obj 2>err || fail=1
  compare_text err "shmput: cannot write to $desc: the input is longer than the 4096 bytes from offset 0 to its end" || fail=1
  shmget $sel $obj -r | cmp - a4096 || { warn_ "changed by a pipe: $sel"; fail=1; }
  # ... and /dev/zero, which never ends.
  returns_ 1 shmput $sel $obj -o 4000 /dev/zero 2>err || fail=1
  compare_text err "shmput: cannot write to $desc: the input is longer than the 96 bytes from offset 4000 to its end" || fail=1

  # At an offset; with -C the NUL needs its byte too.
  returns_ 1 shmput $sel $obj -o 4000 c100 2>err || fail=1
  compare_text err "shmput: cannot write to $desc: 100 bytes do not fit in the 96 bytes from offset 4000 to its end" || fail=1
  head -c 96 c100 > c96
  returns_ 1 shmput $sel $obj -o 4000 -C c96 2>err || fail=1
  compare_text err "shmput: cannot write to $desc: 97 bytes do not fit in the 96 bytes from offset 4000 to its end" || fail=1
  head -c 95 c100 | returns_ 1 shmput $sel $obj -o 4001 -C 2>err || fail=1
  compare_text err "shmput: cannot write to $desc: the input is longer than the 94 bytes from offset 4001 to its end" || fail=1
  returns_ 1 shmput $sel $obj -o 4096 -C < /dev/null 2>err || fail=1
  compare_text err "shmput: cannot write to $desc: 1 byte does not fit in the 0 bytes from offset 4096 to its end" || fail=1
  shmget $sel $obj -r | cmp - a4096 || { warn_ "changed at an offset: $sel"; fail=1; }

  # Past the end, both programs.
  returns_ 1 shmput $sel $obj -o 4097 < /dev/null 2>err || fail=1
  compare_text err "shmput: offset 4097 is past the end of $desc (4096 bytes)" || fail=1
  returns_ 1 shmget $sel $obj -o 5K > out 2>err || fail=1
  compare_text err "shmget: offset 5120 is past the end of $desc (4096 bytes)" || fail=1
  compare /dev/null out || fail=1
  returns_ 1 shmget $sel $obj -o 4000 -l 97 > out 2>err || fail=1
  compare_text err "shmget: cannot read 97 bytes from offset 4000 of $desc: it has 4096 bytes" || fail=1
  compare /dev/null out || fail=1
  shmget $sel $obj -r | cmp - a4096 || fail=1

  # Missing, and not created.
  shmget $sel $obj --remove > /dev/null || fail=1
  returns_ 1 shmput $sel $obj c100 2>err || fail=1
  case $sel in
    -k) compare_text err "shmput: shared memory segment key $obj does not exist" || fail=1 ;;
    -n) compare_text err "shmput: POSIX shared memory object '$obj' does not exist" || fail=1 ;;
  esac

  # A run that created the segment and then failed removes it again.
  returns_ 1 shmput -c -s 10 $sel $obj c100 2>err || fail=1
  compare_text err "shmput: cannot write to $desc: 100 bytes do not fit in the 10 bytes from offset 0 to its end" || fail=1
  returns_ 1 shmget $sel $obj 2>/dev/null || { warn_ "left behind: $sel"; fail=1; }

  # Unreadable input fails before anything is created.
  returns_ 1 shmput -c $sel $obj nosuchfile 2>err || fail=1
  compare_text err "shmput: cannot open 'nosuchfile': No such file or directory" || fail=1
  returns_ 1 shmput -c $sel $obj <&- 2>err || fail=1
  compare_text err "shmput: cannot read standard input: Bad file descriptor" || fail=1
  returns_ 1 shmput -c -s 1K $sel $obj . 2>err || fail=1
  compare_text err "shmput: cannot read '.': Is a directory" || fail=1
  returns_ 1 shmget $sel $obj 2>/dev/null || { warn_ "created: $sel"; fail=1; }
done

# Kernel limits, in the private namespace only.
if test "$IPCUTILS_TEST_NS" = 1; then
  key_ k
  set_sysctl_ kernel.shmmax 8192
  returns_ 1 shmput -c -k $k -s 8193 < /dev/null 2>err || fail=1
  compare_text err "shmput: cannot create shared memory segment key $k: 8193 bytes exceed the limit kernel.shmmax=8192" || fail=1
  head -c 9000 /dev/zero | returns_ 1 shmput -c -k $k 2>err || fail=1
  compare_text err "shmput: cannot create shared memory segment key $k: the input is longer than the limit kernel.shmmax=8192" || fail=1
  returns_ 2 shmput -c -k $k -s 0 < /dev/null 2>err || fail=1
  compare_text err "shmput: invalid size: '0': a System V segment needs at least 1 byte" || fail=1
  test "$(nsegs_)" = 0 || { warn_ "segments left: $(nsegs_)"; fail=1; }
  # Without --size, an empty input makes the smallest segment.
  shmput -c -k $k < /dev/null || fail=1
  test "$(shm_size_ $k)" = 1 || { warn_ "empty input: $(shm_size_ $k) bytes"; fail=1; }
  ipcrm -M $k
  shmput -c -k $k -s 8192 < /dev/null || fail=1
  # An existing segment is used whatever the size asked for.
  printf x | shmput -c -k $k -s 1M || fail=1

  set_sysctl_ kernel.shmmni 1
  key_ k2
  returns_ 1 shmput -c -k $k2 c100 2>err || fail=1
  compare_text err "shmput: cannot create shared memory segment key $k2: No space left on device (the system limit kernel.shmmni=1 is reached)" || fail=1

  # /dev/shm is a private tmpfs: make it small.
  mount -o remount,size=64k /dev/shm || framework_failure_ "remount /dev/shm"
  name_ n
  free=$(( $(stat -f -c '%a * %S' /dev/shm) ))
  returns_ 1 shmput -c -n $n -s 1M < /dev/null 2>err || fail=1
  compare_text err "shmput: cannot create POSIX shared memory object '$n': 1048576 bytes exceed the $free bytes free in /dev/shm" || fail=1
  test -e /dev/shm$n && { warn_ "$n left"; fail=1; }

  # kernel.shm_rmid_forced: the segment goes when shmput exits; say so.
  set_sysctl_ kernel.shmmni 4096
  set_sysctl_ kernel.shm_rmid_forced 1
  key_ k3
  shmput -c -k $k3 c100 2>err || fail=1
  compare_text err "shmput: warning: kernel.shm_rmid_forced is 1: shared memory segment key $k3 will be removed when shmput exits" || fail=1
fi

Exit $fail
