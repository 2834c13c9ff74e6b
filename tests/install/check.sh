#!/bin/sh
# The install check (`make installcheck`): after `make install`, with or
# without DESTDIR, every program is in bindir and runs from there, its man
# page is in man1dir, every catalog of po/LINGUAS is in localedir, and,
# when the build installs bash completions, each program has one.  With no
# DESTDIR (distcheck's install), the installed programs must also find
# their own Korean catalog: `LANGUAGE=ko PROG --help` is in Korean.  Under
# DESTDIR the same check runs with IPCUTILS_LOCALEDIR pointing at the
# staged catalogs.
#
# Makefile.am passes what it knows in the environment: programs (the names
# in bin_PROGRAMS), transform (the sed script for --program-prefix and
# friends), DESTDIR, bindir, man1dir, localedir, USE_NLS, linguas_file,
# bashcompletiondir (empty or "no" when completions are not installed),
# PACKAGE, PACKAGE_NAME, PACKAGE_VERSION.  One line per problem on stderr;
# exit 1 if there was any.

# shellcheck disable=SC2154 # the variables above come from the environment
LC_ALL=C
export LC_ALL
unset IPCUTILS_LOCALEDIR LANGUAGE
me=installcheck
failures=0
problem() { echo "$me: $*" >&2; failures=$((failures + 1)); }

test -n "$programs" || { problem "no programs to check"; exit 1; }

count=0
for prog in $programs; do
  count=$((count + 1))
  inst=$(echo "$prog" | sed "$transform")
  bin=$DESTDIR$bindir/$inst
  if test ! -f "$bin" || test ! -x "$bin"; then
    problem "$bin: missing or not executable"
  else
    # The first line names the program by its installed name.
    first=$("$bin" --version 2>&1 | sed -n 1p)
    want="$inst ($PACKAGE_NAME) $PACKAGE_VERSION"
    test "$first" = "$want" \
      || problem "$bin --version: first line is '$first', not '$want'"
  fi
  page=$DESTDIR$man1dir/$inst.1
  test -s "$page" || problem "$page: missing or empty"
  case $bashcompletiondir in
    '' | no) ;;
    *)
      # A symlink to the suite's one completion file counts if it resolves.
      compl=$DESTDIR$bashcompletiondir/$inst
      test -s "$compl" || problem "$compl: missing or empty"
      ;;
  esac
done

if test "$USE_NLS" = yes; then
  linguas=$(sed -e 's/#.*//' "$linguas_file" | xargs)
  for lang in $linguas; do
    mo=$DESTDIR$localedir/$lang/LC_MESSAGES/$PACKAGE.mo
    test -s "$mo" || problem "$mo: missing or empty"
  done
  # An installed program finds its catalog where it was built to look
  # (localedir); under DESTDIR, point it at the staged catalogs instead.
  if ! locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$'; then
    echo "$me: no C.UTF-8 locale: not running the installed programs in Korean"
  else
    for first_prog in $programs; do break; done
    inst=$(echo "$first_prog" | sed "$transform")
    bin=$DESTDIR$bindir/$inst
    if test -n "$DESTDIR"; then
      IPCUTILS_LOCALEDIR=$DESTDIR$localedir
      export IPCUTILS_LOCALEDIR
    fi
    usage=$(LC_ALL=C.UTF-8 LANGUAGE=ko "$bin" --help 2>&1 | sed -n 1p)
    case $usage in
      "사용법: $inst "*) ;;
      *) problem "LANGUAGE=ko $bin --help is not in Korean: '$usage'" ;;
    esac
  fi
fi

if test "$failures" -ne 0; then
  echo "$me: problems in the installed files: $failures" >&2
  exit 1
fi
case $bashcompletiondir in
  '' | no) completions= ;;
  *) completions=', completions' ;;
esac
echo "$me: $count programs, their man pages${linguas:+, catalogs ($linguas)}$completions in place"
