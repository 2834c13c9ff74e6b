#!/bin/bash
# --list: "NUMBER NAME" per line, every signal from 1 to SIGRTMAX except the
# two glibc keeps for itself; with operands, just those, in either form.
. "$abs_top_srcdir/tests/init.sh"
fail=0

rtmin=$(kill -l RTMIN)   # bash's builtin
rtmax=$(kill -l RTMAX)
{
  printf '%s\n' '1 HUP' '2 INT' '3 QUIT' '4 ILL' '5 TRAP' '6 ABRT' '7 BUS' \
    '8 FPE' '9 KILL' '10 USR1' '11 SEGV' '12 USR2' '13 PIPE' '14 ALRM' \
    '15 TERM' '16 STKFLT' '17 CHLD' '18 CONT' '19 STOP' '20 TSTP' '21 TTIN' \
    '22 TTOU' '23 URG' '24 XCPU' '25 XFSZ' '26 VTALRM' '27 PROF' '28 WINCH' \
    '29 IO' '30 PWR' '31 SYS'
  # Named from RTMIN up to the middle, from RTMAX down above it (bash and
  # util-linux kill do the same).
  middle=$((rtmin + (rtmax - rtmin) / 2))
  echo "$rtmin RTMIN"
  for ((i = rtmin + 1; i <= middle; i++)); do echo "$i RTMIN+$((i - rtmin))"; done
  for ((i = middle + 1; i < rtmax; i++)); do echo "$i RTMAX-$((rtmax - i))"; done
  echo "$rtmax RTMAX"
} > exp
for opt in --list -l; do
  returns_ 0 timeout_ sigcatch $opt >out 2>err || fail=1
  compare exp out || fail=1
  compare /dev/null err || fail=1
done
# The same names bash uses, where bash has one.
while read -r number name; do
  test "$(kill -l "$number")" = "$name" \
    || { warn_ "$number: '$name', bash says '$(kill -l "$number")'"; fail=1; }
done < out

# Operands translate either way, in the order given; KILL lists fine.
returns_ 0 timeout_ sigcatch --list 10 sigusr2 Rtmin+2 RTMAX-1 9 \
  >out 2>err || fail=1
compare_text out '10 USR1' '12 USR2' "$((rtmin + 2)) RTMIN+2" \
  "$((rtmax - 1)) RTMAX-1" '9 KILL' || fail=1
compare /dev/null err || fail=1

Exit $fail
