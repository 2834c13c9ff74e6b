#!/bin/bash
# mqsend with a closed, unreadable or directory standard input: status 1
# with "read error: REASON", nothing sent, and no queue left behind by a
# --create (RELIABILITY 12, F14); an existing queue stays as it was.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

key_ k; key_ existing
mqsend -c -k $existing keep || framework_failure_ "mqsend"
before=$(nqueues_)

# check_ REASON CMD...: status 1, exactly "mqsend: read error: REASON".
check_() {
  local reason=$1; shift
  returns_ 1 "$@" >out 2>err || fail=1
  compare /dev/null out || fail=1
  compare_text err "mqsend: read error: $reason" || fail=1
}

for create in '' -c -x; do
  check_ 'Bad file descriptor' timeout_ mqsend $create -k $k <&-
  check_ 'Is a directory' timeout_ mqsend $create -k $k < .
  test -n "$create" || continue
  # Standard input open for writing only: fstat works, read fails, after
  # the queue was made -- so the run removes the queue it made.
  check_ 'Bad file descriptor' timeout_ mqsend $create -k $k 0>wo
  check_ 'Bad file descriptor' timeout_ mqsend $create -r -k $k 0>wo
done
test -z "$(qid_ $k)" || { warn_ "a queue was left behind"; fail=1; }
test "$(nqueues_)" = "$before" || fail=1

# An existing queue, with or without --create, is left as it was.
for create in '' -c; do
  check_ 'Bad file descriptor' timeout_ mqsend $create -k $existing <&-
  check_ 'Is a directory' timeout_ mqsend $create -k $existing < .
  check_ 'Bad file descriptor' timeout_ mqsend $create -k $existing 0>wo
done
test "$(qnum_ $existing)" = 1 || fail=1
ipcrm -Q $existing

if test -n "$mqueue_dir"; then
  name_ n
  check_ 'Bad file descriptor' timeout_ mqsend -c -n $n <&-
  check_ 'Is a directory' timeout_ mqsend -c -n $n < .
  check_ 'Bad file descriptor' timeout_ mqsend -c -n $n 0>wo
  test ! -e "$mqueue_dir$n" || { warn_ "$n was left behind"; fail=1; }
fi

Exit $fail
