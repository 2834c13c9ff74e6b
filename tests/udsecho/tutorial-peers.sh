#!/bin/bash
# The tutorial's C programs on "my_socket": its server answered by the
# udsecho client, its client echoed by udsecho -l.
. "$abs_top_srcdir/tests/init.sh"
. "$srcdir/tests/udsecho/lib.sh"
fail=0

# The tutorial's server reads once and answers "Hello from server!" and
# its NUL: the client prints the C string and a newline.  -C sends the
# message with a NUL, as the tutorial's server prints its buffer with %s.
timeout_ tut-uds-server >srv.out 2>srv.err &
job=$!
until grep -q waiting srv.out 2>/dev/null; do
  kill -0 "$job" 2>/dev/null || break
  sleep 0.01
done
returns_ 0 timeout_ udsecho -C my_socket 'Hello from client!' >out 2>err || fail=1
compare_text out 'Hello from server!' || fail=1
compare /dev/null err || fail=1
returns_ 0 wait "$job" || fail=1
compare_text srv.out 'Server waiting for connection...' 'Client connected!' \
  'Received: Hello from client!' || fail=1

# Raw: exactly the 19 bytes it sent.
timeout_ tut-uds-server >srv.out 2>srv.err &
job=$!
until grep -q waiting srv.out 2>/dev/null; do
  kill -0 "$job" 2>/dev/null || break
  sleep 0.01
done
returns_ 0 timeout_ udsecho -r my_socket x >out 2>err || fail=1
printf 'Hello from server!\0' > exp
compare exp out || fail=1
returns_ 0 wait "$job" || fail=1

# The tutorial's client against udsecho -l: its own bytes come back.
start_server_ pf -N 1 my_socket
returns_ 0 timeout_ tut-uds-client >out 2>err || fail=1
compare_text out 'Received from server: Hello from client!' || fail=1
compare /dev/null err || fail=1
returns_ 0 wait "$server_job" || fail=1
compare /dev/null pf.err || fail=1
test -e my_socket && { warn_ "my_socket left behind"; fail=1; }
test -e pf && { warn_ "pid file left behind"; fail=1; }

Exit $fail
