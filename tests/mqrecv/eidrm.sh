#!/bin/bash
# The queue removed (ipcrm) while mqrecv waits: status 1 with "the queue
# was removed" at once, after printing what came before (RELIABILITY F7).
# A POSIX queue unlinked while mqrecv waits wakes nobody: the timeout
# fires (F9, documented).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

key_ k
hex=$(printf '0x%08x' $((k)))
for args in '' '-w 10' '-N 3'; do
  mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
  case $args in -N*) mqsend -k $k first || fail=1 ;; esac
  timeout_ mqrecv -k $k $args >out 2>err & receiver=$!
  wait_blocked_ $receiver || fail=1
  ipcrm -q $(qid_ $k)
  elapsed_ms_ wait $receiver
  test $status_ = 1 || { warn_ "[$args] status $status_"; fail=1; }
  test $ms_ -lt 2000 || { warn_ "[$args] took $ms_ ms"; fail=1; }
  case $args in
    -N*) compare_text out first || fail=1
         compare_text err "mqrecv: cannot receive from message queue key $hex: the queue was removed (1 of 3 messages received)" || fail=1 ;;
    *) compare /dev/null out || fail=1
       compare_text err "mqrecv: cannot receive from message queue key $hex: the queue was removed (0 of 1 message received)" || fail=1 ;;
  esac
done

# Removed between two runs: the id is gone.
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
id=$(qid_ $k)
ipcrm -q $id
returns_ 1 timeout_ mqrecv -i $id 2>err || fail=1
compare_text err "mqrecv: message queue id $id does not exist" || fail=1

if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n </dev/null || framework_failure_ "mqsend -c -n"
  timeout_ mqrecv -n $n -w 3 >out 2>err & receiver=$!
  wait_blocked_ $receiver || fail=1
  rm "$mqueue_dir$n"
  wait $receiver
  st=$?
  test $st = 3 || { warn_ "unlinked POSIX queue: status $st"; fail=1; }
  compare_text err "mqrecv: cannot receive from POSIX message queue '$n': timed out (0 of 1 message received)" || fail=1
fi

Exit $fail
