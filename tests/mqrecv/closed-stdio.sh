#!/bin/bash
# A closed standard descriptor is never reused for the queue (issue 6,
# defect 10): POSIX `mqrecv >&-` used to get the queue as descriptor 1 and
# write the message into it ("write error: Invalid argument").  Now it is
# the usual "write error: Bad file descriptor", and the message stays on
# the queue; a closed stdin of mqsend is a read error, not the queue.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

name_ q
mqsend -c -n $q hello || framework_failure_ "mqsend -c"

returns_ 1 timeout_ mqrecv -n $q >&- 2>err || fail=1
compare_text err "mqrecv: write error: Bad file descriptor" || fail=1
returns_ 1 timeout_ mqrecv -n $q --nonblock -N 2 >&- 2>err || fail=1
compare_text err "mqrecv: write error: Bad file descriptor" || fail=1

returns_ 1 timeout_ mqsend -n $q <&- 2>err || fail=1
compare_text err "mqsend: read error: Bad file descriptor" || fail=1

# Closed stderr: the work is done, silently.
returns_ 0 timeout_ mqsend -n $q world 2>&- || fail=1

timeout_ mqrecv -n $q --all >out 2>err || fail=1
compare_text out hello world || fail=1
compare /dev/null err || fail=1

Exit $fail
