#!/bin/bash
# Injected system call failures over every program (issue 14, "Faults"):
# one table, one row per program, system call and error, each run under
# strace -f -e inject=.  Every row checks the exit status, the whole of
# stderr (empty, or one line "PROG: ..."), that the fault really was
# injected, and what arrived or remains, so a retry that loses data, a
# message not put back, a crash (status >= 128) or a hang (timeout_) all
# fail.  The per-program fault tests (grep -l inject tests/*/*.sh) cover
# the timing side (a timeout not stretched by EINTR); this table does not
# repeat their rows.
#
# Short writes: strace's retval=N skips the call and claims N bytes, so
# the first N bytes never reach the kernel; a program that carries on
# from byte N writes exactly the rest, which is what the rows check.
# Short reads cannot be modelled that way (retval=N on read claims bytes
# that were never read and leaves the real ones in the pipe); the rows
# for them feed the input through a pipe in pieces, which gives real
# short reads, and check the data byte for byte.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/lib/common.sh"
. "$abs_top_srcdir/tests/lib/object.sh"
require_ipc_namespace_
require_prog_ strace
strace -f -qq -o /dev/null -e trace=getpid -e inject=getpid:error=EPERM true \
  2>/dev/null || skip_ "strace cannot trace or inject here"
obj_require_ msg
obj_require_ pmq
fail=0

# LeakSanitizer cannot run under ptrace: a sanitizer build needs this.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
export ASAN_OPTIONS

# T CMD...: CMD under strace, following children, with the row's fault
# ($spec) injected; the trace goes to ./trace.
T() {
  if test -z "$spec"; then
    timeout_ strace -f -qq -o trace "$@"
  else
    timeout_ strace -f -qq -o trace -e trace="${spec%%:*}" -e inject="$spec" "$@"
  fi
}

# probe_ SYSCALL MARKER CALL: in ./trace (everything a run made), the
# number of the first SYSCALL call of the first process that matches the
# regular expression CALL at or after the first line matching MARKER:
# what when= must say to hit that call (the dynamic loader and the C
# library make calls of their own first, how many depends on the build).
probe_() {
  awk -v sys="$1" -v marker="$2" -v call="$3" '
    NR == 1 { first = $1 }
    $1 != first { next }
    { line = $0; sub(/^[0-9]+ +/, "", line) }
    line ~ marker { seen = 1 }
    index(line, sys "(") == 1 { n++; if (seen && line ~ call) { print n; exit } }
  ' trace
}

# pieces_ STRING...: write each STRING to stdout with a pause between,
# so a reader at the other end of a pipe sees short reads.
pieces_() {
  local s
  for s in "$@"; do printf '%b' "$s"; sleep 0.05; done
}

qnum_() { sysv_key_field_ msg "$1" 5; }
semval_() {
  "$obj_python_" -c 'import sys, sysv_ipc; print(sysv_ipc.Semaphore(int(sys.argv[1], 0)).value)' "$1"
}
psemval_() { od -An -tu4 -N4 "$(obj_path_ psem "$1")" | tr -d ' '; }
hex_() { printf '0x%08x' $(($1)); }

# row PROG SETUP SPEC STATUS STDERR CMD CHECK [MARKER CALL]
#   SETUP   shell code run first (makes the objects, sets variables)
#   SPEC    the strace fault: SYSCALL:error=ERR[:when=N] or :retval=N
#   STATUS  the exit status CMD must have
#   STDERR  '' for none, else a pattern (case glob) the one line matches
#           (one line "PROG: ...": only ipcclean adds its summary line)
#   CMD     shell code; T marks the traced program; stdout goes to out
#   CHECK   shell code that must succeed afterwards (what arrived, what
#           remains)
#   MARKER CALL  when given, SETUP and CMD first run once uninjected,
#           and $nth is what probe_ finds in that run; SETUP runs again
# Variables in SPEC and STDERR are expanded after SETUP ran.
rows=0
row() {
  local prog=$1 setup=$2 spec=$3 want=$4 errpat=$5 cmd=$6 check=$7 st
  rows=$((rows + 1))
  rm -f out err trace
  nth=
  if test $# -gt 7; then
    local inject=$spec
    spec=
    eval "$setup" && eval "$cmd" >/dev/null 2>&1
    nth=$(probe_ "${inject%%:*}" "$8" "$9")
    test -n "$nth" || framework_failure_ "row $rows: no $9 after $8 in: $cmd"
    spec=$inject
    rm -f out err trace
  fi
  eval "$setup" || framework_failure_ "row $rows: setup: $setup"
  eval "spec=\"$spec\"; errpat=\"$errpat\""
  local what="row $rows ($prog, $spec): $cmd"
  eval "$cmd" >out 2>err
  st=$?
  local bad=
  test "$st" = "$want" || bad="status $st, expected $want"
  grep -q 'INJECTED' trace 2>/dev/null || bad="$bad; nothing was injected"
  if test -z "$errpat"; then
    test -s err && bad="$bad; unexpected stderr"
  else
    test "$(wc -l < err)" = "$(printf '%s\n' "$errpat" | wc -l)" \
      || bad="$bad; stderr has not the lines expected"
    # shellcheck disable=SC2254
    case $(cat err) in
      $errpat) ;;
      *) bad="$bad; stderr does not match: $errpat" ;;
    esac
  fi
  if test -n "$check"; then
    eval "$check" || bad="$bad; check failed: $check"
  fi
  if test -n "$bad"; then
    warn_ "$what: ${bad#; }"
    sed 's/^/  stderr: /' err >&2
    fail=1
  fi
}

# --- mqsend -------------------------------------------------------------
row mqsend 'key_ K; mqsend -c -k $K' msgsnd:error=EINTR:when=1..3 0 '' \
  'printf "a\nb\n" | T mqsend -k $K' \
  'timeout_ mqrecv -k $K --all > got && compare_text got a b'
row mqsend 'key_ K; mqsend -c -k $K' msgsnd:error=EAGAIN 3 \
  'mqsend: cannot send to message queue key $(hex_ $K): the queue is full (0 messages sent)' \
  'T mqsend --nonblock -k $K x' 'test "$(qnum_ $K)" = 0'
row mqsend 'key_ K; mqsend -c -k $K' msgsnd:error=ENOMEM:when=2 1 \
  'mqsend: cannot send to message queue key $(hex_ $K): Cannot allocate memory (1 message sent)' \
  'T mqsend -k $K one two' 'test "$(qnum_ $K)" = 1'
row mqsend 'key_ K; mqsend -c -k $K' msgsnd:error=EIDRM 1 \
  'mqsend: cannot send to message queue key $(hex_ $K): the queue was removed (0 messages sent)' \
  'T mqsend -k $K x' ''
row mqsend 'key_ K' msgget:error=ENOSPC 1 \
  'mqsend: cannot create message queue key $(hex_ $K): No space left on device (the system limit kernel.msgmni=* is reached)' \
  'T mqsend -c -k $K x' '! obj_exists_ msg $K'
row mqsend 'name_ N' mq_open:error=EMFILE 1 \
  "mqsend: cannot create POSIX message queue '\$N': Too many open files*" \
  'T mqsend -c -n $N x' '! obj_exists_ pmq $N'
row mqsend 'name_ N; mqsend -c -n $N' mq_timedsend:error=EAGAIN 3 \
  "mqsend: cannot send to POSIX message queue '\$N': the queue is full (0 messages sent)" \
  'T mqsend --nonblock -n $N x' 'grep -q "^QSIZE:0 " "$(obj_path_ pmq $N)"'
# Short reads of stdin: lines split across reads arrive whole.
row mqsend 'key_ K; mqsend -c -k $K' read:error=EINTR:when=\$nth..\$\(\(nth+1\)\) 0 '' \
  'pieces_ "li" "ne 1" "\nline" " 2\n" | T mqsend -k $K' \
  'timeout_ mqrecv -k $K --all > got && compare_text got "line 1" "line 2"' \
  . '^read\(0,'

# --- mqrecv -------------------------------------------------------------
# (EINTR in msgrcv, mq_timedreceive and write, short writes, EAGAIN on
# stdout and EIDRM: tests/mqrecv/fault-injection.sh.)
row mqrecv 'key_ K; mqsend -c -k $K a b' msgrcv:error=ENOMEM 1 \
  'mqrecv: cannot receive from message queue key $(hex_ $K): Cannot allocate memory (0 of 1 message received)' \
  'T mqrecv -k $K' 'test "$(qnum_ $K)" = 2'
row mqrecv 'key_ K; mqsend -c -k $K' msgrcv:error=ENOMSG 3 \
  'mqrecv: cannot receive from message queue key $(hex_ $K): no message is waiting (0 of 1 message received)' \
  'T mqrecv --nonblock -k $K' ''
row mqrecv 'name_ N; mqsend -c -n $N' mq_timedreceive:error=EAGAIN 3 \
  "mqrecv: cannot receive from POSIX message queue '\$N': no message is waiting (0 of 1 message received)" \
  'T mqrecv --nonblock -n $N' ''
# A failed write puts the message back: the queue holds both afterwards.
row mqrecv 'key_ K; mqsend -c -k $K a b' write:error=ENOSPC:when=1 1 \
  'mqrecv: write error: No space left on device' \
  'T mqrecv -k $K -N 2' \
  'test "$(qnum_ $K)" = 2 && timeout_ mqrecv -k $K --all > got && compare_text got a b'
row mqrecv 'name_ N; mqsend -c -n $N a b' write:error=ENOSPC:when=1 1 \
  'mqrecv: write error: No space left on device' \
  'T mqrecv -n $N -N 2' \
  'timeout_ mqrecv -n $N --all > got && compare_text got a b'
row mqrecv 'name_ N' mq_open:error=ENOMEM 1 \
  "mqrecv: cannot create POSIX message queue '\$N': Cannot allocate memory" \
  'T mqrecv -c -n $N --nonblock' '! obj_exists_ pmq $N'

# --- semsig -------------------------------------------------------------
row semsig 'key_ K; semsig -c -k $K -V 0 --show >/dev/null' semtimedop:error=EINTR:when=1..3 0 '' \
  'T semsig -k $K' 'test "$(semval_ $K)" = 1'
row semsig 'key_ K; semsig -c -k $K -V 0 --show >/dev/null' semtimedop:error=EIDRM 1 \
  'semsig: cannot add 1 to semaphore set key $(hex_ $K): it was removed' \
  'T semsig -k $K' 'test "$(semval_ $K)" = 0'
row semsig 'key_ K; semsig -c -k $K -V 0 --show >/dev/null' semtimedop:error=ENOMEM 1 \
  'semsig: cannot add 1 to semaphore set key $(hex_ $K): Cannot allocate memory' \
  'T semsig -k $K' 'test "$(semval_ $K)" = 0'
row semsig 'key_ K' semget:error=ENOSPC 1 \
  'semsig: cannot create semaphore set key $(hex_ $K): No space left on device (the system limit kernel.sem=* is reached)' \
  'T semsig -c -k $K' '! obj_exists_ sem $K'
row semsig 'name_ N; semsig -c -n $N -V 0 --show >/dev/null' openat:error=EMFILE:when=\$nth 1 \
  "semsig: cannot open POSIX semaphore '\$N': Too many open files" \
  'T semsig -n $N' 'test "$(psemval_ $N)" = 0' \
  'ipcutils' '/dev/shm/sem\.'

# --- semwait ------------------------------------------------------------
# (EINTR in semtimedop under a timeout: tests/semwait/wait.sh.)
row semwait 'key_ K; semsig -c -k $K -V 0' semtimedop:error=EINTR:when=1..3 0 '' \
  'T semwait -k $K' 'test "$(semval_ $K)" = 0'
row semwait 'key_ K; semsig -c -k $K -V 0' semtimedop:error=EAGAIN 3 \
  'semwait: cannot take 1 unit of semaphore set key $(hex_ $K): not available without waiting' \
  'T semwait --nonblock -k $K' 'test "$(semval_ $K)" = 1'
row semwait 'key_ K; semsig -c -k $K -V 0' semtimedop:error=EIDRM 125 \
  'semwait: cannot take 1 unit of semaphore set key $(hex_ $K): it was removed' \
  'T semwait -k $K -- echo ran' 'compare /dev/null out'
# POSIX: COMMAND runs in a child; its status comes through, and the unit
# goes back, whatever interrupts the wait for it.
row semwait 'name_ N; semsig -c -n $N -V 0' wait4:error=EINTR:when=1..3 7 '' \
  'T semwait -n $N -- sh -c "echo ran; exit 7"' \
  'compare_text out ran && test "$(psemval_ $N)" = 1'
row semwait 'name_ N; semsig -c -n $N -V 0' clone:error=EAGAIN 125 \
  "semwait: cannot run 'sh': Resource temporarily unavailable" \
  'T semwait -n $N -- sh -c "echo ran"' \
  'compare /dev/null out && test "$(psemval_ $N)" = 1'
# The futex wait of sem_clockwait, interrupted: still waits for the post.
row semwait 'name_ N; semsig -c -n $N -V 0 --show >/dev/null' futex:error=EINTR:when=\$nth..\$\(\(nth+2\)\) 0 '' \
  '(sleep 0.3; semsig -n $N) & T semwait -n $N -w 10; st_=$?; wait; (exit $st_)' \
  'test "$(psemval_ $N)" = 0' \
  'ipcutils' 'FUTEX_WAIT'

# --- shmput -------------------------------------------------------------
row shmput 'key_ K' read:error=EINTR:when=\$nth..\$\(\(nth+2\)\) 0 '' \
  'pieces_ "ab" "cd" "ef" | T shmput -c -k $K' \
  'timeout_ shmget -k $K > got && compare_text got abcdef' \
  . '^read\(0,'
row shmput 'name_ N' read:error=EINTR:when=\$nth..\$\(\(nth+2\)\) 0 '' \
  'pieces_ "ab" "cd" "ef" | T shmput -c -n $N' \
  'timeout_ shmget -n $N > got && compare_text got abcdef' \
  . '^read\(0,'
row shmput 'key_ K' shmget:error=ENOSPC 1 \
  'shmput: cannot create shared memory segment key $(hex_ $K): No space left on device (the system limit kernel.shmmni=* is reached)' \
  'echo x | T shmput -c -k $K' '! obj_exists_ shm $K'
# No room in /dev/shm after all: the object made is removed again.
row shmput 'name_ N' fallocate:error=ENOSPC 1 \
  "shmput: cannot set the size of POSIX shared memory object '\$N': No space left on device" \
  'echo x | T shmput -c -n $N' '! obj_exists_ pshm $N'
row shmput 'name_ N' openat:error=EMFILE:when=\$nth 1 \
  "shmput: cannot create POSIX shared memory object '\$N': Too many open files" \
  'echo x | T shmput -c -n $N' '! obj_exists_ pshm $N' \
  'statfs' '/dev/shm/'

# --- shmget -------------------------------------------------------------
# (EINTR in write and pread, EIO, ENOMEM in shmat: tests/shmget/faults.sh.)
# (Into a pipe the copy goes through write; into a file by sendfile where
# the segment opens as a file, which a POSIX object always does.)
row shmget 'key_ K; echo hello | shmput -c -k $K' write:retval=2:when=1 0 '' \
  'set -o pipefail; T shmget -r -k $K | cat' 'compare_text out llo'
row shmget 'name_ N; echo hello | shmput -c -n $N' sendfile:retval=2:when=1 0 '' \
  'T shmget -r -n $N' 'compare_text out llo'
row shmget 'name_ N; echo hello | shmput -c -n $N' write:error=ENOSPC:when=1 1 \
  'shmget: write error: No space left on device' \
  'set -o pipefail; T shmget -n $N --remove | cat' 'obj_exists_ pshm $N'
row shmget 'key_ K; echo hi | shmput -c -k $K' shmget:error=ENOMEM 1 \
  'shmget: cannot open shared memory segment key $(hex_ $K): Cannot allocate memory' \
  'T shmget -k $K --remove' 'obj_exists_ shm $K'
row shmget 'name_ N; echo hi | shmput -c -n $N' openat:error=EMFILE:when=\$nth 1 \
  "shmget: cannot open POSIX shared memory object '\$N': Too many open files" \
  'T shmget -n $N' '' \
  'ipcutils' '/dev/shm/'

# --- sigcatch -----------------------------------------------------------
# (EMFILE from signalfd, EINTR in poll: tests/sigcatch/faults.sh.)
# sig_ ARGS...: sigcatch -p pf ARGS (traced) in the background, one
# SIGUSR1 once it is ready, and its status.
sig_() {
  rm -f pf
  T sigcatch -p pf "$@" &
  local job=$!
  wait_for_file_ pf && kill -USR1 "$(cat pf)"
  wait "$job"
}
row sigcatch '' read:error=EINTR:when=\$nth..\$\(\(nth+2\)\) 0 '' \
  'sig_ -N 1 -F %n USR1' 'compare_text out USR1' \
  'signalfd4' '^read\(3,'
row sigcatch '' write:retval=3:when=\$nth 0 '' \
  'sig_ -N 1 -F %n USR1' 'compare_text out 1' \
  . '^write\(1,'
row sigcatch '' write:error=ENOSPC:when=\$nth 1 \
  'sigcatch: write error: No space left on device' \
  'sig_ -N 1 -F %n USR1' 'compare /dev/null out' \
  . '^write\(1,'
row sigcatch '' timerfd_create:error=EMFILE 1 \
  'sigcatch: cannot wait for signals: Too many open files' \
  'T sigcatch -w 5 -p pf USR1' 'test ! -e pf'

# --- fifochat -----------------------------------------------------------
# chat_ INPUT ARGS...: fifochat ARGS a b (traced) with INPUT on its
# stdin.  With INPUT, the peer keeps what arrives on a in ./sent and
# sends nothing; without, it sends "x\ny\n" on b.  So fifochat writes
# to only one descriptor, and when= can count its writes.  Returns
# fifochat's status.
mkfifo a b || framework_failure_ "mkfifo"
chat_() {
  local input=$1 st reader writer
  shift
  rm -f sent
  if test -n "$input"; then
    timeout_ sh -c 'exec 9> b; cat a > sent' &
    reader=$!
    writer=
  else
    timeout_ cat a > sent &
    reader=$!
    (printf 'x\ny\n' > b) &
    writer=$!
  fi
  printf '%b' "$input" | T fifochat "$@" a b
  st=$?
  # A fifochat that failed before it opened the FIFOs leaves the peer
  # blocked in open: opening both ends here (O_RDWR) lets it go.
  exec 7<>a 8<>b 7>&- 8>&-
  wait $reader $writer
  return $st
}
row fifochat '' poll:error=EINTR:when=1..3 0 '' \
  'chat_ ""' 'compare_text out x y'
row fifochat '' poll:error=EINTR:when=1..3 0 '' \
  'chat_ "hello\n"' 'compare /dev/null out && compare_text sent hello'
row fifochat '' openat:error=EINTR:when=\$nth 0 '' \
  'chat_ "hello\n"' 'compare_text sent hello' \
  . '^openat\(AT_FDCWD, "a",'
row fifochat '' read:error=EINTR:when=\$nth 0 '' \
  'chat_ ""' 'compare_text out x y' \
  '^openat\(AT_FDCWD, "b",' '^read\(3,'
row fifochat '' write:error=EINTR:when=1 0 '' \
  'chat_ "hello\n"' 'compare_text sent hello'
row fifochat '' write:retval=2:when=1 0 '' \
  'chat_ "hello\n"' 'compare_text sent llo'
row fifochat '' write:retval=1:when=\$nth 0 '' \
  'chat_ ""' 'compare_text out "" y' \
  . '^write\(1,'
row fifochat '' write:error=ENOSPC:when=\$nth 1 \
  'fifochat: write error: No space left on device' \
  'chat_ ""' 'compare /dev/null out' \
  . '^write\(1,'
row fifochat '' openat:error=EMFILE:when=\$nth 1 \
  "fifochat: cannot open FIFO 'b': Too many open files" \
  'chat_ ""' 'compare /dev/null out' \
  . '^openat\(AT_FDCWD, "b",'

# --- udsecho ------------------------------------------------------------
# (EMFILE from accept: tests/udsecho/emfile.sh.)
# serve_ CLIENT-ARGS...: a traced udsecho -l -N 1 on ./s in the
# background, one plain client "udsecho s CLIENT-ARGS" (its output is
# ours); the server's status.
serve_() {
  rm -f pf s
  T udsecho -l -N 1 -p pf s &
  local job=$!
  wait_for_file_ pf && timeout_ udsecho s "$@"
  wait "$job"
}
# client_ ARGS...: a plain udsecho -l -N 1 on ./s in the background, the
# traced client "udsecho s ARGS"; the client's status.
client_() {
  rm -f pf s
  timeout_ udsecho -l -N 1 -p pf s &
  local job=$! st
  wait_for_file_ pf && T udsecho s "$@"
  st=$?
  test -e s && timeout_ udsecho s stop > /dev/null 2>&1
  wait "$job"
  return $st
}
row udsecho '' accept4:error=EINTR:when=1..3 0 '' \
  'serve_ hello' 'compare_text out hello'
row udsecho '' epoll_wait:error=EINTR:when=1..3 0 '' \
  'serve_ hello' 'compare_text out hello'
row udsecho '' splice:error=EINTR:when=1..2 0 '' \
  'serve_ hello' 'compare_text out hello'
row udsecho '' socket:error=EMFILE 1 \
  "udsecho: cannot connect to 's': Too many open files" \
  'client_ hello' 'compare /dev/null out'
row udsecho '' connect:error=EINTR:when=1 0 '' \
  'client_ hello' 'compare_text out hello'
row udsecho '' ppoll:error=EINTR:when=1..3 0 '' \
  'client_ hello' 'compare_text out hello'
row udsecho '' sendto:error=EAGAIN:when=1 0 '' \
  'client_ hello' 'compare_text out hello'
row udsecho '' sendto:retval=2:when=1 0 '' \
  'client_ hello' 'compare_text out llo'
row udsecho '' recvfrom:error=EINTR:when=1..2 0 '' \
  'client_ hello' 'compare_text out hello'
row udsecho '' write:error=ENOSPC:when=\$nth 1 \
  'udsecho: write error: No space left on device' \
  'client_ hello' 'compare /dev/null out' \
  . '^write\(1,'

# --- ipcclean -----------------------------------------------------------
row ipcclean 'key_ K; obj_create_ shm $K' write:error=ENOSPC:when=\$nth 1 \
  'ipcclean: write error: No space left on device' \
  'T ipcclean' '' \
  . '^write\(1,'
row ipcclean 'key_ K; obj_create_ shm $K' openat:error=EMFILE:when=\$nth 1 \
  "ipcclean: cannot read '/proc/sysvipc/shm': Too many open files
ipcclean: * objects: *" \
  'T ipcclean' '' \
  . '^openat\(AT_FDCWD, "/proc/sysvipc/shm",'
# The /proc scan cut short (readdir fails): no verdict, nothing removed.
row ipcclean 'key_ K; obj_create_ msg $K' getdents64:error=ENOMEM:when=\$nth 1 \
  "ipcclean: cannot scan '/proc': Cannot allocate memory" \
  'T ipcclean --older-than 0 --remove' 'obj_exists_ msg $K && compare /dev/null out' \
  '^openat\(AT_FDCWD, "/proc",' '^getdents64\('
# A listing of /dev/shm cut short the same way: said, status 1.
row ipcclean 'name_ N; obj_create_ pshm $N' getdents64:error=ENOMEM:when=\$nth 1 \
  "ipcclean: cannot read '/dev/shm': Cannot allocate memory
ipcclean: * objects: *" \
  'T ipcclean' 'obj_exists_ pshm $N' \
  '^openat\(AT_FDCWD, "/dev/shm",' '^getdents64\('

Exit $fail
