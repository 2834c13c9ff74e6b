#!/bin/bash
# Security defaults 2, 3, 6 (RELIABILITY 24): --create that finds a queue
# another user made refuses it ("exists and belongs to uid N") unless
# --allow-foreign; without --create the kernel's permissions decide; a
# foreign queue is never removed by mqrecv --remove; root gets no pass.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_root_
require_ipc_namespace_
require_prog_ setpriv
fail=0

nobody_uid=$(id -u nobody 2>/dev/null) || skip_ "no user nobody"
nobody_group=$(id -gn nobody)
as_nobody_() { timeout_ setpriv --reuid=nobody --regid="$nobody_group" --clear-groups "$@"; }
# Whether nobody can run the programs from here.
as_nobody_ mqsend --version >/dev/null 2>&1 \
  || skip_ "user nobody cannot run $abs_top_builddir/src/mqsend"

key_ k
hex=$(printf '0x%08x' $((k)))
as_nobody_ mqsend -c -m 0666 -k $k squatted || framework_failure_ "mqsend as nobody"
test "$(quid_ $k) $(qcuid_ $k)" = "$nobody_uid $nobody_uid" || framework_failure_ "owner"

for prog in mqsend mqrecv; do
  returns_ 1 timeout_ $prog -c -k $k </dev/null >out 2>err || fail=1
  compare /dev/null out || fail=1
  compare_text err \
    "$prog: message queue key $hex exists and belongs to uid $nobody_uid; use --allow-foreign to accept" \
    || fail=1
done
test "$(qnum_ $k)" = 1 || fail=1
# --allow-foreign accepts it; so does opening it without --create.
mqsend -c --allow-foreign -k $k accepted || fail=1
mqsend -k $k plain || fail=1
test "$(qnum_ $k)" = 3 || fail=1

# --remove takes the messages but leaves a queue that is not ours.
returns_ 1 timeout_ mqrecv -k $k -N 3 --remove >out 2>err || fail=1
compare_text out squatted accepted plain || fail=1
compare_text err "mqrecv: not removing message queue key $hex: it belongs to uid $nobody_uid" || fail=1
test -n "$(qid_ $k)" || { warn_ "the foreign queue was removed"; fail=1; }
# Its owner may.
as_nobody_ mqsend -k $k last || fail=1
as_nobody_ mqrecv -k $k --remove >out || fail=1
compare_text out last || fail=1
test -z "$(qid_ $k)" || { warn_ "not removed by its owner"; fail=1; }

# The kernel's permissions, without --create: a 0600 queue of root is
# closed to nobody; a 0622 "drop box" takes nobody's messages but does not
# let nobody read them.
key_ private
hex_private=$(printf '0x%08x' $((private)))
mqsend -c -k $private </dev/null || fail=1
returns_ 1 as_nobody_ mqsend -k $private x 2>err || fail=1
compare_text err "mqsend: cannot open message queue key $hex_private: Permission denied" || fail=1
mqsend -x -m 0622 -k $k </dev/null || fail=1
as_nobody_ mqsend -k $k dropped || fail=1
returns_ 1 as_nobody_ mqrecv -k $k 2>err || fail=1
compare_text err "mqrecv: cannot open message queue key $hex: Permission denied" || fail=1
timeout_ mqrecv -k $k --remove >out || fail=1
compare_text out dropped || fail=1

# POSIX: the owner of the queue file.
if test -n "$mqueue_dir"; then
  name_ n
  as_nobody_ mqsend -c -m 0666 -n $n squatted || framework_failure_ "POSIX as nobody"
  for prog in mqsend mqrecv; do
    returns_ 1 timeout_ $prog -c -n $n </dev/null >out 2>err || fail=1
    compare_text err \
      "$prog: POSIX message queue '$n' exists and belongs to uid $nobody_uid; use --allow-foreign to accept" \
      || fail=1
  done
  mqsend -c --allow-foreign -n $n accepted || fail=1
  returns_ 1 timeout_ mqrecv -n $n -N 2 --remove >out 2>err || fail=1
  compare_text out squatted accepted || fail=1
  compare_text err "mqrecv: not removing POSIX message queue '$n': it belongs to uid $nobody_uid" || fail=1
  test -e "$mqueue_dir$n" || { warn_ "the foreign POSIX queue was removed"; fail=1; }
fi

Exit $fail
