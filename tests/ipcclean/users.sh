#!/bin/bash
# Other users.  An unprivileged user (setpriv) lists only objects it owns
# or created, proves what it can (a System V segment: the kernel's attach
# count and the pids' start times are visible to all), calls a POSIX
# object unknown because root's processes cannot be inspected, and removes
# only objects it both owns and created -- not one whose owner the creator
# set to someone else (IPC_SET), not another user's.  Root's --remove
# leaves uid 0 alone and also refuses an object whose owner and creator
# differ.
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
require_prog_ setpriv
/usr/bin/python3 -c 'import sysv_ipc' 2>/dev/null || skip_ "python3-sysv-ipc is missing"
fail=0

u1=1000 u2=1001
name1=$(id -nu $u1 2>/dev/null || echo $u1)
name2=$(id -nu $u2 2>/dev/null || echo $u2)
as_() { local u=$1; shift; setpriv --reuid=$u --regid=$u --clear-groups "$@"; }
ipcclean_as_() { local u=$1; shift; timeout_ setpriv --reuid=$u --regid=$u --clear-groups ipcclean "$@" >out 2>err; st_=$?; }
new_shm_() {
  as_ $1 /usr/bin/python3 -c '
import sysv_ipc, sys
m = sysv_ipc.SharedMemory(None, sysv_ipc.IPC_CREX, mode=0o600, size=int(sys.argv[1]))
m.detach()
if len(sys.argv) > 2: m.uid = int(sys.argv[2])   # IPC_SET, no privilege needed
print(m.id)' "${@:2}"
}
a=$(new_shm_ $u1 100) b=$(new_shm_ $u2 200) c=$(new_shm_ $u1 300 $u2) \
  || framework_failure_ "python3 segments"
e=$(ipcmk -M 400 -p 0600 | sed -n 's/^Shared memory id: //p')
as_ $u1 ipc-holder create-pshm /user1 || framework_failure_ "pshm"
for i in a b c e; do eval "k$i=\$(key_of_ shm \$$i)"; done
test "$(sysv_col_ shm $c 8) $(sysv_col_ shm $c 10)" = "$u2 $u1" || framework_failure_ "IPC_SET"

# The user's own view.
ipcclean_as_ $u1 --older-than=0
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "shm $a $ka $name1 100 T orphan not attached; creator $(sysv_col_ shm $a 5) is gone; idle T" \
  "shm $c $kc $name2 300 T orphan not attached; creator $(sysv_col_ shm $c 5) is gone; idle T" \
  "pshm '/user1' - $name1 4096 T unknown cannot see the processes of uid 0" || fail=1

ipcclean_as_ $u1 --older-than=0 --remove
test $st_ = 0 || fail=1
tail -n +5 out > out.tail
compare_text out.tail "removed: shared memory segment id $a" || fail=1
compare_text err \
  "ipcclean: not removing shared memory segment id $c: it belongs to uid $u2" \
  "ipcclean: 3 objects: 0 in use, 2 orphaned, 1 unknown; 1 of 2 orphans removed" || fail=1

# Asking for another user's objects shows them, and removes none.
ipcclean_as_ $u1 --older-than=0 --remove --user=$u2 -t shm
test $st_ = 0 || fail=1
compare_text err \
  "ipcclean: not removing shared memory segment id $b: it belongs to uid $u2" \
  "ipcclean: not removing shared memory segment id $c: it belongs to uid $u2" \
  "ipcclean: 2 objects: 0 in use, 2 orphaned, 0 unknown; 0 of 2 orphans removed" || fail=1
test "$(shm_id_by_key_ $kb) $(shm_id_by_key_ $kc)" = "$b $c" || { warn_ "removed"; fail=1; }

# Root: every user's orphans, but not uid 0's and not a disowned one.
ipcclean_ --older-than=0 --remove
test $st_ = 0 || fail=1
grep '^removed: ' out > removed
compare_text removed "removed: shared memory segment id $b" \
  "removed: POSIX shared memory object '/user1'" || fail=1
compare_text err \
  "ipcclean: not removing shared memory segment id $c: owned by uid $u2 but created by uid $u1" \
  "ipcclean: not removing shared memory segment id $e: uid 0 is a system user; name it with --user to remove it" \
  "ipcclean: 4 objects: 0 in use, 4 orphaned, 0 unknown; 2 of 4 orphans removed" || fail=1
test "$(shm_id_by_key_ $kc) $(shm_id_by_key_ $ke)" = "$c $e" || { warn_ "removed"; fail=1; }
test -z "$(shm_id_by_key_ $kb)" || { warn_ "not removed"; fail=1; }

Exit $fail
