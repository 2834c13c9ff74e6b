#!/bin/bash
# What becomes of messages whose write fails, beyond write-errors.sh.
# - A batch that fails in the middle loses nothing: the records written
#   whole stay written, every message not written whole goes back, in
#   order; a torn record at the end of a regular file is cut off (defect 6).
# - Not a regular file: the error says how many bytes of the message were
#   written before it went back (defect 6).
# - Without write permission nothing could be put back: mqrecv refuses
#   before taking anything, unless --allow-loss (defect 4).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_ipc_namespace_
require_prog_ setpriv
fail=0

key_ k
hex=$(printf '0x%08x' $((k)))
mqsend -c -k $k </dev/null || framework_failure_ "mqsend -c"

# Ten records of 1000 bytes into an 8 KiB file system: one batch, cut
# after 8 whole records and 192 bytes of the ninth.
mkdir small
mount -t tmpfs -o size=8k tmpfs small || framework_failure_ "mount tmpfs"
for i in $(seq 10); do printf '%04d%s\n' $i "$(head -c 995 /dev/zero | tr '\0' r)"; done > ten
mqsend -k $k < ten || framework_failure_ "fill"
returns_ 1 timeout_ mqrecv -k $k -N 10 > small/out 2>err || fail=1
compare_text err "mqrecv: write error: No space left on device" || fail=1
head -n 8 ten | cmp - small/out || { warn_ "not the first 8 records, whole"; fail=1; }
timeout_ mqrecv -k $k --all > rest || fail=1
tail -n 2 ten | cmp - rest || { warn_ "records 9 and 10 not back in order"; fail=1; }
umount small

# A pipe whose reader leaves in the middle of a 100000-byte message:
# status 1 (SIGPIPE ignored), the message goes back whole, the error
# says how much of it was written.
set_sysctl_ kernel.msgmax 100000
set_sysctl_ kernel.msgmnb 200000
key_ big
head -c 99999 /dev/zero | tr '\0' p > bigmsg
mqsend -c -k $big < bigmsg || framework_failure_ "big"
(trap '' PIPE; timeout_ mqrecv -k $big 2>err | head -c 1000 >/dev/null; exit ${PIPESTATUS[0]})
st=$?
test $st = 1 || { warn_ "torn pipe: status $st"; fail=1; }
grep -Eqx 'mqrecv: write error: Broken pipe \([0-9]+ of 100000 bytes of a message written; all of it went back on the queue\)' err \
  || { warn_ "torn pipe: $(cat err)"; fail=1; }
timeout_ mqrecv -k $big > back || fail=1
cmp bigmsg <(head -c 99999 back) || fail=1

# Read-only access (mode 0644, another user): refused before anything is
# taken, status 1; --allow-loss receives anyway.
key_ ro
mqsend -c -m 644 -k $ro kept || framework_failure_ "ro"
chmod 755 .
nobody="setpriv --reuid=65534 --regid=65534 --clear-groups --"
returns_ 1 timeout_ $nobody mqrecv -k $ro --nonblock >/dev/full 2>err || fail=1
compare_text err "mqrecv: refusing to receive from message queue key $(printf '0x%08x' $((ro))): without write permission a message that cannot be written could not be put back (--allow-loss receives anyway)" || fail=1
test "$(qnum_ $ro)" = 1 || fail=1
timeout_ $nobody mqrecv -k $ro --nonblock --allow-loss >out 2>err || fail=1
compare_text out kept || fail=1
if test -n "$mqueue_dir"; then
  name_ n
  mqsend -c -m 644 -n $n kept || framework_failure_ "POSIX ro"
  returns_ 1 timeout_ $nobody mqrecv -n $n --nonblock >/dev/full 2>err || fail=1
  compare_text err "mqrecv: refusing to receive from POSIX message queue '$n': without write permission a message that cannot be written could not be put back (--allow-loss receives anyway)" || fail=1
  timeout_ $nobody mqrecv -n $n --nonblock --allow-loss >out || fail=1
  compare_text out kept || fail=1
fi

Exit $fail
