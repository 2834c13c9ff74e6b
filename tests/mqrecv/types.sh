#!/bin/bash
# System V message types: mqsend -t sets them; mqrecv -t 0 takes the first
# message, -t N the first of type N, -t -N the first of the lowest type
# <= N, --except -t N the first not of type N; -T shows them.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

key_ k
fill_() {
  mqsend -c -k $k -t 5 five-a || fail=1
  mqsend -k $k -t 2 two-a || fail=1
  mqsend -k $k five-b --type=5 || fail=1
  mqsend -k $k -t 1 one || fail=1
  mqsend -k $k -t 3 three || fail=1
  mqsend -k $k two-b -t 2 || fail=1
}
# recv_ EXPECTED ARGS...: mqrecv -T ARGS prints EXPECTED.
recv_() {
  local exp=$1; shift
  timeout_ mqrecv -k $k -T --nonblock "$@" > out || { warn_ "mqrecv $*"; fail=1; }
  compare_text out "$exp" || fail=1
}

fill_
recv_ $'5\tfive-a'
recv_ $'2\ttwo-a' -t 0
recv_ $'2\ttwo-b' -t 2
recv_ $'5\tfive-b' --type=5
recv_ $'1\tone' -t -3
recv_ $'3\tthree' --type=-3
returns_ 3 timeout_ mqrecv -k $k -t 4 --nonblock >out 2>err || fail=1
compare /dev/null out || fail=1
compare_text err "mqrecv: cannot receive from message queue key $(printf '0x%08x' $((k))): no message is waiting (0 of 1 message received)" || fail=1
test "$(qnum_ $k)" = 0 || fail=1

fill_
recv_ $'2\ttwo-a' -e -t 5
recv_ $'1\tone' --except --type=5
recv_ $'5\tfive-a' -e -t 2
recv_ $'5\tfive-b' -e -t 3
recv_ $'3\tthree' -e -t 2
recv_ $'2\ttwo-b' -e -t 1
returns_ 3 timeout_ mqrecv -k $k -e -t 1 --nonblock >out 2>/dev/null || fail=1

# Without -T: just the text; -N with -t takes only that type.
fill_
timeout_ mqrecv -k $k -t 5 -N 2 > out || fail=1
compare_text out five-a five-b || fail=1
timeout_ mqrecv -k $k -t -2 --all > out || fail=1
compare_text out one two-a two-b || fail=1
timeout_ mqrecv -k $k --all > out || fail=1
compare_text out three || fail=1

Exit $fail
