#!/bin/bash
# run-fuzzers.sh SRCDIR BINDIR WORKDIR HARNESS...: make fuzz.  Runs each
# libFuzzer harness BINDIR/fuzz_HARNESS for FUZZ_TIME seconds (default
# 60) on a copy of its seed corpus and regression inputs (SRCDIR/corpus
# and SRCDIR/regress), in WORKDIR/HARNESS, so the source tree is never
# written.  A crash, a sanitizer report, a timeout (one input running more
# than 60 s) or running out of memory is a finding: its input is left in
# WORKDIR/HARNESS/findings and the run fails.  Exits 0 when nothing was
# found.
set -u
src=$1 bin=$2 work=$3
shift 3
time=${FUZZ_TIME:-60}
case $time in
  '' | *[!0-9]*) echo "run-fuzzers.sh: FUZZ_TIME must be a number of seconds" >&2; exit 2 ;;
esac

failed=
for h in "$@"; do
  dir=$work/$h
  rm -rf "$dir"
  mkdir -p "$dir/corpus" "$dir/findings" || exit 1
  for seeds in "$src/corpus/$h" "$src/regress/$h"; do
    if test -d "$seeds"; then cp "$seeds"/* "$dir/corpus/" 2>/dev/null || :; fi
  done
  echo "fuzz_$h: $time s from $(ls "$dir/corpus" | wc -l) seeds"
  # -timeout is per input and generous: a hang, not a slow machine.
  "$bin/fuzz_$h" -max_total_time="$time" -timeout=60 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$dir/findings/" \
    "$dir/corpus" >"$dir/log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
  found=$(ls "$dir/findings")
  if test $status -ne 0 || test -n "$found"; then
    echo "fuzz_$h: FINDING (status $status) after ${runs:-?} runs; the end of $dir/log:"
    tail -n 40 "$dir/log"
    for f in $found; do
      echo "fuzz_$h: input $dir/findings/$f: fix the cause, then keep it as"
      echo "  tests/fuzz/regress/$h/$f (make check replays it)"
    done
    failed="$failed $h"
  else
    echo "fuzz_$h: ok, ${runs:-?} runs, corpus grew to $(ls "$dir/corpus" | wc -l)"
  fi
done

if test -n "$failed"; then
  echo "make fuzz: findings in:$failed"
  exit 1
fi
echo "make fuzz: no findings in $# harnesses"
