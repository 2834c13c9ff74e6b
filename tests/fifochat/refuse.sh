#!/bin/bash
# A path that is not a FIFO, is a symbolic link (even to a FIFO), or is
# another user's FIFO is refused with status 1 before anything is created
# or opened; the file behind it is untouched.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/fifochat/lib.sh"
fail=0

mkfifo -m 600 real || framework_failure_ "mkfifo"
ln -s real link_to_fifo
printf 'precious\n' > precious
cp precious precious.orig
ln -s precious link_to_file
mkdir dir
printf 'data\n' > regular

# check PATH MESSAGE: refused as SEND_FIFO and as RECEIVE_FIFO, with and
# without --create, and the FIFO that --create would have made for the
# other operand was not made.
check() {
  local path=$1 msg=$2
  returns_ 1 timeout_ fifochat "$path" other < /dev/null > out 2> err || fail=1
  compare_text err "$msg" || fail=1
  returns_ 1 timeout_ fifochat -c other "$path" < /dev/null > out 2> err || fail=1
  compare_text err "$msg" || fail=1
  returns_ 1 timeout_ fifochat -c "$path" other < /dev/null > out 2> err || fail=1
  compare_text err "$msg" || fail=1
  compare /dev/null out || fail=1
  test ! -e other || { warn_ "'other' was created despite $path"; rm -f other; fail=1; }
}

check link_to_fifo "fifochat: FIFO 'link_to_fifo' is a symbolic link; refusing to follow it"
check link_to_file "fifochat: FIFO 'link_to_file' is a symbolic link; refusing to follow it"
check regular "fifochat: FIFO 'regular' exists and is not a FIFO"
check dir "fifochat: FIFO 'dir' exists and is not a FIFO"
check /dev/null "fifochat: FIFO '/dev/null' exists and is not a FIFO"
compare precious.orig precious || fail=1
compare_text regular 'data' || fail=1
test -p real || fail=1

# A missing FIFO without --create.
returns_ 1 timeout_ fifochat real missing < /dev/null 2> err || fail=1
compare_text err "fifochat: FIFO 'missing' does not exist" || fail=1

# --exclusive: an existing FIFO is refused before the other is made.
returns_ 1 timeout_ fifochat -x other real < /dev/null 2> err || fail=1
compare_text err "fifochat: cannot create FIFO 'real': File exists" || fail=1
test ! -e other || { warn_ "'other' was created"; fail=1; }

# The same FIFO twice, by two names.
ln real hardlink
returns_ 1 timeout_ fifochat real hardlink < /dev/null 2> err || fail=1
compare_text err "fifochat: 'real' and 'hardlink' are the same FIFO" || fail=1

# Another user's FIFO, even for root, unless --allow-foreign.
if test "$(id -u)" = 0 && id nobody >/dev/null 2>&1; then
  nobody=$(id -u nobody)
  mkfifo -m 666 theirs_a theirs_b && chown nobody theirs_a theirs_b \
    || framework_failure_ "chown"
  returns_ 1 timeout_ fifochat theirs_a theirs_b < /dev/null 2> err || fail=1
  compare_text err \
    "fifochat: FIFO 'theirs_a' exists and belongs to uid $nobody; use --allow-foreign to accept" \
    || fail=1
  returns_ 1 timeout_ fifochat -c real theirs_b < /dev/null 2> err || fail=1
  compare_text err \
    "fifochat: FIFO 'theirs_b' exists and belongs to uid $nobody; use --allow-foreign to accept" \
    || fail=1
  # Accepted when asked for, and it works.
  timeout_ fifochat --allow-foreign theirs_a theirs_b < /dev/null > a.out 2> a.err & apid=$!
  echo 'foreign ok' | returns_ 0 timeout_ fifochat --allow-foreign theirs_b theirs_a || fail=1
  wait $apid || fail=1
  compare_text a.out 'foreign ok' || fail=1
  compare /dev/null a.err || fail=1
fi

Exit $fail
