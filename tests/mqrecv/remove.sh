#!/bin/bash
# mqrecv --remove removes the queue after the messages were received (by
# key, key file, id or name), as the tutorial's receiver does -- but not
# after a timeout or an error, when the messages may still be wanted, nor
# while it still holds messages nobody received (issue 6, defect 5), nor a
# POSIX queue whose name was given to another queue meanwhile (defect 13).
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

# Messages it did not receive: the queue stays, status 1, says how many.
hex=$(printf '0x%08x' $((k)))
seq 3 | mqsend -c -k $k || fail=1
mqsend -k $k extra || fail=1
returns_ 1 timeout_ mqrecv -k $k -N 3 --remove >out 2>err || fail=1
compare_text out 1 2 3 || fail=1
compare_text err "mqrecv: not removing message queue key $hex: it still holds 1 message" || fail=1
test "$(qnum_ $k)" = 1 || { warn_ "the message not received was discarded"; fail=1; }
mqsend -k $k more || fail=1
returns_ 1 timeout_ mqrecv -k $k --remove >out 2>err || fail=1
compare_text out extra || fail=1
compare_text err "mqrecv: not removing message queue key $hex: it still holds 1 message" || fail=1
timeout_ mqrecv -k $k --all --remove >out 2>err || fail=1
compare_text out more || fail=1
compare /dev/null err || fail=1
test -z "$(qid_ $k)" || { warn_ "not removed once drained"; fail=1; }

if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n a || fail=1
  timeout_ mqrecv -n $n --remove > out || fail=1
  compare_text out a || fail=1
  test ! -e "$mqueue_dir$n" || { warn_ "-n: not removed"; fail=1; }

  mqsend -c -n $n a b c || fail=1
  returns_ 1 timeout_ mqrecv -n $n --remove >out 2>err || fail=1
  compare_text out a || fail=1
  compare_text err "mqrecv: not removing POSIX message queue '$n': it still holds 2 messages" || fail=1
  test "$(posix_qsize_ $n)" = 2 || { warn_ "POSIX messages discarded"; fail=1; }
  timeout_ mqrecv -n $n --all --remove >/dev/null || fail=1
  test ! -e "$mqueue_dir$n" || { warn_ "-n: not removed once drained"; fail=1; }

  # The name given to a new queue while mqrecv waited on the old one: the
  # new queue is not removed.  A sender holds the old queue open, waiting
  # for its input on a FIFO, so the last message still reaches it.
  mqsend -c -n $n </dev/null || fail=1
  mkfifo input
  mqsend -n $n < input & sender=$!
  exec 9> input
  wait_open_() {
    local i
    for ((i = 0; i < 1000; i++)); do
      # A queue descriptor reads as its name.
      readlink /proc/$sender/fd/* 2>/dev/null | grep -qx -- "$n" && return 0
      sleep 0.01
    done
    return 1
  }
  wait_open_ || warn_ "the sender never opened the queue"
  timeout_ mqrecv -n $n --remove >out 2>err & receiver=$!
  wait_blocked_ $receiver || fail=1
  old=$(stat -c %i "$mqueue_dir$n")
  rm "$mqueue_dir$n"
  mqsend -c -n $n </dev/null || fail=1
  new=$(stat -c %i "$mqueue_dir$n")
  test "$old" != "$new" || framework_failure_ "the same inode again"
  echo last >&9
  exec 9>&-
  wait_bounded_ $sender || fail=1
  returns_ 1 wait_bounded_ $receiver || fail=1
  compare_text out last || fail=1
  compare_text err "mqrecv: not removing POSIX message queue '$n': the name now refers to another object" || fail=1
  test "$(stat -c %i "$mqueue_dir$n" 2>/dev/null)" = "$new" \
    || { warn_ "the new queue under the same name was removed"; fail=1; }
fi

Exit $fail
