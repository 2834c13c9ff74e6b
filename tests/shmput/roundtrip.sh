#!/bin/bash
# Binary round trips with --raw, System V and POSIX: all 256 byte values,
# sizes 0, 1, 4095, 4096, 4097 and 10 MiB, from a file and from a pipe,
# at offsets; what shmget -r prints is exactly what shmput was given.
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/shmput/shm-lib.sh"
fail=0

all_bytes_ > all || framework_failure_ "all bytes"
test "$(wc -c < all)" = 256 || framework_failure_ "all bytes: $(wc -c < all)"
# Input files: the 256 values repeated, cut to each size.
for size in 0 1 4095 4096 4097 10485760; do
  for ((i = 0; i < 41; i++)); do cat all; done > block     # 10496 bytes
  while test "$(wc -c < block)" -lt $size; do cat block block > b2 && mv b2 block; done
  head -c $size block > in.$size
done
rm -f block

# roundtrip_ SELECTOR...: for each size, a segment created from a file
# and one from a pipe hold the data, and shmget -r gives it back.
roundtrip_() {
  local size
  for size in 0 1 4095 4096 4097 10485760; do
    if test $size = 0 && test "$1" != -n; then
      # A System V segment holds at least one byte: put nothing into an
      # existing one and read nothing back.
      shmput -c -s 1 "$@" < in.0 || fail=1
    else
      shmput -c "$@" in.$size || { warn_ "shmput $* in.$size"; fail=1; }
    fi
    shmget "$@" -r -l $size > out || fail=1
    compare in.$size out || { warn_ "file round trip of $size bytes: $*"; fail=1; }
    shmget "$@" -r --remove > /dev/null || fail=1
    # From a pipe; the segment exists (its size is the input's).
    if test $size != 0; then
      shmput -c -s $size "$@" < /dev/null || fail=1
      cat in.$size | shmput "$@" || fail=1
      shmget "$@" -r | cmp - in.$size || { warn_ "pipe round trip of $size bytes: $*"; fail=1; }
      shmget "$@" -r --remove > /dev/null || fail=1
    fi
  done
}

key_ k
roundtrip_ -k $k
touch keyfile
roundtrip_ -f keyfile -j 7
name_ n
roundtrip_ -n $n
# A created segment's size is the input's size.
shmput -c -k $k in.4097 || fail=1
test "$(shm_size_ $k)" = 4097 || { warn_ "size $(shm_size_ $k)"; fail=1; }
ipcrm -M $k
cat in.4095 | shmput -c -n $n || fail=1
test "$(stat -c %s /dev/shm$n)" = 4095 || { warn_ "posix size $(stat -c %s /dev/shm$n)"; fail=1; }
rm -f /dev/shm$n

# Offsets: data lands there, the rest stays; -o/-l read it back.
for sel in "-k $k" "-n $n"; do
  bytes_ 8192 101 > e8192                              # 8 KiB of 'A'
  shmput -c $sel e8192 || fail=1
  shmput $sel -o 4000 all || fail=1
  { head -c 4000 e8192; cat all; head -c $((8192 - 4256)) e8192; } > exp
  shmget $sel -r > out || fail=1
  compare exp out || fail=1
  shmget $sel -r --offset=4000 --length=256 > out || fail=1
  compare all out || fail=1
  shmget $sel -r -o 4K -l 96 > out || fail=1
  tail -c +97 all | head -c 96 | cmp - out || fail=1
  # Up to the very end, from a pipe; then nothing at the end.
  cat all | shmput $sel -o $((8192 - 256)) || fail=1
  shmget $sel -r -o 7936 | cmp - all || fail=1
  shmput $sel -o 8192 < /dev/null || fail=1
  shmget $sel -r -o 8192 > out || fail=1
  compare /dev/null out || fail=1
  shmget $sel -r --remove > /dev/null || fail=1
done

# The tutorial's size by hand: 1 KiB created from a short input.
printf 'short' | shmput -x -s 1K -k $k || fail=1
test "$(shm_size_ $k)" = 1024 || fail=1
shmget -k $k -r | cmp - <(printf 'short'; head -c 1019 /dev/zero) || fail=1

Exit $fail
