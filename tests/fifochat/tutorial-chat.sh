#!/bin/bash
# The tutorial's chat_A and chat_B (tests/helpers/chat_A.c, chat_B.c) open
# their sending FIFO first, so two of them deadlock.  fifochat talks to
# either, in either role, whichever starts first, and the messages arrive
# both ways.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

helpers=$abs_top_builddir/tests/helpers
for h in chat_A chat_B; do
  test -x "$helpers/$h" || skip_ "build the C peers first: make tests/helpers/$h"
done

# The C program takes a line, sends it, waits for one answer, and so on;
# fifochat sends its one line at once and prints what comes with the
# tutorial's "A: " / "B: " prefix.
# chat ROLE FIRST: run chat_ROLE against fifochat in the other role; FIRST
# (c or f) says who starts, the other starting only once the first waits
# in open().
chat() {
  local role=$1 first=$2 other send recv cpid fpid
  if test "$role" = A; then
    other=B send=fifo_BtoA recv=fifo_AtoB
  else
    other=A send=fifo_AtoB recv=fifo_BtoA
  fi
  rm -f fifo_AtoB fifo_BtoA && mkfifo -m 600 fifo_AtoB fifo_BtoA \
    || framework_failure_ "mkfifo"
  printf 'Hello %s!\nBye\n' "$other" > c.in
  printf 'Hello %s!\n' "$role" > f.in
  if test "$first" = c; then
    timeout_ "$helpers/chat_$role" < c.in > c.out 2> c.err & cpid=$!
    wait_open_blocked_ $cpid || fail=1
    timeout_ fifochat -p "$role: " $send $recv < f.in > f.out 2> f.err & fpid=$!
  else
    timeout_ fifochat -p "$role: " $send $recv < f.in > f.out 2> f.err & fpid=$!
    wait_open_blocked_ $fpid || fail=1
    timeout_ "$helpers/chat_$role" < c.in > c.out 2> c.err & cpid=$!
  fi
  wait $cpid || { warn_ "chat_$role ($first first) failed"; fail=1; }
  wait $fpid || { warn_ "fifochat ($first first) failed"; fail=1; }
  # chat_X saw fifochat's line after its first one, then found the end of
  # its input; fifochat printed both of its lines, then saw the end.
  printf '=== Chat %s ready ===\n%s: %s: Hello %s!\n%s: ' \
    "$role" "$role" "$other" "$role" "$role" > c.exp
  compare c.exp c.out || { warn_ "chat_$role output ($first first)"; fail=1; }
  compare_text f.out "$role: Hello $other!" "$role: Bye" || fail=1
  compare /dev/null c.err || fail=1
  compare /dev/null f.err || fail=1
}

for role in A B; do
  for first in c f; do
    chat $role $first
  done
done

Exit $fail
