#!/bin/sh
# mkman.sh HELP2MAN SRCDIR PROG [objects]: write man/PROG.1 from src/PROG's
# --help, adding man/objects.x when the fourth argument is "objects".
# Without help2man, keep the page shipped in the source tree, so building
# from a release tarball never needs help2man.
help2man=$1 srcdir=$2 prog=$3 objects=${4-}
out=man/$prog.1
mkdir -p man || exit 1
if $help2man --version >/dev/null 2>&1; then
  # help2man runs a wrapper of the same name that turns the --help block
  # "Exit status:" into an EXIT STATUS section and drops the pointer to
  # the man page itself.
  wrap=man/.wrap-$prog
  mkdir -p "$wrap" || exit 1
  cat > "$wrap/$prog" <<WRAP || exit 1
#!/bin/sh
"$(pwd)/src/$prog" "\$@" | sed -e 's/^Exit status:\$/*Exit status*/' -e '/^Full documentation: /d'
WRAP
  chmod +x "$wrap/$prog"
  # The C locale gives the English page; the Korean text lives in po/ko.po.
  # A program that selects and creates System V or POSIX objects also
  # gets the shared section on that (man/local.mk says which).
  shared=
  if test -n "$objects"; then
    shared=--include=$srcdir/man/objects.x
  fi
  LC_ALL=C LANGUAGE= $help2man --no-info --no-discard-stderr \
    --include="$srcdir/man/$prog.x" $shared --output="$out-t" "$wrap/$prog"
  status=$?
  rm -rf "$wrap"
  if test $status -eq 0; then mv "$out-t" "$out"; exit; fi
  rm -f "$out-t"
  echo "mkman.sh: help2man failed for $prog" >&2
  exit 1
fi
if test -f "$srcdir/$out"; then
  test "$srcdir/$out" -ef "$out" || cp "$srcdir/$out" "$out" || exit 1
  touch "$out"
  exit 0
fi
echo "mkman.sh: help2man is needed to make $out" >&2
exit 1
