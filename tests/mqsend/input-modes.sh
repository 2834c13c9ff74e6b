#!/bin/bash
# How mqsend cuts its input into messages: MESSAGE arguments; lines of
# stdin without their newline (a last line without one counts, an empty
# line is an empty message, no input is no message); -z NUL records; -r all
# of stdin byte for byte; -C adds a NUL to each.  Checked by the queue's
# message count and byte count and by mqrecv --raw --show-type... output.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

key_ k
mqsend -c -k $k </dev/null || fail=1
test "$(qnum_ $k)" = 0 || { warn_ "no input sent something"; fail=1; }

# expect_ QNUM CBYTES: the queue holds QNUM messages, CBYTES bytes in all.
expect_() {
  local got="$(qnum_ $k) $(qbytes_used_ $k)"
  test "$got" = "$1 $2" && return 0
  warn_ "queue holds '$got', expected '$1 $2'"
  return 1
}
# drain_ FILE: every message as "<size>:<bytes>" lines, via mqrecv -z and od.
drain_() { timeout_ mqrecv -k $k --all -z > "$1"; }

# Lines.
printf 'a\n\nb\nlast' | mqsend -k $k || fail=1
expect_ 4 6 || fail=1
timeout_ mqrecv -k $k --all >out || fail=1
compare_text out a '' b last || fail=1
printf 'x\ny\n' | mqsend -k $k || fail=1
expect_ 2 2 || fail=1
printf '\n' | mqsend -k $k || fail=1
expect_ 3 2 || fail=1
timeout_ mqrecv -k $k --all >out || fail=1
compare_text out x y '' || fail=1

# Arguments, in order; an empty argument is an empty message; stdin unread.
echo never | mqsend -k $k first '' 'with space' || fail=1
expect_ 3 15 || fail=1
timeout_ mqrecv -k $k --all >out || fail=1
compare_text out first '' 'with space' || fail=1

# -z: NUL-terminated records, newlines are data.
printf 'a\0b c\0\0l1\nl2' | mqsend -k $k -z || fail=1
expect_ 4 9 || fail=1
drain_ out || fail=1
printf 'a\0b c\0\0l1\nl2\0' > exp
compare exp out || fail=1

# -r: the whole input, byte for byte, one message.
printf 'one\ntwo\0three\n\n' > in
mqsend -k $k --raw < in || fail=1
expect_ 1 15 || fail=1
timeout_ mqrecv -k $k -r > out || fail=1
compare in out || fail=1
# No input with -r is one empty message.
mqsend -k $k -r </dev/null || fail=1
expect_ 1 0 || fail=1
timeout_ mqrecv -k $k -r > out || fail=1
compare /dev/null out || fail=1

# -C: a NUL after each message, from arguments, lines, -z records, -r.
mqsend -k $k -C hi '' || fail=1
expect_ 2 4 || fail=1
printf 'ab\ncd' | mqsend -k $k --c-string || fail=1
expect_ 4 10 || fail=1
printf 'ef\0' | mqsend -k $k -C -z || fail=1
printf 'g\nh' | mqsend -k $k -C -r || fail=1
expect_ 6 17 || fail=1
for i in 1 2 3 4 5 6; do timeout_ mqrecv -k $k -r || fail=1; done > out
printf 'hi\0\0ab\0cd\0ef\0g\nh\0' > exp
compare exp out || fail=1

# Lines longer than the read buffer's first fill, and many of them: the
# records cross every buffer boundary intact.
for i in $(seq 200); do printf "%08d%0*d\n" $i $((i * 37)) 0; done > lines
# (The queue holds 16 KiB: the receiver runs alongside.)
timeout_ mqsend -k $k < lines & sender=$!
timeout_ mqrecv -k $k -N 200 > out || fail=1
wait $sender || fail=1
compare lines out || fail=1
expect_ 0 0 || fail=1

ipcrm -Q $k
Exit $fail
