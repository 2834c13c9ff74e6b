#!/bin/bash
# The set removed (ipcrm -s) while semwait waits: status 1 at once with
# "it was removed" (RELIABILITY F7), 125 when semwait was to run a
# COMMAND (which never runs); removed before semwait starts: "does not
# exist".
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/semsig/sem-lib.sh"
fail=0

key_ k
hex=$(printf '0x%08x' $((k)))
for args in '' '-w 10' '-N 3' '-z' '-- touch ran'; do
  semsig -c -k $k --show >/dev/null || framework_failure_ "semsig -c"
  case $args in -z) semsig -k $k ;; esac
  timeout_ semwait -k $k $args >out 2>err & waiter=$!
  wait_sem_blocked_ $waiter || fail=1
  ipcrm -s $(semid_ $k)
  elapsed_ms_ wait $waiter
  case $args in
    --*) exp_status=125 ;;
    *) exp_status=1 ;;
  esac
  test $status_ = $exp_status || { warn_ "[$args] status $status_"; fail=1; }
  test $ms_ -lt 1000 || { warn_ "[$args] took $ms_ ms"; fail=1; }
  compare /dev/null out || fail=1
  case $args in
    -N*) compare_text err "semwait: cannot take 3 units of semaphore set key $hex: it was removed" || fail=1 ;;
    -z) compare_text err "semwait: cannot wait for semaphore set key $hex to be zero: it was removed" || fail=1 ;;
    *) compare_text err "semwait: cannot take 1 unit of semaphore set key $hex: it was removed" || fail=1 ;;
  esac
done
test ! -e ran || { warn_ "COMMAND ran"; fail=1; }

semsig -c -k $k --show >/dev/null || framework_failure_ "semsig -c"
id=$(semid_ $k)
ipcrm -s $id
returns_ 1 timeout_ semwait -i $id 2>err || fail=1
compare_text err "semwait: semaphore set id $id does not exist" || fail=1
returns_ 1 semsig -i $id 2>err || fail=1
compare_text err "semsig: semaphore set id $id does not exist" || fail=1

Exit $fail
