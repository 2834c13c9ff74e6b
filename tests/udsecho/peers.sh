#!/bin/bash
# socat and nc -U as clients of udsecho -l and as servers for the udsecho
# client; abstract names through socat ABSTRACT-CONNECT.
. "$abs_top_srcdir/tests/init.sh"
. "$srcdir/tests/udsecho/lib.sh"
require_prog_ socat
require_prog_ nc
fail=0

printf 'line one\nline two\n' > in
head -c 300000 /dev/urandom > blob

start_server_ pf s
# socat half-closes after its input, then reads to the end.
returns_ 0 timeout_ socat -t 5 - UNIX-CONNECT:s <in >out 2>err || fail=1
compare in out || fail=1
returns_ 0 timeout_ socat -t 5 -b 65536 - UNIX-CONNECT:s <blob >out 2>err || fail=1
compare blob out || fail=1
# OpenBSD nc: -N shuts the socket down at the end of input.
returns_ 0 timeout_ nc -N -U s <in >out 2>err || fail=1
compare in out || fail=1
stop_server_ || fail=1
test -e s && { warn_ "socket left behind after SIGTERM"; fail=1; }
compare /dev/null pf.err || fail=1

# Abstract names: no file anywhere.
start_server_ pf @udsecho-test-$$
returns_ 0 timeout_ socat -t 5 - ABSTRACT-CONNECT:udsecho-test-$$ <in >out 2>err || fail=1
compare in out || fail=1
returns_ 0 timeout_ udsecho @udsecho-test-$$ 'over the abstract name' >out 2>err || fail=1
compare_text out 'over the abstract name' || fail=1
stop_server_ || fail=1
test -z "$(find . -type s)" || { warn_ "sockets left: $(find . -type s)"; fail=1; }

# socat as the server: an echo (PIPE) that closes when we half-close.
timeout_ socat UNIX-LISTEN:s2 PIPE 2>socat.err &
job=$!
until test -S s2; do kill -0 "$job" 2>/dev/null || break; sleep 0.01; done
returns_ 0 timeout_ udsecho s2 hello socat <&- >out 2>err || fail=1
compare_text out hello socat || fail=1
compare /dev/null err || fail=1
wait "$job"

# ... the same with binary data on stdin, raw.  socat's PIPE echoes
# through one pipe in one process and blocks for good once more than the
# pipe holds is in flight, and it closes 0.5 s (-t) after our half-close:
# so a blob that fits in the pipe, and a longer -t for a loaded machine.
head -c 16384 blob > small
timeout_ socat -t 5 -b 65536 UNIX-LISTEN:s3 PIPE 2>socat.err &
job=$!
until test -S s3; do kill -0 "$job" 2>/dev/null || break; sleep 0.01; done
returns_ 0 timeout_ udsecho -r s3 <small >out 2>err || fail=1
compare small out || fail=1
wait "$job"

# nc -lU as the server: it answers, then closes when we half-close.
timeout_ nc -lU s4 <in >nc.out 2>nc.err &
job=$!
until test -S s4; do kill -0 "$job" 2>/dev/null || break; sleep 0.01; done
returns_ 0 timeout_ udsecho s4 'from udsecho' >out 2>err || fail=1
compare in out || fail=1
compare_text nc.out 'from udsecho' || fail=1
wait "$job"

# socat as a seqpacket echo server, and a datagram one on an abstract name.
timeout_ socat UNIX-LISTEN:s5,type=5 PIPE 2>socat.err &
job=$!
until test -S s5; do kill -0 "$job" 2>/dev/null || break; sleep 0.01; done
# (One message: socat's PIPE may join two messages into one.)
returns_ 0 timeout_ udsecho -t seqpacket s5 'one message' <&- >out 2>err || fail=1
compare_text out 'one message' || fail=1
wait "$job"
timeout_ socat ABSTRACT-RECVFROM:udsecho-dg-$$,fork PIPE 2>socat.err &
job=$!
until grep -q "@udsecho-dg-$$" /proc/net/unix; do kill -0 "$job" 2>/dev/null || break; sleep 0.01; done
returns_ 0 timeout_ udsecho -t dgram -w 5 @udsecho-dg-$$ first second >out 2>err || fail=1
# Both replies, in either order: socat answers each datagram from a child
# of its own, and on a busy machine the second child may answer first.
sort out > out.sorted
compare_text out.sorted first second || fail=1
compare /dev/null err || fail=1
kill "$job"; wait "$job"

Exit $fail
