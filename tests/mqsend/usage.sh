#!/bin/bash
# Usage errors of mqsend and mqrecv (shared selector and creation options,
# and each program's own): status 2, the exact diagnostic, nothing written
# to stdout, and no queue created.  Over-long string arguments never kill.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/mqsend/mq-lib.sh"
fail=0

try_line_=yes
# check_ 'DIAGNOSTIC' PROG ARG...: PROG ARG... exits 2 with exactly
# "PROG: DIAGNOSTIC" (and the "Try" line when try_line_=yes) on stderr.
check_() {
  local diag=$1; shift
  returns_ 2 timeout_ "$@" </dev/null >out 2>err || { warn_ "case: $*"; fail=1; return; }
  compare /dev/null out || fail=1
  if test $try_line_ = yes; then
    compare_text err "$1: $diag" "Try '$1 --help' for more information." || fail=1
  else
    compare_text err "$1: $diag" || fail=1
  fi
}

long_name=/$(printf 'x%.0s' {1..256})
before_q=$(nqueues_)

for prog in mqsend mqrecv; do
  # Selector and creation options: usage_error, with the "Try" line.
  try_line_=yes
  check_ 'missing --key, --key-file, --id or --name' $prog
  check_ 'missing --key, --key-file, --id or --name' $prog -c -m 600
  check_ 'options --key and --name are mutually exclusive' $prog -k 1 -n /q
  check_ 'options --key and --id are mutually exclusive' $prog --key=1 --id=3
  check_ 'options --key-file and --key are mutually exclusive' $prog -f x -k 1
  check_ 'options --id and --name are mutually exclusive' $prog -i 1 --name /q
  check_ 'option --proj needs --key-file' $prog -j 1 -k 1
  check_ 'option --proj needs --key-file' $prog --proj=A -n /q
  check_ 'option --mode needs --create' $prog -k 1 -m 600
  check_ 'option --allow-foreign needs --create' $prog -k 1 --allow-foreign
  check_ 'option --create needs --key, --key-file or --name, not --id' $prog -i 1 -c
  check_ 'option --create needs --key, --key-file or --name, not --id' $prog -i 1 -x
  check_ 'option --max-messages applies only to POSIX queues (--name)' $prog -k 1 -c --max-messages 5
  check_ 'option --message-size applies only to POSIX queues (--name)' $prog -f x -c --message-size 5
  check_ 'option --max-messages needs --create' $prog -n /q --max-messages 5
  check_ 'option --message-size needs --create' $prog -n /q --message-size 1K
  check_ 'option --type applies only to System V queues' $prog -n /q -t 2
  check_ 'options --raw and --zero-terminated are mutually exclusive' $prog -k 1 -r -z
  check_ "unrecognized option '--bogus'" $prog -k 1 --bogus
  check_ "invalid option -- '/'" $prog -k 1 -/
  check_ "option requires an argument -- 'k'" $prog -k

  # Values: the parsers' diagnostics, without the "Try" line.
  try_line_=no
  check_ 'key 0 (IPC_PRIVATE) cannot name a shared object' $prog -k 0
  check_ 'key 0 (IPC_PRIVATE) cannot name a shared object' $prog -c -k 0x0
  for name in foo / /a/b /. /.. "$long_name" ''; do
    check_ "invalid POSIX name '$name': it must be '/' followed by 1 to 255 bytes, none of them '/'" \
      $prog -n "$name"
  done
  check_ "invalid key: '0x1ffffffff': larger than 32 bits" $prog -k 0x1ffffffff
  check_ "invalid key: 'abc'" $prog -k abc
  check_ "invalid key: '-1'" $prog -k -1
  check_ "invalid key: '08'" $prog -k 08
  check_ "invalid project id: '0': must be a number from 1 to 255 or one character" $prog -f x -j 0
  check_ "invalid project id: '256': must be a number from 1 to 255 or one character" $prog -f x -j 256
  check_ "invalid project id: 'AB': must be a number from 1 to 255 or one character" $prog -f x -j AB
  check_ "invalid id: '-5': must be between 0 and 2147483647" $prog -i -5
  check_ "invalid id: 'abc'" $prog -i abc
  check_ "invalid id: '2147483648': must be between 0 and 2147483647" $prog -i 2147483648
  for mode in 999 0x1ff abc; do
    check_ "invalid mode: '$mode': not an octal mode between 0 and 0777" $prog -k 1 -c -m $mode
  done
  check_ "invalid mode: '10000': not an octal mode between 0 and 0777" $prog -k 1 -c -m 10000
  check_ "invalid number of messages: '0': must be between 1 and 2147483647" \
    $prog -n /q -c --max-messages 0
  check_ "invalid message size: '1Q': invalid suffix" $prog -n /q -c --message-size 1Q
  check_ "invalid message size: '-1': must be at least 1" $prog -n /q -c --message-size -1
  check_ "invalid message size: '4G': value too large" $prog -n /q -c --message-size 4G
  for t in abc '' -1 ' 1' nan 1.5.2 '5 s' inf; do
    check_ "invalid timeout: '$t'" $prog -k 1 -w "$t"
  done
  check_ "invalid timeout: '42D': invalid suffix" $prog -k 1 --timeout=42D
done
# mqsend's own options.
try_line_=yes
check_ 'option --priority applies only to POSIX queues (--name)' mqsend -k 1 -p 3
check_ 'option --raw applies to standard input: give no MESSAGE' mqsend -k 1 -r msg
check_ 'option --zero-terminated applies to standard input: give no MESSAGE' mqsend -k 1 -z msg
try_line_=no
check_ "invalid message type: '0': must be between 1 and 9223372036854775807" mqsend -k 1 -t 0
check_ "invalid message type: '-3': must be between 1 and 9223372036854775807" mqsend -k 1 -t -3
check_ "invalid priority: '32768': must be between 0 and 32767" mqsend -n /q -p 32768
check_ "invalid priority: '-1': must be between 0 and 32767" mqsend -n /q -p -1

# mqrecv's own options.
try_line_=yes
check_ 'option --except needs --type with a type of 1 or more' mqrecv -k 1 -e
check_ 'option --except needs --type with a type of 1 or more' mqrecv -k 1 -e -t 0
check_ 'option --except needs --type with a type of 1 or more' mqrecv -k 1 --except --type=-2
check_ 'option --except applies only to System V queues' mqrecv -n /q -e
check_ 'options --all and --count are mutually exclusive' mqrecv -k 1 -a -N 1
check_ 'options --all and --timeout are mutually exclusive' mqrecv -k 1 -a -w 1
check_ "extra operand 'extra'" mqrecv -k 1 extra
try_line_=no
check_ "invalid count: '0': must be between 1 and 18446744073709551615" mqrecv -k 1 -N 0
check_ "invalid count: 'abc'" mqrecv -k 1 -N abc
check_ "invalid message type: 'abc'" mqrecv -k 1 -t abc
check_ "invalid message type: '9223372036854775808': must be between -9223372036854775807 and 9223372036854775807" \
  mqrecv -k 1 -t 9223372036854775808

# Nothing above created a queue.
test "$(nqueues_)" = "$before_q" || { warn_ "a queue was created"; fail=1; }
if test -n "$mqueue_dir"; then
  compare /dev/null <(ls -A "$mqueue_dir") || fail=1
fi

# 4 KiB and 128 KiB values of every string option: a clean 1 or 2, never a
# death by signal (RELIABILITY 13).
# (131071: the longest single argument exec accepts, MAX_ARG_STRLEN - 1.)
for len in 4096 131071; do
  big=$(head -c $len /dev/zero | tr '\0' 'a')
  for prog in mqsend mqrecv; do
    for opt in -k -f -j -i -n -m -w --max-messages --message-size; do
      timeout_ $prog -c $opt "$big" </dev/null >/dev/null 2>err
      st=$?
      case $st in 1|2) ;; *) warn_ "$prog $opt <$len bytes>: status $st"; fail=1 ;; esac
      test "$(wc -l < err)" -le 2 || { warn_ "$prog $opt: long diagnostic"; fail=1; }
    done
  done
done

Exit $fail
