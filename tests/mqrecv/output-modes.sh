#!/bin/bash
# How mqrecv writes a message: text mode up to the first NUL plus a
# newline (a C string in a larger buffer prints as text), -z the same with
# a NUL, -r the exact bytes, -T the type or priority and a tab first
# (RELIABILITY 25).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
# put_ BYTES...: one message of exactly the printf-interpreted BYTES.
put_() { printf "$@" | mqsend -k $k -r || framework_failure_ "put_ $*"; }

# A C string, its NUL, then garbage -- what the tutorial's sender sends.
put_ 'hello\0GGG\0GG'
put_ 'plain'
put_ ''
put_ '\0starts with NUL'
put_ 'line\nbreak'
timeout_ mqrecv -k $k -N 5 > out || fail=1
printf 'hello\nplain\n\n\nline\nbreak\n' > exp
compare exp out || fail=1

put_ 'hello\0GGG\0GG'
put_ 'plain'
put_ ''
timeout_ mqrecv -k $k -N 3 --zero-terminated > out || fail=1
printf 'hello\0plain\0\0' > exp
compare exp out || fail=1

put_ 'hello\0GGG\0GG'
put_ 'plain'
put_ ''
put_ 'x\n'
for i in 1 2 3 4; do timeout_ mqrecv -k $k --raw || fail=1; done > out
printf 'hello\0GGG\0GGplainx\n' > exp
compare exp out || fail=1

# --show-type, with each mode.
mqsend -k $k -t 7 seven || fail=1
put_ 'c\0str'
mqsend -k $k -t 9223372036854775807 max || fail=1
timeout_ mqrecv -k $k -N 3 -T > out || fail=1
printf '7\tseven\n1\tc\n9223372036854775807\tmax\n' > exp
compare exp out || fail=1
put_ 'c\0str'
timeout_ mqrecv -k $k -T -z > out || fail=1
printf '1\tc\0' > exp
compare exp out || fail=1
put_ 'c\0str'
timeout_ mqrecv -k $k --show-type -r > out || fail=1
printf '1\tc\0str' > exp
compare exp out || fail=1

# POSIX: the same modes; -T shows the priority.
if test -n "$mqueue_dir"; then
  name_ n
  printf 'p\0junk' | mqsend -c -n $n -r -p 3 || fail=1
  printf 'p\0junk' | mqsend -n $n -r || fail=1
  printf 'p\0junk' | mqsend -n $n -r || fail=1
  timeout_ mqrecv -n $n -T > out || fail=1
  timeout_ mqrecv -n $n -z >> out || fail=1
  timeout_ mqrecv -n $n -r >> out || fail=1
  printf '3\tp\np\0p\0junk' > exp
  compare exp out || fail=1
fi

test "$(qnum_ $k)" = 0 || fail=1
Exit $fail
