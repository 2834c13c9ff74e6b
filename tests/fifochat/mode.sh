#!/bin/bash
# --create makes FIFOs with exactly --mode (default 0600), whatever the
# umask, and --remove removes only what this run made.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

for mask in 000 077 022; do
  rm -f a b
  (umask $mask; returns_ 3 fifochat -c --nonblock a b < /dev/null 2> /dev/null) || fail=1
  test "$(fifo_mode_ a) $(fifo_mode_ b)" = '600 600' \
    || { warn_ "umask $mask: modes $(fifo_mode_ a) $(fifo_mode_ b)"; fail=1; }
  rm -f a b
  (umask $mask; returns_ 3 fifochat -c -m 0640 --nonblock a b < /dev/null 2> /dev/null) || fail=1
  test "$(fifo_mode_ a) $(fifo_mode_ b)" = '640 640' \
    || { warn_ "umask $mask, -m 0640: modes $(fifo_mode_ a) $(fifo_mode_ b)"; fail=1; }
done

# An existing FIFO keeps its mode, and --remove leaves it alone.
rm -f a b
mkfifo -m 620 a
returns_ 3 fifochat -c --remove -m 0600 --nonblock a b < /dev/null 2> /dev/null || fail=1
test -p a && test "$(fifo_mode_ a)" = 620 || fail=1
test ! -e b || fail=1

# Bad modes are usage errors.
returns_ 2 fifochat -c -m 888 a b 2> err || fail=1
compare_text err "fifochat: invalid mode: '888': not an octal mode between 0 and 0777" || fail=1

Exit $fail
