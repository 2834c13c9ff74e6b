#!/bin/bash
# Binary data survives mqsend --raw | mqrecv --raw byte for byte, System V
# and POSIX: 1000 random bytes with NULs and newlines, every byte value,
# and the largest message the queue takes.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

{ head -c 1000 /dev/urandom; printf '\0\0\n\0'; head -c 20 /dev/urandom; } > random
for i in $(seq 0 255); do printf "\\$(printf %03o $i)"; done > every
head -c 8192 /dev/urandom > max   # kernel.msgmax and mq_msgsize default

key_ k
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"
for f in random every max; do
  mqsend -k $k -r < $f || fail=1
  timeout_ mqrecv -k $k -r > got || fail=1
  cmp $f got || { warn_ "System V: $f differs"; fail=1; }
done
# Several in a row: each one whole, in order.
for f in random every max; do mqsend -k $k -r < $f || fail=1; done
for f in random every max; do
  timeout_ mqrecv -k $k -r > got || fail=1
  cmp $f got || { warn_ "System V in a row: $f differs"; fail=1; }
done
ipcrm -Q $k

if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -n $n </dev/null || framework_failure_ "mqsend -c -n"
  for f in random every max; do
    mqsend -n $n -r < $f || fail=1
    timeout_ mqrecv -n $n -r > got || fail=1
    cmp $f got || { warn_ "POSIX: $f differs"; fail=1; }
  done
fi

Exit $fail
