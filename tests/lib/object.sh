# tests/lib/object.sh: IPC objects of any kind, for tests; sourced after
# tests/init.sh.  KIND is one of
#   msg sem shm    System V message queue, semaphore set, shared memory
#   pmq psem pshm  POSIX message queue, named semaphore, shared memory
# and WHAT is a key (System V, any C notation) or a /NAME (POSIX).  The
# helpers create, inspect and remove objects directly (python3-sysv-ipc,
# the mqueue mount, files under /dev/shm), never through the programs under
# test.  POSIX message queues need the private mqueue mount ($mqueue_dir).

obj_python_=/usr/bin/python3

# obj_is_sysv_ KIND: true for msg, sem and shm.
obj_is_sysv_() { case $1 in msg|sem|shm) return 0 ;; *) return 1 ;; esac; }

# obj_require_ KIND: skip the test unless this kind can be handled here.
obj_require_() {
  if obj_is_sysv_ "$1"; then
    "$obj_python_" -c 'import sysv_ipc' 2>/dev/null || skip_ "needs python3-sysv-ipc"
  elif test "$1" = pmq; then
    test -n "$mqueue_dir" || skip_ "needs a private mqueue mount"
  fi
}

# obj_path_ KIND /NAME: the file of a POSIX object.
obj_path_() {
  case $1 in
    pmq) printf '%s\n' "$mqueue_dir$2" ;;
    psem) printf '/dev/shm/sem.%s\n' "${2#/}" ;;
    pshm) printf '/dev/shm/%s\n' "${2#/}" ;;
  esac
}

# obj_field_ KIND KEY NAME: a column of the System V object with KEY in its
# /proc/sysvipc file (NAME: id, perms, uid, cuid); nothing if none.
obj_field_() {
  local col
  case $1:$3 in
    *:id) col=2 ;; *:perms) col=3 ;;
    msg:uid|shm:uid) col=8 ;; msg:cuid|shm:cuid) col=10 ;;
    sem:uid) col=5 ;; sem:cuid) col=7 ;;
  esac
  awk -v key=$(($2)) -v col=$col 'NR > 1 && $1 == key { print $col }' /proc/sysvipc/$1
}

# obj_create_ KIND WHAT [MODE]: make the object (mode 0600 by default), or
# fail.  Prefix the call with OBJ_AS="setpriv ..." to create it as another
# user (System V only).
obj_create_() {
  local kind=$1 what=$2 mode=${3-0600} path
  if obj_is_sysv_ "$kind"; then
    $OBJ_AS "$obj_python_" - "$kind" $(($what)) $((mode)) <<'PY'
import sys, sysv_ipc
kind, key, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if kind == 'msg': sysv_ipc.MessageQueue(key, sysv_ipc.IPC_CREX, mode)
elif kind == 'sem': sysv_ipc.Semaphore(key, sysv_ipc.IPC_CREX, mode)
else: sysv_ipc.SharedMemory(key, sysv_ipc.IPC_CREX, mode, 4096)
PY
    return
  fi
  path=$(obj_path_ "$kind" "$what")
  test ! -e "$path" || return 1
  case $kind in
    pmq) : > "$path" ;;                       # the mqueue fs makes a queue
    psem) head -c 32 /dev/zero > "$path" ;;   # a sem_t of value 0
    pshm) : > "$path" ;;
  esac && chmod "$mode" "$path"
}

# obj_exists_ KIND WHAT
obj_exists_() {
  if obj_is_sysv_ "$1"; then
    test -n "$(obj_field_ "$1" "$2" id)"
  else
    test -e "$(obj_path_ "$1" "$2")"
  fi
}

# obj_ident_ KIND WHAT: what the object is (System V id, POSIX inode), to
# tell whether it was replaced.
obj_ident_() {
  if obj_is_sysv_ "$1"; then obj_field_ "$1" "$2" id
  else stat -c %i "$(obj_path_ "$1" "$2")" 2>/dev/null
  fi
}

# obj_mode_ KIND WHAT: its permissions in octal, as ls shows them (600).
obj_mode_() {
  if obj_is_sysv_ "$1"; then obj_field_ "$1" "$2" perms
  else stat -c %a "$(obj_path_ "$1" "$2")"
  fi
}

# obj_owner_ KIND WHAT: "UID CUID" (a POSIX object: its owner twice).
obj_owner_() {
  local u
  if obj_is_sysv_ "$1"; then
    echo "$(obj_field_ "$1" "$2" uid) $(obj_field_ "$1" "$2" cuid)"
  else
    u=$(stat -c %u "$(obj_path_ "$1" "$2")") && echo "$u $u"
  fi
}

# obj_chown_ KIND WHAT UID: give the object to UID (IPC_SET of the owner;
# the creator stays), as root or its creator.
obj_chown_() {
  if obj_is_sysv_ "$1"; then
    "$obj_python_" - "$1" $(($2)) "$3" <<'PY'
import sys, sysv_ipc
kind, key, uid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
cls = {'msg': sysv_ipc.MessageQueue, 'sem': sysv_ipc.Semaphore,
       'shm': sysv_ipc.SharedMemory}[kind]
cls(key).uid = uid
PY
  else
    chown "$3" "$(obj_path_ "$1" "$2")"
  fi
}

# obj_remove_ KIND WHAT: remove it (nothing if it does not exist).
obj_remove_() {
  local id
  if obj_is_sysv_ "$1"; then
    id=$(obj_field_ "$1" "$2" id)
    test -z "$id" || case $1 in
      msg) ipcrm -q "$id" ;; sem) ipcrm -s "$id" ;; shm) ipcrm -m "$id" ;;
    esac
  else
    rm -f "$(obj_path_ "$1" "$2")"
  fi
}

# obj_describe_ KIND FORM VALUE: the description diagnostics use, FORM
# key (VALUE a key), id (an id) or name (a /NAME).
obj_describe_() {
  local noun
  case $1 in
    msg) noun='message queue' ;; sem) noun='semaphore set' ;;
    shm) noun='shared memory segment' ;;
    pmq) noun='POSIX message queue' ;; psem) noun='POSIX semaphore' ;;
    pshm) noun='POSIX shared memory object' ;;
  esac
  case $2 in
    key) printf '%s key 0x%08x\n' "$noun" $(($3)) ;;
    id) printf '%s id %s\n' "$noun" "$3" ;;
    name) printf "%s '%s'\n" "$noun" "$3" ;;
  esac
}
