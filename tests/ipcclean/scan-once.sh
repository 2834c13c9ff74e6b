#!/bin/bash
# One read of each /proc/sysvipc table and one scan of /proc per run: the
# files ipcclean opens do not grow with the number of objects (the
# semaphore counts come from semctl, the rest from the tables and the one
# scan).
. "$abs_top_srcdir/tests/ipcclean/lib.sh"
require_prog_ strace
require_prog_ ipcmk
fail=0

# opens_: the files one dry run opens, as "NAME" (relative to /proc or to
# a /proc/PID directory) or an absolute path, sorted.
# (LeakSanitizer cannot run under ptrace: off for a sanitizer build.)
opens_() {
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -qq -e trace=open,openat -e signal=none -o trace ipcclean --older-than=0 \
    >/dev/null 2>&1 || { warn_ "ipcclean failed under strace"; fail=1; }
  sed -n 's/.*open[at]*([^"]*"\([^"]*\)".*/\1/p' trace | grep -v -e '^/etc/' -e '^/usr/' -e '^/lib' \
    | sed 's|^[0-9][0-9]*$|PID|' | sort
}
ipcmk -M 100 >/dev/null && ipcmk -S 1 >/dev/null && ipcmk -Q >/dev/null \
  && ipc-holder create-pshm /one || framework_failure_ "objects"
opens_ > few
for i in $(seq 30); do
  ipcmk -M 100 >/dev/null && ipcmk -S 2 >/dev/null && ipcmk -Q >/dev/null \
    && ipc-holder create-pshm /many$i || framework_failure_ "objects"
done
opens_ > many
compare few many || fail=1
for t in msg sem shm; do
  test "$(grep -c "^/proc/sysvipc/$t\$" many)" = 1 || { warn_ "$t read more than once"; fail=1; }
done

Exit $fail
