#!/bin/bash
# POSIX objects: shared memory mapped or held open, a semaphore open (and
# so mapped), a queue held open or registered for notification are in-use
# and survive --remove; the released ones are orphans and are removed, and
# once every holder is gone, all of them are.
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
fail=0

for n in /mapped /open /free; do ipc-holder create-pshm $n || framework_failure_ "pshm $n"; done
for n in /semheld /semfree; do ipc-holder create-psem $n || framework_failure_ "psem $n"; done
for n in /qheld /qnotify /qfree; do ipc-holder create-pmq $n || framework_failure_ "pmq $n"; done
mqsend -n /qfree hello || framework_failure_ "mqsend"
start_holder_ h1 pshm-map /mapped
start_holder_ h2 pshm-open /open
start_holder_ h3 psem /semheld
start_holder_ h4 pmq-open /qheld
start_holder_ h5 pmq-notify /qnotify

ipcclean_ --older-than=0 --remove -u root -t pmsg,psem,pshm
test $st_ = 0 || fail=1
normalize_ < out > out.n
compare_text out.n \
  "TYPE ID KEY OWNER SIZE IDLE VERDICT REASON" \
  "pmsg '/qfree' - root 5 T orphan not open; holds 5 bytes; idle T" \
  "pmsg '/qheld' - root 0 T in-use pid $h4 (ipc-holder) holds it open" \
  "pmsg '/qnotify' - root 0 T in-use pid $h5 (ipc-holder) holds it open; pid $h5 is registered for notification" \
  "psem '/semfree' - root 1 T orphan not mapped or open; idle T" \
  "psem '/semheld' - root 1 T in-use pid $h3 (ipc-holder) maps it" \
  "pshm '/free' - root 4096 T orphan not mapped or open; idle T" \
  "pshm '/mapped' - root 4096 T in-use pid $h1 (ipc-holder) maps it" \
  "pshm '/open' - root 4096 T in-use pid $h2 (ipc-holder) holds it open" \
  "removed: POSIX message queue '/qfree'" \
  "removed: POSIX semaphore '/semfree'" \
  "removed: POSIX shared memory object '/free'" || fail=1
compare_text err "ipcclean: 8 objects: 5 in use, 3 orphaned, 0 unknown; 3 of 3 orphans removed" \
  || fail=1
ls /dev/shm > shm.ls
compare_text shm.ls mapped open sem.semheld || fail=1

stop_ $h1 $h2 $h3 $h4 $h5
ipcclean_ --older-than=0 --remove -u root --json
test $st_ = 0 || fail=1
/usr/bin/python3 -c '
import json
for o in json.load(open("out")):
    print(o["type"], o["name"], o["verdict"], o["removal"], o["id"], o["key"])' > got || fail=1
compare_text got \
  "pmsg /qheld orphan removed None None" \
  "pmsg /qnotify orphan removed None None" \
  "psem /semheld orphan removed None None" \
  "pshm /mapped orphan removed None None" \
  "pshm /open orphan removed None None" || fail=1
compare /dev/null <(ls -A /dev/shm) || fail=1
compare /dev/null <(ls -A "$mqueue_dir") || fail=1

Exit $fail
