#!/bin/bash
# Every way of naming a queue reaches the same queue: -k in decimal, hex
# and octal, -f/-j (number, character, default 1) as ftok() computes it,
# -i from ipcmk -Q and ipcs, -n.  A missing queue is status 1 naming the
# key in hex, the key file, the id or the name; a stale -i id too.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_prog_ ipcmk
require_prog_ ipcs
require_prog_ ipcrm
fail=0

key_ key
hex=$(printf '0x%08x' $((key)))
dec=$((key))
oct=$(printf '0%o' $((key)))

# --- a missing queue, each way ------------------------------------------------
for prog in mqsend mqrecv; do
  returns_ 1 timeout_ $prog -k $dec </dev/null >out 2>err || fail=1
  compare /dev/null out || fail=1
  compare_text err "$prog: message queue key $hex does not exist" || fail=1
done

# -k in three notations names one queue.
mqsend --create -k $hex one || fail=1
test "$(sysv_field_ $key 1)" = $dec || { warn_ "key not $dec"; fail=1; }
mqsend -k $dec two || fail=1
mqsend --key=$oct three || fail=1
timeout_ mqrecv -k $oct -N 3 >out 2>err || fail=1
compare_text out one two three || fail=1
compare /dev/null err || fail=1
ipcrm -Q $hex

# --- -i: ids as ipcmk and ipcs print them ------------------------------------
id=$(ipcmk -Q | sed -n 's/^Message queue id: //p')
test -n "$id" || framework_failure_ "ipcmk -Q printed no id"
mqsend -i $id from-id || fail=1
# ipcs -q lists it with one message; mqrecv -i with the id ipcs shows.
ipcs_id=$(ipcs -q | awk -v id=$id '$2 == id { print $2 " " $6 }')
test "$ipcs_id" = "$id 1" || { warn_ "ipcs: '$ipcs_id'"; fail=1; }
timeout_ mqrecv --id=$(ipcs -q | awk -v id=$id '$2 == id { print $2 }') >out || fail=1
compare_text out from-id || fail=1
test "$(ipcs -q | awk -v id=$id '$2 == id { print $6 }')" = 0 || fail=1

# An id that never existed, and a stale one (removed; its slot's sequence
# number has moved on): "does not exist", never another queue.
ipcrm -q $id || framework_failure_ "ipcrm -q $id"
new_id=$(ipcmk -Q | sed -n 's/^Message queue id: //p')
test "$new_id" != "$id" || framework_failure_ "ipcmk reused id $id"
for bad in $id 2147483647; do
  for prog in mqsend mqrecv; do
    returns_ 1 timeout_ $prog -i $bad -w 0 </dev/null >out 2>err || fail=1
    compare /dev/null out || fail=1
    compare_text err "$prog: message queue id $bad does not exist" || fail=1
  done
done
test "$(ipcs -q | awk -v id=$new_id '$2 == id { print $6 }')" = 0 \
  || { warn_ "the new queue changed"; fail=1; }
ipcrm -q $new_id

# --- -f / -j: ftok ------------------------------------------------------------
touch msgqueuefile || framework_failure_ "touch"
# ftok(PATH, ID): ID's low 8 bits, the device's low 8 bits, the inode's
# low 16 bits.
ftok_() {
  local dev ino
  read -r dev ino < <(stat -c '%d %i' "$1")
  printf '0x%08x' $(( ($2 & 0xff) << 24 | (dev & 0xff) << 16 | (ino & 0xffff) ))
}
k65=$(ftok_ msgqueuefile 65)
k1=$(ftok_ msgqueuefile 1)
k2=$(ftok_ msgqueuefile 2)

for prog in mqsend mqrecv; do
  returns_ 1 timeout_ $prog -f msgqueuefile -j A </dev/null >out 2>err || fail=1
  compare_text err \
    "$prog: message queue key $k65 (file 'msgqueuefile', proj 65) does not exist" || fail=1
  returns_ 1 timeout_ $prog -f msgqueuefile </dev/null >out 2>err || fail=1
  compare_text err \
    "$prog: message queue key $k1 (file 'msgqueuefile', proj 1) does not exist" || fail=1
  returns_ 1 timeout_ $prog -f nonexistent -j 1 </dev/null >out 2>err || fail=1
  compare /dev/null out || fail=1
  compare_text err "$prog: cannot stat 'nonexistent': No such file or directory" || fail=1
done
test "$(nqueues_)" = 0 || [ "$IPCUTILS_TEST_NS" = 0 ] || { warn_ "queues left"; fail=1; }

mqsend -c -f msgqueuefile -j A by-char || fail=1
test -n "$(qid_ $k65)" || { warn_ "no queue with key $k65"; fail=1; }
mqsend -c --key-file=msgqueuefile by-default || fail=1
test -n "$(qid_ $k1)" || { warn_ "no queue with key $k1"; fail=1; }
mqsend -c -f msgqueuefile --proj=2 by-two || fail=1
test -n "$(qid_ $k2)" || { warn_ "no queue with key $k2"; fail=1; }
timeout_ mqrecv -f msgqueuefile -j 65 >out || fail=1
compare_text out by-char || fail=1
timeout_ mqrecv -f msgqueuefile -j 1 >out || fail=1
compare_text out by-default || fail=1
timeout_ mqrecv -k $k2 >out || fail=1
compare_text out by-two || fail=1
for k in $k65 $k1 $k2; do ipcrm -Q $k; done

# --- -n ------------------------------------------------------------------------
name_ name
for prog in mqsend mqrecv; do
  returns_ 1 timeout_ $prog -n $name </dev/null >out 2>err || fail=1
  compare /dev/null out || fail=1
  compare_text err "$prog: POSIX message queue '$name' does not exist" || fail=1
done
mqsend -c -n $name posix || fail=1
timeout_ mqrecv --name=$name --remove >out || fail=1
compare_text out posix || fail=1

Exit $fail
