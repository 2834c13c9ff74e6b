#!/bin/bash
# Interoperating with util-linux: a set made by ipcmk -S (values set the
# SETVAL way, sem_otime still 0) is used through its key and id, with
# --index; ipcs -s -i and lsipc see exactly what semsig and semwait did;
# a --create that finds such a set uses it after a short grace instead of
# waiting for an initialisation that never comes.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/semsig/sem-lib.sh"
require_prog_ ipcmk
require_prog_ ipcs
require_prog_ lsipc
require_ipc_namespace_  # ipcmk picks a random key: keep clear of the host's
fail=0

id=$(ipcmk -S 3 -p 0600 | sed -n 's/^Semaphore id: //p')
test -n "$id" || framework_failure_ "ipcmk -S"
key=$(ipcs -s | awk -v id=$id '$2 == id { print $1 }')
test -n "$key" || framework_failure_ "ipcs does not list $id"
test "$(semotime_ $key)" = 0 || framework_failure_ "ipcmk's set has sem_otime set"

# lsipc_values_: the VALUE column of lsipc -s -i ID, one line.
lsipc_values_() {
  lsipc -s -i $id | awk '/^ *SEMNUM/ { t = 1; next } t && NF >= 5 { printf "%s ", $2 }'
}

semsig -i $id -I 1 -N 3 || fail=1
semsig -k $key --index=2 || fail=1
test "$(semval_ $key 0) $(semval_ $key 1) $(semval_ $key 2)" = '0 3 1' || fail=1
test "$(lsipc_values_)" = '0 3 1 ' || { warn_ "lsipc: $(lsipc_values_)"; fail=1; }
timeout_ semwait -k $key -I 1 -N 2 || fail=1
semwait -i $id -I 2 --nonblock || fail=1
returns_ 3 semwait -i $id -I 2 --nonblock 2>/dev/null || fail=1
test "$(lsipc_values_)" = '0 1 0 ' || { warn_ "lsipc: $(lsipc_values_)"; fail=1; }
semsig -k $key -I 1 --show >out || fail=1
compare_text out 1 || fail=1
returns_ 2 semsig -i $id -I 3 2>err || fail=1
compare_text err "semsig: invalid index 3: semaphore set id $id has 3 members" || fail=1

# A fresh ipcmk set and --create: used within the grace, value kept.
id=$(ipcmk -S 1 -p 0600 | sed -n 's/^Semaphore id: //p')
key=$(ipcs -s | awk -v id=$id '$2 == id { print $1 }')
elapsed_ms_ timeout_ semsig -c -V 5 -k $key
test $status_ = 0 || { warn_ "semsig -c on ipcmk's set: status $status_"; fail=1; }
test $ms_ -lt 5000 || { warn_ "semsig -c took $ms_ ms"; fail=1; }
test "$(semval_ $key)" = 1 || { warn_ "value $(semval_ $key), not 1"; fail=1; }
# Once used, nobody waits for it any more.
elapsed_ms_ timeout_ semwait -c -k $key --nonblock
test $status_ = 0 && test $ms_ -lt 1000 || { warn_ "semwait -c: $status_ after $ms_ ms"; fail=1; }

# Our set as ipcs shows it: mode 600, removable by ipcrm.
semsig -c -k 0x5e3a0001 -V 2 || fail=1
ipcs -s | awk '$1 == "0x5e3a0001" { print $4, $5 }' > out
compare_text out '600 1' || fail=1
ipcrm -S 0x5e3a0001 || fail=1
returns_ 1 semsig -k 0x5e3a0001 2>/dev/null || fail=1

Exit $fail
