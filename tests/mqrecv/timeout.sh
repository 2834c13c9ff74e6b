#!/bin/bash
# mqrecv --count with --timeout / --nonblock: the messages that came are
# printed, then status 3 with how many of how many; --timeout 0.3 takes
# 0.3 s with one blocking receive (counted under strace, not by CPU
# time), and a storm of signals neither ends it early nor stretches it
# (RELIABILITY 19, F18); messages arriving while it waits are taken.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_prog_ strace
fail=0

key_ k
hex=$(printf '0x%08x' $((k)))
prefix="mqrecv: cannot receive from message queue key $hex"
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"

# Empty queue, never waiting.
for opt in --nonblock '--timeout 0' '-w 0'; do
  elapsed_ms_ timeout_ mqrecv -k $k $opt >out 2>err
  test $status_ = 3 || { warn_ "$opt: status $status_"; fail=1; }
  test $ms_ -lt 10000 || { warn_ "$opt took $ms_ ms"; fail=1; }
  compare /dev/null out || fail=1
  compare_text err "$prefix: no message is waiting (0 of 1 message received)" || fail=1
done

# A positive timeout below a nanosecond is 1 ns, not "wait forever"; one
# too large for the clock is "wait forever", not "give up at once"
# (RELIABILITY 5).
returns_ 3 timeout_ mqrecv -k $k --timeout 1e-10000 >out 2>err || fail=1
compare_text err "$prefix: timed out (0 of 1 message received)" || fail=1
for huge in 99999999999999999999 1e400 9999999999d; do
  timeout_ mqrecv -k $k -w $huge >out 2>err & receiver=$!
  wait_blocked_ $receiver || fail=1
  mqsend -k $k "after $huge" || fail=1
  wait $receiver || { warn_ "-w $huge: status $?"; fail=1; }
  compare_text out "after $huge" || fail=1
done

# Two of five there: both printed, then 3.
mqsend -k $k one two || fail=1
returns_ 3 timeout_ mqrecv -k $k -N 5 --nonblock >out 2>err || fail=1
compare_text out one two || fail=1
compare_text err "$prefix: no message is waiting (2 of 5 messages received)" || fail=1

mqsend -k $k one two || fail=1
elapsed_ms_ timeout_ mqrecv -k $k --count=3 --timeout=0.3 >out 2>err
test $status_ = 3 || { warn_ "--timeout 0.3: status $status_"; fail=1; }
compare_text out one two || fail=1
compare_text err "$prefix: timed out (2 of 3 messages received)" || fail=1
# Not before 0.3 s; the upper bound is only "not stuck" (10 s of slack
# for a busy machine).
test $ms_ -ge 300 && test $ms_ -lt 10300 || { warn_ "--timeout 0.3: $ms_ ms"; fail=1; }
# Waiting, not polling: two messages taken without blocking, then one
# attempt that finds none and one blocking msgrcv, interrupted at the
# deadline.  A receiver that polled every 10 ms would make 30 more.
mqsend -k $k one two || fail=1
syscalls_ trace msgrcv mqrecv -k $k --count=3 --timeout=0.3 >out 2>err
test $status_ = 3 || { warn_ "traced --timeout 0.3: status $status_"; fail=1; }
compare_text out one two || fail=1
n=$(ncalls_ trace msgrcv)
test $n -le 5 || { warn_ "$n msgrcv calls in 0.3 s"; cat trace >&2; fail=1; }

# Signals that do not kill (SIGCONT, SIGWINCH, SIGSTOP+SIGCONT) during a
# 2 s wait: still 3, after 2 s, not before and not much later.
start=$(date +%s%N)
timeout_ mqrecv -k $k -w 2 >out 2>err & receiver=$!
wait_blocked_ $receiver || fail=1
pid=$(descendants_ $receiver | tail -n 1)
for i in $(seq 50); do kill -CONT $pid; kill -WINCH $pid; done 2>/dev/null
kill -STOP $pid; kill -CONT $pid
elapsed_ms_ wait $receiver
ms=$(( ($(date +%s%N) - start) / 1000000 ))
test $status_ = 3 || { warn_ "signal storm: status $status_"; fail=1; }
test $ms -ge 2000 && test $ms -lt 12000 || { warn_ "signal storm: $ms ms"; fail=1; }
compare_text err "$prefix: timed out (0 of 1 message received)" || fail=1

# A message that arrives during the wait is taken; the deadline covers
# all of --count.
timeout_ mqrecv -k $k -N 2 -w 5 >out 2>err & receiver=$!
wait_blocked_ $receiver || fail=1
mqsend -k $k late-1 || fail=1
mqsend -k $k late-2 || fail=1
wait $receiver || { warn_ "receiver status $?"; fail=1; }
compare_text out late-1 late-2 || fail=1
compare /dev/null err || fail=1

# POSIX, timed with the monotonic clock too.
if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n one || fail=1
  elapsed_ms_ timeout_ mqrecv -n $n -N 2 -w 0.3 >out 2>err
  test $status_ = 3 || { warn_ "POSIX --timeout 0.3: status $status_"; fail=1; }
  compare_text out one || fail=1
  compare_text err "mqrecv: cannot receive from POSIX message queue '$n': timed out (1 of 2 messages received)" || fail=1
  test $ms_ -ge 300 && test $ms_ -lt 10300 || { warn_ "POSIX --timeout 0.3: $ms_ ms"; fail=1; }
  mqsend -n $n one || fail=1
  syscalls_ trace mq_timedreceive mqrecv -n $n -N 2 -w 0.3 >out 2>err
  test $status_ = 3 || { warn_ "traced POSIX --timeout 0.3: status $status_"; fail=1; }
  n_calls=$(ncalls_ trace mq_timedreceive)
  test $n_calls -le 4 || { warn_ "$n_calls mq_timedreceive calls in 0.3 s"; cat trace >&2; fail=1; }
  returns_ 3 timeout_ mqrecv -n $n --nonblock >out 2>err || fail=1
  compare_text err "mqrecv: cannot receive from POSIX message queue '$n': no message is waiting (0 of 1 message received)" || fail=1
fi

Exit $fail
