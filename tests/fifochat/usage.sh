#!/bin/bash
# Bad command lines: status 2, one line saying what is wrong, the pointer
# to --help, and nothing created.
. "$abs_top_srcdir/tests/init.sh"
fail=0
try="Try 'fifochat --help' for more information."

check() {
  local msg=$1; shift
  returns_ 2 fifochat "$@" < /dev/null > out 2> err || fail=1
  compare_text err "fifochat: $msg" "$try" || fail=1
  compare /dev/null out || fail=1
}

check 'missing operands SEND_FIFO and RECEIVE_FIFO'
check "missing operand RECEIVE_FIFO after 'a'" -c a
check "extra operand 'c'" a b c
check 'SEND_FIFO and RECEIVE_FIFO must be two different FIFOs' a a
check 'option --mode needs --create' -m 600 a b
check 'option --remove needs --create' --remove a b
check 'option --count needs records: it cannot be used with --raw' -r -N 1 a b
check 'option --prefix needs records: it cannot be used with --raw' --raw -p x a b
returns_ 2 fifochat -N 0 a b 2> err || fail=1
compare_text err "fifochat: invalid count: '0': must be between 1 and $(getconf ULONG_MAX)" || fail=1
test -z "$(find . -type p)" || { warn_ "a FIFO was made"; fail=1; }

Exit $fail
