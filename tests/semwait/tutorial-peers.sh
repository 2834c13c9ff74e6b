#!/bin/bash
# The tutorial's own C programs (tests/helpers/sem_producer.c and
# sem_consumer.c: ftok("semfile", 75)) work with semwait and semsig
# through --key-file/--proj, whichever side starts first -- including the
# orders in which the tutorial's consumer does not wait at all.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/semsig/sem-lib.sh"
fail=0

helpers=$abs_top_builddir/tests/helpers
test -x "$helpers/sem_producer" && test -x "$helpers/sem_consumer" \
  || skip_ "build the C peers first: make tests/helpers/sem_producer tests/helpers/sem_consumer"
touch semfile || framework_failure_ "touch"
# Outside a private namespace, the set of this test's own semfile (its
# ftok key is unique to it) goes when the test ends.
cleanup_() { semwait -f "$test_dir_/semfile" -j 75 --show >/dev/null 2>&1 \
  && semsig -f "$test_dir_/semfile" -j 75 --remove 2>/dev/null; sem_cleanup_; }

produce_() { "$helpers/sem_producer" "$@" > produced || fail=1; }

# semwait --create first: it makes the set and waits; the producer's
# SETVAL 0 does not disturb it, and its V releases it.
timeout_ semwait --create -f semfile -j 75 > out 2> err & waiter=$!
wait_sem_blocked_ $waiter || fail=1
produce_ 0
wait $waiter || { warn_ "semwait first: status $?"; fail=1; }
compare_text produced 'Producer doing work...' 'Producer signaled!' || fail=1
compare /dev/null out || fail=1
compare /dev/null err || fail=1

# The producer first, semwait --create while it works: the set exists but
# has never seen a semop; semwait waits for the V all the same.
"$helpers/sem_producer" 1 > produced & producer=$!
wait_for_file_ produced || fail=1
timeout_ semwait --create -f semfile -j K || { warn_ "producer first: status $?"; fail=1; }
wait $producer || fail=1
compare_text produced 'Producer doing work...' 'Producer signaled!' || fail=1

# The producer done before semwait starts: the unit is there to take.
produce_ 0
timeout_ semwait -c -f semfile -j 75 --nonblock || fail=1
semsig -f semfile -j 75 --show > out || fail=1
compare_text out 0 || fail=1

# semsig first: the tutorial's consumer takes the unit and removes the set.
semsig -f semfile -j 75 || fail=1
timeout_ "$helpers/sem_consumer" > out || fail=1
compare_text out 'Consumer waiting for semaphore...' 'Consumer proceeding!' || fail=1
returns_ 1 semsig -f semfile -j 75 2> err || fail=1
grep -q 'does not exist$' err || { warn_ "the consumer left the set"; fail=1; }

# The consumer first: on its own it cannot wait for a set nobody made yet
# (the tutorial's flaw); once the set exists it waits for semsig.
returns_ 1 timeout_ "$helpers/sem_consumer" > out 2> err || fail=1
compare_text err 'sem_consumer: semget: No such file or directory' || fail=1
semsig --create -f semfile -j 75 --show > out || fail=1
compare_text out 0 || fail=1
timeout_ "$helpers/sem_consumer" > out & consumer=$!
wait_sem_blocked_ $consumer || fail=1
semsig -f semfile -j 75 || fail=1
wait $consumer || { warn_ "consumer: status $?"; fail=1; }
compare_text out 'Consumer waiting for semaphore...' 'Consumer proceeding!' || fail=1

Exit $fail
