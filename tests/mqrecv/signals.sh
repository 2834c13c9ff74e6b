#!/bin/bash
# Termination signals never lose a message (RELIABILITY F2): SIGTERM,
# SIGINT or SIGHUP to a waiting mqrecv ends it by that signal at once; to
# an mqrecv blocked writing a message, a record begun is finished first
# and the messages in hand not written go back; afterwards printed + still
# queued == queued before, exactly.  Blocked on a full pipe with nothing
# of the next record written, it puts the messages back and dies by the
# signal at once (defect 3).  kill -9 loses at most the batch in hand, one
# message with --unbuffered (F3).  A SIGHUP inherited as ignored (nohup)
# stays ignored.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_ipc_namespace_
fail=0

# The receivers run in the background without timeout_, so that the
# signals reach mqrecv itself; stop any left over.
receiver=
cleanup_() { test -z "$receiver" || kill -KILL $receiver 2>/dev/null; mq_unmount_; }

set_sysctl_ kernel.msgmnb 1048576
key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"

# Waiting on an empty queue: the signal ends it promptly, by that signal.
# (Background jobs of a script start with SIGINT ignored, which mqrecv
# keeps, so SIGINT goes through timeout(1) in the foreground.)
for sig in TERM HUP; do
  mqrecv -k $k >out 2>err & receiver=$!
  wait_blocked_ $receiver || fail=1
  kill -$sig $receiver
  elapsed_ms_ wait_bounded_ $receiver
  exp=$((128 + $(kill -l $sig)))
  test $status_ = $exp || { warn_ "SIG$sig: status $status_, expected $exp"; fail=1; }
  test $ms_ -lt 3000 || { warn_ "SIG$sig took $ms_ ms"; fail=1; }
  compare /dev/null out || fail=1
  compare /dev/null err || fail=1
done
returns_ 130 timeout --preserve-status -s INT 0.5 mqrecv -k $k >out 2>err || fail=1
compare /dev/null out || fail=1
compare /dev/null err || fail=1

# wait_writing_ PID: wait until PID is blocked writing into a full pipe.
wait_writing_() {
  local i
  for ((i = 0; i < 1000; i++)); do
    case $(cat /proc/$1/wchan 2>/dev/null) in *pipe_write*) return 0 ;; esac
    sleep 0.01
  done
  warn_ "process $1 never blocked writing"
  return 1
}

# 300 lines of 2000 bytes, far more than a pipe holds.
line=$(head -c 1999 /dev/zero | tr '\0' m)
for i in $(seq 300); do echo "$i$line"; done > lines
mkfifo fifo || framework_failure_ "mkfifo"

# Blocked writing into a pipe nobody reads yet: SIGTERM, then the reader
# drains the pipe; the message in hand was written whole, then mqrecv
# died by SIGTERM.
mqsend -k $k < lines || framework_failure_ "fill"
before=$(qnum_ $k)
mqrecv -k $k -N $before > fifo 2>err & receiver=$!
exec 3<fifo
wait_writing_ $receiver || fail=1
kill -TERM $receiver
cat <&3 > got
exec 3<&-
wait_bounded_ $receiver; st=$?
test $st = 143 || { warn_ "mid-write SIGTERM: status $st"; fail=1; }
compare /dev/null err || fail=1
printed=$(grep -c "m$" got)
test "$(wc -l < got)" = $printed || { warn_ "a torn line"; fail=1; }
test $((printed + $(qnum_ $k))) = $before \
  || { warn_ "SIGTERM: $printed printed + $(qnum_ $k) queued != $before"; fail=1; }
head -n $printed lines | cmp - got || fail=1

# kill -9 in the same place: with --unbuffered at most the message in
# hand is lost.
before=$(qnum_ $k)
mqrecv -k $k -u -N $before > fifo 2>/dev/null & receiver=$!
exec 3<fifo
wait_writing_ $receiver || fail=1
kill -KILL $receiver
cat <&3 > got
exec 3<&-
wait $receiver 2>/dev/null
printed=$(grep -c "m$" got)
lost=$((before - printed - $(qnum_ $k)))
test $lost -le 1 && test $lost -ge 0 || { warn_ "kill -9 lost $lost messages"; fail=1; }

# Batched, at most one batch: 64 KiB, here 32 of these 2001-byte records.
before=$(qnum_ $k)
mqrecv -k $k -N $before > fifo 2>/dev/null & receiver=$!
exec 3<fifo
wait_writing_ $receiver || fail=1
kill -KILL $receiver
cat <&3 > got
exec 3<&-
wait $receiver 2>/dev/null
printed=$(grep -c "m$" got)
lost=$((before - printed - $(qnum_ $k)))
test $lost -le 33 && test $lost -ge 0 || { warn_ "batched kill -9 lost $lost messages"; fail=1; }

# Defect 3: a pipe that nobody reads, filled exactly by 16 records of 4096
# bytes; the next write blocks with nothing of its record written.
# SIGTERM: the messages in hand go back, mqrecv dies by SIGTERM at once.
timeout_ mqrecv -k $k --all >/dev/null
block=$(head -c 4095 /dev/zero | tr '\0' b)
for i in $(seq 40); do echo "$block"; done | mqsend -k $k || framework_failure_ "fill"
exec 3<>fifo
mqrecv -k $k --all >fifo 2>err & receiver=$!
wait_writing_ $receiver || fail=1
kill -TERM $receiver
wait_bounded_ $receiver; st=$?
test $st = 143 || { warn_ "SIGTERM on a full pipe: status $st"; fail=1; }
compare /dev/null err || fail=1
exec 4<fifo 3<&-  # the last writer closed: the reader sees the end
cat <&4 > got
exec 4<&-
test $(( $(wc -l < got) + $(qnum_ $k) )) = 40 \
  || { warn_ "SIGTERM on a full pipe: $(wc -l < got) printed + $(qnum_ $k) queued != 40"; fail=1; }
test $(grep -cx "$block" got) = $(wc -l < got) || { warn_ "a torn record"; fail=1; }

# nohup's ignored SIGHUP stays ignored: the timeout ends it, not the HUP.
(trap '' HUP; exec mqrecv -k $k -t 99 -w 1 >/dev/null 2>err) & receiver=$!
wait_blocked_ $receiver || fail=1
kill -HUP $receiver
wait_bounded_ $receiver; st=$?
test $st = 3 || { warn_ "ignored SIGHUP: status $st"; fail=1; }
receiver=

Exit $fail
