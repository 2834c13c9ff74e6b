#!/bin/bash
# What shmget prints: text up to the first NUL and a newline by default,
# exact bytes with -r, a range with -o/-l; and what happens when it cannot
# be written: /dev/full and a closed stdout give status 1 and "write error",
# a closed pipe kills it by SIGPIPE like cat (or status 1 when SIGPIPE is
# ignored), and --remove never removes a segment whose copy out failed.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

key_ k
name_ n
for sel in "-k $k" "-n $n"; do
  printf 'first\0second\0' | shmput -c -s 64 $sel || fail=1
  shmget $sel > out || fail=1
  compare_text out first || fail=1
  shmget $sel -o 6 > out || fail=1
  compare_text out second || fail=1
  shmget $sel -o 2 -l 2 > out || fail=1
  compare_text out rs || fail=1
  shmget $sel -o 64 > out || fail=1
  compare_text out '' || fail=1
  shmget $sel -r -o 3 -l 6 > out || fail=1
  printf 'st\0sec' | cmp - out || fail=1
  shmget $sel -r -l 0 > out || fail=1
  compare /dev/null out || fail=1
  # No NUL in the range: all of it, and the newline.
  bytes_ 64 141 | shmput $sel || fail=1
  shmget $sel > out || fail=1
  compare_text out "$(bytes_ 64 141)" || fail=1

  # Write errors, in both modes, with --remove: the segment stays.
  for mode in '' -r; do
    returns_ 1 shmget $sel $mode --remove >/dev/full 2>err || fail=1
    compare_text err "shmget: write error: No space left on device" || fail=1
    returns_ 1 shmget $sel $mode --remove >&- 2>err || fail=1
    compare_text err "shmget: write error: Bad file descriptor" || fail=1
    returns_ 1 shmget $sel $mode --lock --remove >/dev/full 2>err || fail=1
    compare_text err "shmget: write error: No space left on device" || fail=1
  done
  shmget $sel -r | cmp - <(bytes_ 64 141) || { warn_ "segment gone: $sel"; fail=1; }
done

# A closed pipe: a FIFO opened by a reader that then exits.
mkfifo fifo || framework_failure_ "mkfifo"
closed_pipe_() { (exec 3<fifo) & exec 4>fifo; wait; }
for sel in "-k $k" "-n $n"; do
  for lock in '' --lock; do
    closed_pipe_
    timeout_ shmget $sel $lock --remove >&4 2>err
    st=$?
    exec 4>&-
    test $st = 141 || { warn_ "closed pipe: status $st ($sel $lock)"; fail=1; }
    compare /dev/null err || fail=1
    closed_pipe_
    (trap '' PIPE; timeout_ shmget $sel $lock --remove >&4 2>err)
    st=$?
    exec 4>&-
    test $st = 1 || { warn_ "ignored SIGPIPE: status $st ($sel $lock)"; fail=1; }
    compare_text err "shmget: write error: Broken pipe" || fail=1
  done
  shmget $sel -r | cmp - <(bytes_ 64 141) || { warn_ "segment gone: $sel"; fail=1; }
done

# A big segment into a pipe that closes early: still SIGPIPE, no crash.
key_ big
head -c 10M /dev/zero | shmput -c -k $big || fail=1
timeout_ shmget -k $big -r | head -c 1 > /dev/null
test "${PIPESTATUS[0]}" = 141 || { warn_ "| head: status ${PIPESTATUS[0]}"; fail=1; }

Exit $fail
