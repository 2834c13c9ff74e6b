#!/bin/bash
# Permissions and ownership: a segment of mode 0400 is read by its owner
# (attached SHM_RDONLY / opened O_RDONLY) but not written; --create refuses
# another user's segment unless --allow-foreign; --remove removes only our
# own, and not while other processes have it attached unless --force.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

require_root_
require_prog_ setpriv
as_nobody_() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
as_nobody_ true || skip_ "setpriv cannot switch to uid 65534"

# 0400, System V: made by nobody with 0600 and a value, then narrowed.
key_ k
as_nobody_ /usr/bin/python3 -c '
import sys, sysv_ipc
m = sysv_ipc.SharedMemory(int(sys.argv[1], 0), sysv_ipc.IPC_CREX, 0o600, 64)
m.write(b"read-only value\0")
m.mode = 0o400' $k || framework_failure_ "0400 segment"
test "$(shm_perms_ $k)" = 400 || framework_failure_ "mode $(shm_perms_ $k)"
as_nobody_ shmget -k $k > out 2>err || fail=1
compare_text out 'read-only value' || fail=1
compare /dev/null err || fail=1
as_nobody_ shmget -k $k --lock > out 2>err || fail=1
compare_text out 'read-only value' || fail=1
echo new | returns_ 1 as_nobody_ shmput -k $k 2>err || fail=1
compare_text err "shmput: cannot open shared memory segment key $k: Permission denied" || fail=1
# Someone else's: no access at all.
returns_ 1 setpriv --reuid=65533 --regid=65533 --clear-groups shmget -k $k 2>err || fail=1
compare_text err "shmget: cannot open shared memory segment key $k: Permission denied" || fail=1

# 0400, POSIX: shmput creates it with that mode (it may write what it made).
name_ n
printf 'posix read-only' | as_nobody_ shmput -c -m 400 -C -n $n || fail=1
test "$(stat -c '%a %u' /dev/shm$n)" = '400 65534' || fail=1
as_nobody_ shmget -n $n > out 2>err || fail=1
compare_text out 'posix read-only' || fail=1
echo new | returns_ 1 as_nobody_ shmput -n $n 2>err || fail=1
compare_text err "shmput: cannot open POSIX shared memory object '$n': Permission denied" || fail=1

# --create on another user's object: refused, even for root.
key_ k2
printf theirs | as_nobody_ shmput -c -m 644 -k $k2 || fail=1
test "$(shm_uid_ $k2)" = 65534 || fail=1
printf ours | returns_ 1 shmput -c -k $k2 2>err || fail=1
compare_text err "shmput: shared memory segment key $k2 exists and belongs to uid 65534; use --allow-foreign to accept" || fail=1
compare_text out 'posix read-only' || fail=1
shmget -k $k2 > out || fail=1
compare_text out theirs || fail=1
printf ours | shmput -c --allow-foreign -C -k $k2 || fail=1
shmget -k $k2 > out || fail=1
compare_text out ours || fail=1
name_ n2
printf theirs | as_nobody_ shmput -c -m 644 -n $n2 || fail=1
printf ours | returns_ 1 shmput -x -n $n2 2>err || fail=1
compare_text err "shmput: cannot create POSIX shared memory object '$n2': File exists" || fail=1
printf ours | returns_ 1 shmput -c -n $n2 2>err || fail=1
compare_text err "shmput: POSIX shared memory object '$n2' exists and belongs to uid 65534; use --allow-foreign to accept" || fail=1

# --remove: only our own.
returns_ 1 shmget -k $k2 --remove > out 2>err || fail=1
compare_text out ours || fail=1
compare_text err "shmget: not removing shared memory segment key $k2: it belongs to uid 65534" || fail=1
test -n "$(shm_id_ $k2)" || fail=1
returns_ 1 shmget -n $n2 --remove > /dev/null 2>err || fail=1
compare_text err "shmget: not removing POSIX shared memory object '$n2': it belongs to uid 65534" || fail=1
test -e /dev/shm$n2 || fail=1

# --remove: not while another process has it attached, unless --force.
key_ k3
printf value | shmput -c -k $k3 || fail=1
mkfifo attached release
/usr/bin/python3 -c '
import sys, sysv_ipc
m = sysv_ipc.SharedMemory(int(sys.argv[1], 0))

open("attached", "w").write("yes\n")
open("release").read()' $k3 & py=$!
cat attached > /dev/null
test "$(shm_nattch_ $k3)" = 1 || framework_failure_ "not attached"
returns_ 1 shmget -k $k3 --remove > out 2>err || fail=1
compare_text out value || fail=1
compare_text err "shmget: not removing shared memory segment key $k3: 1 other process has it attached; use --force to remove it anyway" || fail=1
test -n "$(shm_id_ $k3)" || fail=1
shmget -k $k3 --remove --force > out 2>err || fail=1
compare_text out value || fail=1
compare /dev/null err || fail=1
test -z "$(shm_id_ $k3)" || fail=1
echo > release; wait $py
# Once nobody has it attached, --remove alone does it.
echo value | shmput -c -k $k3 --remove || fail=1
test -z "$(shm_id_ $k3)" || fail=1

Exit $fail
