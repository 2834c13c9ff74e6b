#!/bin/bash
# System V shared memory: a segment attached by a live process is in-use
# (with the attacher named) and survives --remove; the tutorial's writer
# segment, left for a later reader, is no orphan with the default
# --older-than and is one with --older-than=0; --remove as root leaves
# uid 0 alone unless --user names it, then removes exactly the orphan and
# says so; a second run finds it already gone.
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
require_prog_ ipcmk
fail=0

touch shmfile
echo 'Hello Shared Memory!' | shm_writer >/dev/null || framework_failure_ "shm_writer"
wid=$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)
wkey=$(key_of_ shm $wid)
wpid=$(sysv_col_ shm $wid 5)
test -n "$wid" && test "$wpid" -gt 0 || framework_failure_ "no writer segment"
aid=$(ipcmk -M 4096 -p 0600 | sed -n 's/^Shared memory id: //p')
akey=$(key_of_ shm $aid)
start_holder_ holder shm-attach $aid

# The default: nothing is old enough to be an orphan.
ipcclean_ -t shm
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "shm $wid $wkey root 1024 T in-use used T ago, less than --older-than" \
  "shm $aid $akey root 4096 T in-use 1 process attached; pid $holder (ipc-holder) maps it" \
  || fail=1
compare_text err "ipcclean: 2 objects: 2 in use, 0 orphaned, 0 unknown" || fail=1

# Columns line up, numbers to the right (the table as it comes).
awk 'NR == 1 { h = index($0, "VERDICT") } NR > 1 && substr($0, h, 6) != "in-use" { exit 1 }' out \
  || { warn_ "columns not aligned"; cat out >&2; fail=1; }

# --older-than=0: the writer's segment is proven an orphan.
ipcclean_ --older-than=0 -t shm
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "shm $wid $wkey root 1024 T orphan not attached; creator $wpid is gone; idle T" \
  "shm $aid $akey root 4096 T in-use 1 process attached; pid $holder (ipc-holder) maps it" \
  || fail=1
compare_text err "ipcclean: 2 objects: 1 in use, 1 orphaned, 0 unknown" || fail=1

# As root without --user, uid 0's objects are never removed.
ipcclean_ --older-than=0 --remove
test $st_ = 0 || fail=1
compare_text err \
  "ipcclean: not removing shared memory segment id $wid: uid 0 is a system user; name it with --user to remove it" \
  "ipcclean: 2 objects: 1 in use, 1 orphaned, 0 unknown; 0 of 1 orphan removed" || fail=1
test -n "$(shm_id_by_key_ $wkey)" || { warn_ "uid 0 segment removed"; fail=1; }

# Named with --user: the orphan goes, the attached segment stays.
ipcclean_ --older-than=0 --remove --user=root
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "shm $wid $wkey root 1024 T orphan not attached; creator $wpid is gone; idle T" \
  "shm $aid $akey root 4096 T in-use 1 process attached; pid $holder (ipc-holder) maps it" \
  "removed: shared memory segment id $wid" || fail=1
compare_text err "ipcclean: 2 objects: 1 in use, 1 orphaned, 0 unknown; 1 of 1 orphan removed" \
  || fail=1
test -z "$(shm_id_by_key_ $wkey)" || { warn_ "orphan not removed"; fail=1; }
test "$(shm_id_by_key_ $akey)" = "$aid" || { warn_ "attached segment removed"; fail=1; }

# One object by key: kept while attached, removed once its holder is gone
# (it was last used by the holder, which exited: --older-than=0).
ipcclean_ --older-than=0 --remove -u root -t shm -k $akey
test $st_ = 0 || fail=1
test "$(shm_id_by_key_ $akey)" = "$aid" || { warn_ "attached segment removed"; fail=1; }
stop_ $holder
acpid=$(sysv_col_ shm $aid 5) alpid=$(sysv_col_ shm $aid 6)
test "$alpid" = "$holder" || { warn_ "lpid $alpid, not the holder $holder"; fail=1; }
ipcclean_ --older-than=0 --remove -u root -t shm -i $aid
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "shm $aid $akey root 4096 T orphan not attached; creator $acpid is gone; last user $alpid is gone; idle T" \
  "removed: shared memory segment id $aid" || fail=1
test -z "$(awk 'NR > 1' /proc/sysvipc/shm)" || { warn_ "segments left"; fail=1; }

Exit $fail
