#!/bin/bash
# --help and --version: status 0, the usage line and every option on
# stdout (help2man builds the man page from it); a write error is status 1.
. "$abs_top_srcdir/tests/init.sh"
fail=0

returns_ 0 timeout_ sigcatch --help >out 2>err || fail=1
compare /dev/null err || fail=1
test "$(head -n 1 out)" = "Usage: sigcatch [OPTION]... [SIGNAL]..." || fail=1
for opt in '-N, --count=N' '-w, --timeout=DURATION' '--nonblock' \
           '-p, --pid-file=FILE' '-F, --format=FORMAT' '-q, --quiet' \
           '-l, --list' '--help' '--version' 'Exit status:'; do
  grep -qF -- "$opt" out || { warn_ "--help does not mention $opt"; fail=1; }
done
for directive in %n %N %p %u %v %c %t %%; do
  grep -qE "^  $directive " out || { warn_ "--help does not explain $directive"; fail=1; }
done

returns_ 0 timeout_ sigcatch --version >out 2>err || fail=1
compare /dev/null err || fail=1
test "$(head -n 1 out)" = "sigcatch (ipcutils) $PACKAGE_VERSION" || fail=1

for opt in --help --version; do
  returns_ 1 timeout_ sigcatch $opt >/dev/full 2>err || fail=1
  compare_text err "sigcatch: write error: No space left on device" || fail=1
done

Exit $fail
