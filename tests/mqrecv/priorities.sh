#!/bin/bash
# POSIX priorities: mqsend -p sets them, mqrecv takes the highest first and
# keeps the order of equal priorities, -T shows them (RELIABILITY L3 in
# small).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_mqueue_dir_
fail=0

name_ n
mqsend -c -n $n low-1 || fail=1
mqsend -n $n -p 5 mid-1 || fail=1
mqsend -n $n --priority=32767 top || fail=1
mqsend -n $n -p 5 mid-2 || fail=1
printf 'low-2\nlow-3\n' | mqsend -n $n || fail=1
mqsend -n $n -p 1 one-1 one-2 || fail=1
timeout_ mqrecv -n $n -T --all > out || fail=1
compare_text out $'32767\ttop' $'5\tmid-1' $'5\tmid-2' $'1\tone-1' $'1\tone-2' \
  $'0\tlow-1' $'0\tlow-2' $'0\tlow-3' || fail=1

# A higher priority sent later still comes first.
mqsend -n $n -p 2 a b c || fail=1
timeout_ mqrecv -n $n > out || fail=1
mqsend -n $n -p 3 urgent || fail=1
timeout_ mqrecv -n $n -N 3 >> out || fail=1
compare_text out a urgent b c || fail=1

Exit $fail
