#!/bin/bash
# Nothing lost when stdout fails (RELIABILITY 2, 22, F12, F13, F15): the
# messages in hand (the batch, or the one with --unbuffered) go back on the
# queue in their order -- at the end of the queue (System V) or of their
# priority (POSIX), with their type or priority -- then
# /dev/full and a closed stdout give status 1 "write error: REASON", and a
# closed pipe kills mqrecv by SIGPIPE like cat (141, empty stderr), or,
# with SIGPIPE ignored by the parent, gives 1 "write error: Broken pipe".
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
refill_() {
  timeout_ mqrecv -k $k --all >/dev/null
  mqsend -k $k -t 1 one && mqsend -k $k -t 2 two && mqsend -k $k -t 3 three \
    || framework_failure_ "refill"
}
# after_ EXPECTED...: the queue holds these "TYPE<tab>TEXT" messages, in order.
after_() { timeout_ mqrecv -k $k --all -T > after || fail=1; compare_text after "$@"; }

# /dev/full, in every output mode.
for mode in '' -z -r -T; do
  refill_
  returns_ 1 timeout_ mqrecv -k $k -N 3 $mode >/dev/full 2>err || fail=1
  compare_text err "mqrecv: write error: No space left on device" || fail=1
  after_ $'1\tone' $'2\ttwo' $'3\tthree' || fail=1
done
# One at a time: the first message fails and goes back behind the others.
refill_
returns_ 1 timeout_ mqrecv -k $k -N 3 --unbuffered >/dev/full 2>err || fail=1
compare_text err "mqrecv: write error: No space left on device" || fail=1
after_ $'2\ttwo' $'3\tthree' $'1\tone' || fail=1

# Closed stdout.
refill_
returns_ 1 timeout_ mqrecv -k $k -N 3 >&- 2>err || fail=1
compare_text err "mqrecv: write error: Bad file descriptor" || fail=1
after_ $'1\tone' $'2\ttwo' $'3\tthree' || fail=1

# A pipe whose reader is gone: a FIFO opened by a reader that then exits.
mkfifo fifo || framework_failure_ "mkfifo"
closed_pipe_() {
  (exec 3<fifo) & exec 4>fifo; wait
}
refill_
closed_pipe_
timeout_ mqrecv -k $k -N 3 >&4 2>err
st=$?
exec 4>&-
test $st = 141 || { warn_ "closed pipe: status $st"; fail=1; }
compare /dev/null err || fail=1
after_ $'1\tone' $'2\ttwo' $'3\tthree' || fail=1

# ... with SIGPIPE ignored by the parent.
refill_
closed_pipe_
(trap '' PIPE; timeout_ mqrecv -k $k -N 3 >&4 2>err)
st=$?
exec 4>&-
test $st = 1 || { warn_ "ignored SIGPIPE: status $st"; fail=1; }
compare_text err "mqrecv: write error: Broken pipe" || fail=1
after_ $'1\tone' $'2\ttwo' $'3\tthree' || fail=1

# mqrecv --unbuffered --count 100 | head -n 1: one line, status 141,
# empty stderr, and every message is either written (counted in the
# trace) or still queued.  (Batched, the first write may take them all.)
# Only the first message is there until head has gone, so the writes
# after it must meet the closed pipe however the two are scheduled.
timeout_ mqrecv -k $k --all >/dev/null
mqsend -k $k 1 || fail=1
rm -f head.done st
if command -v strace >/dev/null; then
  tracer='strace -o trace -e trace=write'
else
  tracer=
fi
(
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
    timeout_ $tracer mqrecv -k $k -u --count 100 2>err |
    (head -n 1 > out; exec <&-; echo gone > head.done)
  echo "${PIPESTATUS[0]}" > st
) &
pipeline=$!
wait_for_file_ head.done || fail=1
seq 2 100 | mqsend -k $k || fail=1
wait "$pipeline"
st=$(cat st)
if test -n "$tracer"; then
  written=$(grep -c '^write(1, .*) *= [1-9]' trace)
else
  written=$(( 100 - $(qnum_ $k) ))
fi
test $st = 141 || { warn_ "| head -n 1: status $st"; fail=1; }
compare /dev/null err || fail=1
compare_text out 1 || fail=1
test $((written + $(qnum_ $k))) = 100 \
  || { warn_ "$written written, $(qnum_ $k) left: lost messages"; fail=1; }
ipcrm -Q $k

# POSIX: back with their priorities, in their order.
if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n -p 5 a b || fail=1
  mqsend -n $n -p 1 c || fail=1
  returns_ 1 timeout_ mqrecv -n $n -N 3 >/dev/full 2>err || fail=1
  compare_text err "mqrecv: write error: No space left on device" || fail=1
  timeout_ mqrecv -n $n --all -T > after || fail=1
  compare_text after $'5\ta' $'5\tb' $'1\tc' || fail=1
fi

Exit $fail
