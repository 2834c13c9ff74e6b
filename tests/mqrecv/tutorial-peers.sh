#!/bin/bash
# The tutorial's own C programs (tests/helpers/tut-sender.c and
# tut-receiver.c: ftok("msgqueuefile", 65), a 128-byte mtext holding a C
# string) talk to mqsend and mqrecv through --key-file/--proj, in both
# directions and whichever side starts first.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

helpers=$abs_top_builddir/tests/helpers
test -x "$helpers/tut-sender" && test -x "$helpers/tut-receiver" \
  || skip_ "build the C peers first: make tests/helpers/tut-sender tests/helpers/tut-receiver"
touch msgqueuefile || framework_failure_ "touch"

# C sender -> mqrecv: the C string prints as text, the raw message is the
# whole 128-byte buffer.
"$helpers/tut-sender" > sent || fail=1
compare_text sent 'Sent: Hello via Message Queue!' || fail=1
"$helpers/tut-sender" 'second' > /dev/null || fail=1
timeout_ mqrecv -f msgqueuefile -j 65 >out 2>err || fail=1
compare_text out 'Hello via Message Queue!' || fail=1
compare /dev/null err || fail=1
timeout_ mqrecv -f msgqueuefile --proj=A -r > raw || fail=1
test "$(wc -c < raw)" = 128 || { warn_ "raw message of $(wc -c < raw) bytes"; fail=1; }
head -c 7 raw | cmp - <(printf 'second\0') || fail=1
timeout_ mqrecv -f msgqueuefile -j A --all --remove > out || fail=1
compare /dev/null out || fail=1

# mqsend -C -> C receiver (which removes the queue, as in the tutorial).
mqsend -c -f msgqueuefile -j 65 -C 'Hello from mqsend' || fail=1
timeout_ "$helpers/tut-receiver" > out || fail=1
compare_text out 'Received: Hello from mqsend' || fail=1
returns_ 1 timeout_ mqrecv -f msgqueuefile -j 65 --nonblock 2>/dev/null || fail=1

# The C receiver first (it creates the queue and waits), then mqsend.
timeout_ "$helpers/tut-receiver" > out & receiver=$!
wait_blocked_ $receiver || fail=1
echo 'line from stdin' | mqsend -f msgqueuefile -j 65 --c-string || fail=1
wait $receiver || fail=1
compare_text out 'Received: line from stdin' || fail=1

# mqrecv first (creating the queue, 0600), then the C sender.
timeout_ mqrecv -c -f msgqueuefile -j A --remove > out & receiver=$!
wait_blocked_ $receiver || fail=1
"$helpers/tut-sender" > /dev/null || fail=1
wait $receiver || fail=1
compare_text out 'Hello via Message Queue!' || fail=1
test "$(nqueues_)" = 0 || test "$IPCUTILS_TEST_NS" = 0 || { warn_ "queue left"; fail=1; }

Exit $fail
