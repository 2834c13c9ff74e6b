#!/bin/bash
# Every built program: --help and --version work, report write errors
# instead of losing output, and reject unknown options with status 2
# (coreutils' help-version.sh and usage_vs_getopt.sh, in one table).
. "$abs_top_srcdir/tests/init.sh"
fail=0

test -n "$built_programs" || framework_failure_ "built_programs is empty"

for prog in $built_programs; do
  # --help: usage on stdout, nothing on stderr, status 0.
  returns_ 0 "$prog" --help >out 2>err || fail=1
  head -n 1 out | grep -q "^Usage: $prog " || { warn_ "$prog --help: bad first line"; fail=1; }
  grep -q '^Exit status:$' out || { warn_ "$prog --help: no Exit status block"; fail=1; }
  compare /dev/null err || fail=1

  # --version: the GNU first line, status 0.
  returns_ 0 "$prog" --version >out 2>err || fail=1
  head -n 1 out > line1
  compare_text line1 "$prog (ipcutils) $PACKAGE_VERSION" || fail=1
  compare /dev/null err || fail=1

  # Output that cannot be written is an error, never silently lost.
  for opt in --help --version; do
    returns_ 1 "$prog" $opt >/dev/full 2>err || fail=1
    compare_text err "$prog: write error: No space left on device" || fail=1
    returns_ 1 "$prog" $opt >&- 2>err || fail=1
    compare_text err "$prog: write error: Bad file descriptor" || fail=1
  done

  # Unknown options: getopt's message plus the pointer to --help.
  returns_ 2 "$prog" -/ >out 2>err || fail=1
  compare /dev/null out || fail=1
  compare_text err "$prog: invalid option -- '/'" \
    "Try '$prog --help' for more information." || fail=1
  returns_ 2 "$prog" --thisoptiondoesnotexist >out 2>err || fail=1
  compare_text err "$prog: unrecognized option '--thisoptiondoesnotexist'" \
    "Try '$prog --help' for more information." || fail=1

  # Every long option that --help documents is one getopt knows: followed
  # by --help it either shows the help or takes "--help" as its argument;
  # then an unknown option stops the program before it does anything (a
  # sigcatch --format would otherwise wait for signals).  Never is the
  # option itself unrecognized.
  "$prog" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u > opts
  test -s opts || { warn_ "$prog: no options found in --help"; fail=1; }
  while read -r opt; do
    case $opt in --help|--version) continue ;; esac
    timeout_ "$prog" "$opt" --help --no-such-option </dev/null >out 2>err
    if grep -q "unrecognized option '$opt'" err; then
      warn_ "$prog: --help lists $opt but getopt does not know it"; fail=1
    fi
  done < opts
done

Exit $fail
