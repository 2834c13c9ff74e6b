#!/bin/bash
# Sending into a full queue: --nonblock (and --timeout 0) gives status 3 at
# once, --timeout 0.3 after 0.3 s with one blocking call (no polling), and the
# queue is byte-identical before and after; messages sent before the queue
# filled stay sent and are counted (RELIABILITY 17, 18, F11).  A blocked
# sender proceeds when room appears, and a removed queue wakes it (F7).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_prog_ strace
fail=0

key_ k
hex=$(printf '0x%08x' $((k)))
prefix="mqsend: cannot send to message queue key $hex"
# Two 8 KiB messages fill a queue of the default 16 KiB.
head -c 8192 /dev/zero | tr '\0' f > block
mqsend -c -k $k "$(cat block)" "$(cat block)" || framework_failure_ "fill"
state_() { echo "$(qnum_ $k) $(qbytes_used_ $k)"; }
full=$(state_)
test "$full" = "2 16384" || framework_failure_ "queue holds $full"

for opt in --nonblock '--timeout 0' '-w 0'; do
  elapsed_ms_ timeout_ mqsend $opt -k $k x 2>err
  test $status_ = 3 || { warn_ "$opt: status $status_"; fail=1; }
  test $ms_ -lt 2000 || { warn_ "$opt took $ms_ ms"; fail=1; }
  compare_text err "$prefix: the queue is full (0 messages sent)" || fail=1
  test "$(state_)" = "$full" || fail=1
done

# --timeout 0.3: 0.3 s of waiting, not of spinning: one attempt that
# finds no room and one blocking msgsnd, counted under strace (a sender
# that polled every 10 ms would make 30 more); the wall time only bounded
# generously.
elapsed_ms_ timeout_ mqsend -k $k --timeout 0.3 a b c 2>err
test $status_ = 3 || { warn_ "--timeout 0.3: status $status_"; fail=1; }
compare_text err "$prefix: timed out while the queue was full (0 messages sent)" || fail=1
test $ms_ -ge 300 && test $ms_ -lt 3000 || { warn_ "--timeout 0.3: $ms_ ms"; fail=1; }
syscalls_ trace msgsnd mqsend -k $k --timeout 0.3 a b c 2>err
test $status_ = 3 || { warn_ "traced --timeout 0.3: status $status_"; fail=1; }
n=$(ncalls_ trace msgsnd)
test $n -le 3 || { warn_ "$n msgsnd calls in 0.3 s"; cat trace >&2; fail=1; }
test "$(state_)" = "$full" || fail=1

# Room for some of the input: those go, the rest time out, counted.
timeout_ mqrecv -k $k >/dev/null || fail=1
printf '%s\n' "$(head -c 4000 block)" "$(head -c 4000 block)" \
  "$(head -c 4000 block)" "$(head -c 4000 block)" "$(head -c 4000 block)" > lines
returns_ 3 timeout_ mqsend -k $k -w 0.2 < lines 2>err || fail=1
compare_text err "$prefix: timed out while the queue was full (2 messages sent)" || fail=1
test "$(state_)" = "3 16192" || fail=1
returns_ 3 timeout_ mqsend -k $k --nonblock "$(head -c 192 block)" more 2>err || fail=1
compare_text err "$prefix: the queue is full (1 message sent)" || fail=1
test "$(state_)" = "4 16384" || fail=1

# A waiting sender goes on as soon as a receiver makes room.
timeout_ mqsend -k $k --timeout 10 late & sender=$!
wait_blocked_ $sender || fail=1
timeout_ mqrecv -k $k -r > got || fail=1
wait $sender || { warn_ "the waiting sender failed"; fail=1; }
test "$(state_)" = "4 8196" || fail=1

# The queue removed under a waiting sender: status 1 at once.
timeout_ mqsend -k $k "$(cat block)" 2>err & sender=$!
wait_blocked_ $sender || fail=1
ipcrm -Q $k
elapsed_ms_ wait $sender
test $status_ = 1 || { warn_ "status $status_ after ipcrm"; fail=1; }
test $ms_ -lt 3000 || { warn_ "took $ms_ ms to notice"; fail=1; }
compare_text err "$prefix: the queue was removed (0 messages sent)" || fail=1

# POSIX: full at --max-messages.
if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n --max-messages 2 one two || fail=1
  qsize=$(posix_qsize_ $n)
  returns_ 3 timeout_ mqsend -n $n --nonblock three 2>err || fail=1
  compare_text err "mqsend: cannot send to POSIX message queue '$n': the queue is full (0 messages sent)" || fail=1
  elapsed_ms_ timeout_ mqsend -n $n -w 0.3 -p 9 three 2>err
  test $status_ = 3 || { warn_ "POSIX --timeout 0.3: status $status_"; fail=1; }
  compare_text err "mqsend: cannot send to POSIX message queue '$n': timed out while the queue was full (0 messages sent)" || fail=1
  test $ms_ -ge 300 && test $ms_ -lt 3000 || { warn_ "POSIX --timeout 0.3: $ms_ ms"; fail=1; }
  syscalls_ trace mq_timedsend mqsend -n $n -w 0.3 -p 9 three 2>err
  test $status_ = 3 || { warn_ "traced POSIX --timeout 0.3: status $status_"; fail=1; }
  n_calls=$(ncalls_ trace mq_timedsend)
  test $n_calls -le 3 || { warn_ "$n_calls mq_timedsend calls in 0.3 s"; cat trace >&2; fail=1; }
  test "$(posix_qsize_ $n)" = "$qsize" || fail=1
  timeout_ mqrecv -n $n --all > out || fail=1
  compare_text out one two || fail=1
fi

Exit $fail
