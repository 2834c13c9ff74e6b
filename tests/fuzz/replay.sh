#!/bin/bash
# Every fuzz harness, built with the ordinary compiler and the driver of
# tests/fuzz/driver.cc, over its seed corpus and its regression inputs
# (findings of make fuzz, kept after the fix): each must pass every
# invariant (an abort fails here) and, in the sanitizer build, be clean.
. "$abs_top_srcdir/tests/init.sh"
fail=0

fuzz=$abs_top_srcdir/tests/fuzz
harnesses=$(cd "$fuzz/corpus" && ls) || framework_failure_ "no corpus"
test -n "$harnesses" || framework_failure_ "empty corpus"

for h in $harnesses; do
  prog=$abs_top_builddir/tests/fuzz/fuzz_$h
  test -x "$prog" || { warn_ "$ME_: no harness $prog"; fail=1; continue; }
  dirs=$fuzz/corpus/$h
  test -d "$fuzz/regress/$h" && dirs="$dirs $fuzz/regress/$h"
  want=$(find $dirs -type f ! -name '.*' | wc -l)
  # shellcheck disable=SC2086
  returns_ 0 "$prog" $dirs >out 2>err || { cat err >&2; fail=1; continue; }
  compare_text out "$want inputs" || fail=1
  compare /dev/null err || fail=1
done

Exit $fail
