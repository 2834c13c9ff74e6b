#!/bin/bash
# The tutorial's writer (tests/helpers/fifo_writer.c) sends "Hello via
# FIFO!" with its terminating NUL and no newline: fifochat prints it as
# one line, and --raw shows the exact bytes.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

writer=$abs_top_builddir/tests/helpers/fifo_writer
test -x "$writer" || skip_ "build the C peers first: make tests/helpers/fifo_writer"

# fifochat receives on the tutorial's "myfifo"; its own sending FIFO is
# read by cat.  The writer starts first (it makes myfifo, 0666 as in the
# tutorial, and waits in open() for a reader).
mkfifo -m 600 out || framework_failure_ "mkfifo"
timeout_ "$writer" & wpid=$!
wait_open_blocked_ $wpid || fail=1
timeout_ cat out > sent & cpid=$!
returns_ 0 timeout_ fifochat -p 'writer: ' out myfifo < /dev/null > got 2> err || fail=1
wait $wpid || fail=1
wait $cpid || fail=1
compare_text got 'writer: Hello via FIFO!' || fail=1
compare /dev/null err || fail=1
compare /dev/null sent || fail=1

# fifochat first this time (myfifo exists now), waiting for data, and in
# raw mode: the NUL is there.
timeout_ cat out > /dev/null & cpid=$!
timeout_ fifochat -r out myfifo < /dev/null > got 2> err & fpid=$!
wait_polling_ $fpid || fail=1
"$writer" 'second' || fail=1
wait $fpid || fail=1
wait $cpid || fail=1
printf 'second\0' > exp
compare exp got || fail=1
compare /dev/null err || fail=1

Exit $fail
