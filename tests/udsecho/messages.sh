#!/bin/bash
# Datagram and seqpacket echo: one message per record, one printed record
# per reply; C strings, -z and -r; 200 concurrent datagram clients.
. "$abs_top_srcdir/tests/init.sh"
. "$srcdir/tests/udsecho/lib.sh"
fail=0
export TEST_TIMEOUT=60

for type in dgram seqpacket; do
  start_server_ pf -t $type s
  returns_ 0 timeout_ udsecho -t $type -w 5 s one 'two words' '' four >out 2>err || fail=1
  compare_text out one 'two words' '' four || fail=1
  compare /dev/null err || fail=1
  # Lines of standard input, the last one without its newline too.
  printf 'a\nb\n\nlast' | timeout_ udsecho -t $type -w 5 s >out 2>err || fail=1
  compare_text out a b '' last || fail=1
  # -z: NUL-terminated records in and out.
  printf 'x\0y z\0' | timeout_ udsecho -t $type -z -w 5 s >out 2>err || fail=1
  printf 'x\0y z\0' > exp
  compare exp out || fail=1
  # -r: all of stdin as one message, printed exactly.
  printf 'raw\0bytes\nand more' > blob
  timeout_ udsecho -t $type -r -w 5 s <blob >out 2>err || fail=1
  compare blob out || fail=1
  # -C sends a C string; text mode prints it up to its NUL.
  returns_ 0 timeout_ udsecho -t $type -C -w 5 s 'C string' >out 2>err || fail=1
  compare_text out 'C string' || fail=1
  returns_ 0 timeout_ udsecho -t $type -C -r -w 5 s 'C string' >out 2>err || fail=1
  printf 'C string\0' > exp
  compare exp out || fail=1
  stop_server_ || fail=1
  compare /dev/null pf.err || fail=1
done

# 200 concurrent datagram clients, 20 messages each, each gets exactly
# its own replies in order; no socket file left by any client.
start_server_ pf -t dgram s
# One awk writes all inputs and one cat checks all outputs: hundreds of
# little processes are slow on a loaded machine.
awk 'BEGIN { for (i = 1; i <= 200; i++) for (j = 1; j <= 20; j++)
               print "client " i " line " j > ("in." i) }'
for i in $(seq 200); do
  # -w bounds each client; no timeout process needed per client.
  udsecho -t dgram -w 20 s < "in.$i" > "out.$i" 2>"err.$i" &
done
wait $(jobs -p | grep -v -x "$server_job")
cat $(seq -f 'in.%g' 200) > all.in
cat $(seq -f 'out.%g' 200) > all.out
compare all.in all.out || fail=1
cat $(seq -f 'err.%g' 200) > all.err
compare /dev/null all.err || fail=1
test "$(find . -type s)" = ./s || { warn_ "sockets: $(find . -type s)"; fail=1; }
stop_server_ || fail=1

# --count counts datagrams and seqpacket connections.
start_server_ pf -t dgram -N 3 s
timeout_ udsecho -t dgram -w 5 s 1 2 3 >out 2>err || fail=1
compare_text out 1 2 3 || fail=1
returns_ 0 wait "$server_job" || fail=1
start_server_ pf -t seqpacket -N 2 s
timeout_ udsecho -t seqpacket -w 5 s a b >out || fail=1
timeout_ udsecho -t seqpacket -w 5 s c >out || fail=1
compare_text out c || fail=1
returns_ 0 wait "$server_job" || fail=1
test -e s && { warn_ "socket left"; fail=1; }

# No reply: the datagram client gives up with status 3.
timeout 20 socat UNIX-RECV:quiet /dev/null &
quiet=$!
until test -S quiet; do kill -0 "$quiet" || break; sleep 0.01; done
returns_ 3 timeout_ udsecho -t dgram -w 0.3 quiet hello >out 2>err || fail=1
compare /dev/null out || fail=1
compare_text err "udsecho: no reply from 'quiet': timed out" || fail=1
kill "$quiet"; wait "$quiet"

Exit $fail
