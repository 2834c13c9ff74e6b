#!/bin/bash
# A POSIX object is a file anyone with write access may shrink at any
# time.  Shrunk under shmget while it copies out (text or raw, with or
# without --lock), or under shmput, gives a clean error -- never a SIGBUS
# crash -- and the data already copied is what was there.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

shrink=$abs_top_builddir/tests/helpers/shm_posix
test -x "$shrink" || skip_ "build the C peers first: make check_PROGRAMS"
name_ n

# shmget writes into a pipe whose reader takes one byte, then shrinks the
# object, then reads the rest.  The pipe holds far less than the object,
# so shmget is still copying when the object shrinks, whatever the speed.
for mode in -r '' '-r --lock' '-r -l 3M'; do
  bytes_ 4M 141 | shmput -c -n $n || fail=1
  timeout_ shmget -n $n $mode 2>err \
    | { head -c 1 > first; "$shrink" shrink $n 4096; cat > rest; }
  st=${PIPESTATUS[0]}
  case $mode in
    *--lock*)
      # The copy was made under the lock, before the reader woke: whole.
      test $st = 0 || { warn_ "--lock: status $st"; fail=1; }
      cat first rest | cmp - <(bytes_ 4M 141) || fail=1 ;;
    *)
      test $st = 1 || { warn_ "shmget $mode: status $st, expected 1"; fail=1; }
      compare_text err "shmget: cannot read POSIX shared memory object '$n': another process made it smaller" || fail=1
      size=$(cat first rest | wc -c)
      test $size -lt 4194304 || { warn_ "shmget $mode: $size bytes out"; fail=1; }
      cat first rest | cmp - <(bytes_ $size 141) || fail=1 ;;
  esac
  rm -f /dev/shm$n
done

# Shrunk before a read starts: the range is checked against the size at
# open, and pread finds the end.
bytes_ 8192 141 | shmput -c -n $n || fail=1
"$shrink" shrink $n 100 || fail=1
shmget -n $n -r -l 100 > out || fail=1
cmp out <(bytes_ 100 141) || fail=1

# shmput: pwrite checks the size first, so it never grows the object
# back; read() into the mapping past the new end is EFAULT, not SIGBUS.
# (1) From a pipe: shmput maps the object, then reads its input; the
# object shrinks in between.
rm -f /dev/shm$n
shmput -c -s 1M -n $n < /dev/null || fail=1
mkfifo in.fifo || framework_failure_ "mkfifo"
shmput -n $n -o 8K < in.fifo 2>err & pid=$!
exec 5> in.fifo
for ((i = 0; i < 1000; i++)); do
  grep -q "/dev/shm$n" /proc/$pid/maps 2>/dev/null && break
  sleep 0.01
done
"$shrink" shrink $n 4096 || fail=1
printf 'data' >&5
exec 5>&-
returns_ 1 wait $pid || fail=1
compare_text err "shmput: cannot write to POSIX shared memory object '$n': another process made it smaller" || fail=1
test "$(stat -c %s /dev/shm$n)" = 4096 || { warn_ "grew back: $(stat -c %s /dev/shm$n)"; fail=1; }

# (2) From a file, with --lock: shmput waits for the lock (held by the C
# peer) with the object mapped; it shrinks; the lock is given back.
bytes_ 1M 141 > in
rm -f /dev/shm$n
shmput -c -s 1M -n $n < /dev/null || fail=1
"$shrink" hold $n < in.fifo > held & holder=$!
exec 5> in.fifo
wait_for_file_ held || fail=1
shmput -n $n --lock in 2>err 5>&- & pid=$!
for ((i = 0; i < 1000; i++)); do
  case $(cat /proc/$pid/wchan 2>/dev/null) in *futex*) break ;; esac
  sleep 0.01
done
"$shrink" shrink $n 4096 || fail=1
exec 5>&-
wait $holder || fail=1
returns_ 1 wait $pid || fail=1
compare_text err "shmput: cannot write to POSIX shared memory object '$n': another process made it smaller" || fail=1
test "$(stat -c %s /dev/shm$n)" = 4096 || { warn_ "grew back: $(stat -c %s /dev/shm$n)"; fail=1; }
# The lock was given back.
shmget -n $n --lock --nonblock -l 0 > out || fail=1

Exit $fail
