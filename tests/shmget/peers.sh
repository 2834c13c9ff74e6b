#!/bin/bash
# shmput and shmget with the programs people already have: the tutorial's
# writer and reader (ftok("shmfile", 65), a 1024-byte segment holding a C
# string), segments made by util-linux ipcmk -M, and a C program using
# POSIX shm_open/mmap.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

helpers=$abs_top_builddir/tests/helpers
for h in shm_writer shm_reader shm_posix; do
  test -x "$helpers/$h" || skip_ "build the C peers first: make check_PROGRAMS"
done
touch shmfile || framework_failure_ "touch"
# ftok(): the project id, the low byte of the device, the low 16 bits of
# the inode.
k=$(printf '0x%08x' $(( (65 << 24) | (($(stat -c %d shmfile) & 0xff) << 16) | ($(stat -c %i shmfile) & 0xffff) )))
shm_keys_="$shm_keys_ $k"

# The C writer's line (fgets keeps the newline, then a NUL) is printed by
# shmget as the C string it is, and exactly by -r -l.
echo 'Hello Shared Memory!' | "$helpers/shm_writer" > out || fail=1
printf 'Write Data: ' | cmp - out || fail=1
shmget -f shmfile -j 65 > out 2>err || fail=1
printf 'Hello Shared Memory!\n\n' | cmp - out || fail=1
compare /dev/null err || fail=1
shmget -f shmfile -j A -r -l 22 > out || fail=1
printf 'Hello Shared Memory!\n\0' | cmp - out || fail=1
test "$(shmget -f shmfile -j 65 -r | wc -c)" = 1024 || fail=1
shmget -k $k --remove > /dev/null || fail=1
test -z "$(shm_id_ $k)" || { warn_ "not removed"; fail=1; }

# shmput -C into the tutorial's segment: the C reader prints exactly our
# text, and removes the segment.
printf 'Hi from shmput' | shmput -c -s 1024 -C -f shmfile -j 65 || fail=1
test "$(shm_size_ $k)" = 1024 || fail=1
"$helpers/shm_reader" > out || fail=1
compare_text out 'Data read from memory: Hi from shmput' || fail=1
test -z "$(shm_id_ $k)" || { warn_ "the reader did not remove it"; fail=1; }
# A longer value, then a shorter one: -C ends the string where ours ends.
shmput -c -s 1024 -f shmfile -j 65 <<< 'a much longer value than the next' || fail=1
printf 'short' | shmput -C -f shmfile -j 65 || fail=1
"$helpers/shm_reader" > out || fail=1
compare_text out 'Data read from memory: short' || fail=1
# --clear zeroes the rest instead.
shmput -c -s 1024 -f shmfile -j 65 <<< 'a much longer value than the next' || fail=1
printf 'short' | shmput --clear -f shmfile -j 65 || fail=1
shmget -f shmfile -j 65 -r | cmp - <(printf short; head -c 1019 /dev/zero) || fail=1
"$helpers/shm_reader" > out || fail=1
compare_text out 'Data read from memory: short' || fail=1

# Segments made by ipcmk -M, selected by id and by key.
id=$(ipcmk -M 4096 | sed -n 's/^Shared memory id: //p')
test -n "$id" || framework_failure_ "ipcmk -M"
printf 'via id' | shmput -C -i $id || fail=1
shmget -i $id > out || fail=1
compare_text out 'via id' || fail=1
ipcrm -m $id
key_ k2
/usr/bin/python3 -c 'import sys, sysv_ipc; sysv_ipc.SharedMemory(int(sys.argv[1], 0), sysv_ipc.IPC_CREX, 0o640, 100)' $k2 \
  || framework_failure_ "segment with key $k2"
test "$(shm_size_ $k2)" = 100 || framework_failure_ "segment of $(shm_size_ $k2) bytes"
printf 'via key' | shmput -k $k2 --clear || fail=1
shmget -k $k2 > out || fail=1
compare_text out 'via key' || fail=1
shmget -k $k2 -r | cmp - <(printf 'via key'; head -c 93 /dev/zero) || fail=1
test "$(shm_perms_ $k2)" = 640 || fail=1

# POSIX: a C program's object read by shmget, ours read by the C program.
name_ n
"$helpers/shm_posix" write $n 'written by C' || fail=1
shmget -n $n > out || fail=1
compare_text out 'written by C' || fail=1
test "$(shmget -n $n -r | wc -c)" = 4096 || fail=1
printf 'written by shmput' | shmput -C -n $n || fail=1
"$helpers/shm_posix" read $n > out || fail=1
compare_text out $'4096\twritten by shmput' || fail=1
name_ n2
printf 'made by shmput' | shmput -c -C -n $n2 || fail=1
"$helpers/shm_posix" read $n2 > out || fail=1
compare_text out $'15\tmade by shmput' || fail=1
test "$(stat -c %a /dev/shm$n2)" = 600 || fail=1

Exit $fail
