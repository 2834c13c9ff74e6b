#!/bin/bash
# Interoperating with util-linux: queues made by ipcmk -Q are used through
# the key and the id that ipcs prints, ipcs -q -i sees exactly what mqsend
# put there and what mqrecv took, a queue made by mqsend --create shows in
# ipcs with mode 600, and ipcrm removes it.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
require_prog_ ipcmk
require_prog_ ipcs
require_prog_ ipcrm
require_ipc_namespace_  # ipcmk picks a random key: keep clear of the host's
fail=0

id=$(ipcmk -Q -p 0600 | sed -n 's/^Message queue id: //p')
test -n "$id" || framework_failure_ "ipcmk -Q"
key=$(ipcs -q | awk -v id=$id '$2 == id { print $1 }')
test -n "$key" || framework_failure_ "ipcs does not list $id"

# ipcs_field_ NAME: the NAME=VALUE field of ipcs -q -i ID.
ipcs_field_() { ipcs -q -i $id | tr '\t' '\n' | sed -n "s/^$1=//p" | tr -d ' '; }

mqsend -k $key hello 'second one' || fail=1
test "$(ipcs_field_ qnum) $(ipcs_field_ cbytes)" = "2 15" || fail=1
test "$(ipcs_field_ lspid)" != 0 || fail=1
timeout_ mqrecv -i $id >out || fail=1
compare_text out hello || fail=1
test "$(ipcs_field_ qnum) $(ipcs_field_ cbytes)" = "1 10" || fail=1
# --create on ipcmk's queue (ours: root made it) leaves it as it is.
mqsend -c -m 0666 -k $key third || fail=1
test "$(ipcs_field_ mode)" = 0600 || fail=1
timeout_ mqrecv -k $key -N 2 --remove >out || fail=1
compare_text out 'second one' third || fail=1
test -z "$(ipcs -q | awk -v id=$id '$2 == id')" || { warn_ "not removed"; fail=1; }

# Ours, as ipcs shows it; removed by ipcrm -Q.
mqsend -c -k 0x1234abcd mine || fail=1
ipcs -q | awk '$1 == "0x1234abcd" { print $4, $5, $6 }' > out
compare_text out '600 4 1' || fail=1
ipcrm -Q 0x1234abcd || fail=1
returns_ 1 timeout_ mqrecv -k 0x1234abcd 2>err || fail=1
compare_text err "mqrecv: message queue key 0x1234abcd does not exist" || fail=1

Exit $fail
