#!/bin/bash
# Records: lines by default (a NUL from a C peer ends one too), -z
# NUL-terminated, -r raw bytes both ways.  Records that fit in PIPE_BUF
# leave in one write() each, several to a write but never split, so they
# cannot interleave with another writer's.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

mkfifo -m 600 a b || framework_failure_ "mkfifo"

# recv ARGS... < INPUT: what "fifochat ARGS a b" prints when a plain
# writer sends INPUT on b (and reads nothing).
recv() {
  cat a > /dev/null & local cpid=$!
  timeout_ fifochat "$@" a b < /dev/null > got 2> err & local fpid=$!
  cat > b
  wait $fpid || fail=1
  wait $cpid
  compare /dev/null err || fail=1
}

# Text mode: newline and NUL end records; a NUL after a line end (a C
# string "text\n" sent with its terminator, or padding) makes no line; a
# last record without terminator is finished.
printf 'one\ntwo\0three\n\0\0four' | recv
printf 'one\ntwo\nthree\nfour\n' > exp
compare exp got || fail=1
printf 'a\n\nb\n' | recv -p '> '
compare_text got '> a' '> ' '> b' || fail=1

# -z: only NUL ends a record; newlines are data.
printf 'x\ny\0z' | recv -z -p 'P:'
printf 'P:x\ny\0P:z\0' > exp
compare exp got || fail=1

# -r: the exact bytes, both ways.
head -c 300000 /dev/urandom > blob_a || framework_failure_ "urandom"
head -c 200000 /dev/urandom > blob_b || framework_failure_ "urandom"
timeout_ fifochat -r a b < blob_a > got_a & apid=$!
timeout_ fifochat -r b a < blob_b > got_b || fail=1
wait $apid || fail=1
compare blob_b got_a || fail=1
compare blob_a got_b || fail=1

# Sending: every write of 10-byte lines carries whole lines, 409 of them
# (4090 bytes, the most that fit in PIPE_BUF = 4096); a 10 000-byte line
# goes whole in one write of its own (it cannot be atomic anyway).
if command -v strace > /dev/null; then
  { seq -f '%08g.' 1 2000; head -c 9999 /dev/zero | tr '\0' x; echo; seq -f '%08g.' 1 3; } > lines
  timeout_ sh -c ': > b' & cpid=$!  # a peer that sends nothing
  # LeakSanitizer cannot run under a tracer (sanitizer builds).
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 timeout_ strace -o trace -e trace=write -e signal=none \
    fifochat a b < lines > /dev/null 2> err & fpid=$!
  cat a > received
  wait $fpid || fail=1
  wait $cpid
  compare lines received || fail=1
  # The FIFO is the first descriptor written to.
  fd=$(sed -n 's/^write(\([0-9]*\),.*/\1/p' trace | head -n 1)
  sed -n "s/^write($fd, .*) = \([0-9]*\)\$/\1/p" trace > sizes
  # 2000 lines: four writes of 409, one of 364; then the long line; then 3.
  printf '%s\n' 4090 4090 4090 4090 3640 10000 30 > exp
  compare exp sizes || { warn_ "write sizes:"; cat sizes >&2; fail=1; }
fi

Exit $fail
