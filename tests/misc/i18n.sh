#!/bin/bash
# The Korean catalog is complete enough to be used: --help and a
# diagnostic of every program come out in Korean under LANGUAGE=ko.
. "$abs_top_srcdir/tests/init.sh"
fail=0

gmo=
for dir in "$abs_top_builddir/po" "$abs_top_srcdir/po"; do
  test -f "$dir/ko.gmo" && { gmo=$dir/ko.gmo; break; }
done
test -n "$gmo" || skip_ "po/ko.gmo was not built (configured with --disable-nls?)"
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || skip_ "no C.UTF-8 locale"

mkdir -p locale/ko/LC_MESSAGES && cp "$gmo" locale/ko/LC_MESSAGES/ipcutils.mo \
  || framework_failure_ "cannot stage the catalog"
korean() { IPCUTILS_LOCALEDIR=$PWD/locale LC_ALL=C.UTF-8 LANGUAGE=ko "$@"; }

for prog in $built_programs; do
  korean "$prog" --help > out 2>&1 || fail=1
  grep -q "^사용법: $prog " out || { warn_ "$prog: --help is not in Korean"; fail=1; }
  grep -q '^종료 상태:$' out || { warn_ "$prog: exit status block not in Korean"; fail=1; }
  # getopt's own line comes from libc's catalog, which may not be
  # installed; the line after it is ours.
  korean "$prog" -/ > out 2> err && fail=1
  tail -n 1 err > last
  compare_text last "자세한 정보는 '$prog --help' 명령을 실행하십시오." || fail=1
done

Exit $fail
