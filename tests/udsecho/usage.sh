#!/bin/bash
# Bad operands and options: status 2, one diagnostic, nothing created.
. "$abs_top_srcdir/tests/init.sh"
fail=0

try_() {  # try_ EXPECTED-STDERR-LINE ARG...
  local exp=$1; shift
  returns_ 2 udsecho "$@" >out 2>err || fail=1
  compare /dev/null out || fail=1
  printf '%s\n' "$exp" > exp
  compare exp err || fail=1
}
try_help_() {
  local exp=$1; shift
  returns_ 2 udsecho "$@" >out 2>err || fail=1
  printf '%s\n' "$exp" "Try 'udsecho --help' for more information." > exp
  compare exp err || fail=1
}

# sun_path holds 107 bytes and a NUL: 107 is fine, 108 is refused whole,
# never truncated (RELIABILITY 53).
p107=$(printf 'a%.0s' $(seq 107))
p108=${p107}b
try_ "udsecho: socket address too long: '$p108': 108 bytes, the limit is 107" -l "$p108"
try_ "udsecho: socket address too long: '@$p108': 108 bytes, the limit is 107" "@$p108"
test -e "$p108" && { warn_ "created $p108"; fail=1; }
test -e "$p107" && { warn_ "created $p107"; fail=1; }
returns_ 3 timeout_ udsecho -l -w 0 "$p107" >out 2>err || fail=1
compare /dev/null err || fail=1
test -e "$p107" && { warn_ "left $p107 behind"; fail=1; }

try_ "udsecho: invalid socket address: ''" -l ''
try_ "udsecho: invalid socket address: '@'" '@'
try_ "udsecho: invalid socket type: 'raw' (use stream, dgram or seqpacket)" -t raw s
try_ "udsecho: invalid mode: '888': not an octal mode between 0 and 0777" -l -m 888 s
try_ "udsecho: invalid count: '0': must be between 1 and $(getconf ULONG_MAX)" -l -N 0 s
try_ "udsecho: invalid user ID: 'bob'" -l --allow-uid=0,bob s
try_ "udsecho: invalid number of clients: '0': must be between 1 and 1048576" -l --max-clients=0 s
try_help_ "udsecho: missing socket operand" -l
try_help_ "udsecho: option --mode needs --listen" -m 600 s
try_help_ "udsecho: option --count needs --listen" -N 1 s
try_help_ "udsecho: option --raw is for the client, not with --listen" -l -r s
try_help_ "udsecho: extra operand 'x'" -l s x
test -z "$(find . -type s)" || { warn_ "sockets left: $(find . -type s)"; fail=1; }

Exit $fail
