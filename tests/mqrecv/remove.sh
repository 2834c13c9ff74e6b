#!/bin/bash
# mqrecv --remove removes the queue after the messages were received (by
# key, key file, id or name), as the tutorial's receiver does -- but not
# after a timeout or an error, when the messages may still be wanted.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

key_ k
mqsend -c -k $k a b || fail=1
timeout_ mqrecv -k $k -N 2 --remove > out || fail=1
compare_text out a b || fail=1
test -z "$(qid_ $k)" || { warn_ "-k: not removed"; fail=1; }

mqsend -c -k $k a || fail=1
timeout_ mqrecv -i $(qid_ $k) --remove > out || fail=1
test -z "$(qid_ $k)" || { warn_ "-i: not removed"; fail=1; }

touch keyfile
mqsend -c -f keyfile -j 7 a || fail=1
timeout_ mqrecv -f keyfile -j 7 --remove > out || fail=1
returns_ 1 timeout_ mqrecv -f keyfile -j 7 --nonblock 2>/dev/null || fail=1

# --all with nothing there still succeeds, so it removes.
mqsend -c -k $k </dev/null || fail=1
timeout_ mqrecv -k $k --all --remove > out || fail=1
compare /dev/null out || fail=1
test -z "$(qid_ $k)" || { warn_ "--all: not removed"; fail=1; }

# Not after a timeout, nor after a write error.
mqsend -c -k $k a || fail=1
returns_ 3 timeout_ mqrecv -k $k -N 2 --nonblock --remove >out 2>/dev/null || fail=1
compare_text out a || fail=1
test -n "$(qid_ $k)" || { warn_ "removed after a timeout"; fail=1; }
mqsend -k $k b || fail=1
returns_ 1 timeout_ mqrecv -k $k --remove >/dev/full 2>/dev/null || fail=1
test "$(qnum_ $k)" = 1 || { warn_ "removed after a write error"; fail=1; }
ipcrm -Q $k

if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n a || fail=1
  timeout_ mqrecv -n $n --remove > out || fail=1
  compare_text out a || fail=1
  test ! -e "$mqueue_dir$n" || { warn_ "-n: not removed"; fail=1; }
fi

Exit $fail
