#!/bin/bash
# Every built program, every option value it takes, fed bad values in one
# table (RELIABILITY.md 8a): the options and their kinds are read from each
# program's --help, so a new program or option is covered with no change
# here.  For each case: the exact status, nothing on stdout, stderr of one
# line "PROG: ..." naming the value as quote() quotes it (usage errors about
# missing or conflicting options add coreutils' "Try 'PROG --help'" line,
# bad values do not), no IPC object or file created or removed, and no
# waiting (every run is bounded by timeout).
. "$abs_top_srcdir/tests/init.sh"
. "$abs_top_srcdir/tests/lib/object.sh"
# The before/after comparison needs the machine's other IPC users out of
# sight, and the objects this test makes must vanish with it.
require_root_
require_ipc_namespace_
fail=0
runs=0

test -n "$built_programs" || framework_failure_ "built_programs is empty"
TEST_TIMEOUT=10

# Programs run in w/; everything this script writes stays outside it.
mkdir w || framework_failure_ "mkdir w"

# Objects that exist throughout, so that removing one shows up too.
if "$obj_python_" -c 'import sysv_ipc' 2>/dev/null; then
  for k in msg sem shm; do
    obj_create_ $k $(test_key_) || framework_failure_ "create $k"
  done
fi
test -z "$mqueue_dir" || obj_create_ pmq $(test_name_) \
  || framework_failure_ "create pmq"
obj_create_ psem $(test_name_) || framework_failure_ "create psem"
obj_create_ pshm $(test_name_) || framework_failure_ "create pshm"
: > w/file  # an ordinary file, for -f

# The state a bad input must leave alone: System V objects (whole
# records, so a changed one shows too), the names in /dev/shm and the
# mqueue mount, and the files in w/.  Builtins only: a case costs just the
# program's own run.
shopt -s dotglob nullglob
snapshot_() {
  local -n into=$1
  local f lines names
  into=
  for f in /proc/sysvipc/msg /proc/sysvipc/sem /proc/sysvipc/shm; do
    mapfile lines < "$f"; into+="${lines[*]}"
  done
  names=("$test_dir_"/w/* /dev/shm/*)
  test -z "$mqueue_dir" || names+=("$mqueue_dir"/*)
  into+="${names[*]}"
}
snapshot_ before

# quote_ VALUE: set quoted to VALUE as the programs quote it
# (src/libipcutil/quote.cc).
quote_() {
  local s=$1 c i
  quoted=
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      "'" | '\') quoted+="\\$c" ;;
      [[:cntrl:]]) printf -v c '\\x%02x' "'$c"; quoted+=$c ;;
      *) quoted+=$c ;;
    esac
  done
  quoted="'$quoted'"
}

# check_ PROG STATUS LINES NAMED ARG...: run PROG ARG... in w/ with empty
# stdin and check it exits with STATUS, prints nothing on stdout, LINES
# lines on stderr (1, or 2 with the Try line second), the first beginning
# with "PROG: " and, unless NAMED is empty, holding NAMED; and that nothing
# changed.  STATUS or LINES "12" means 1 or 2.
check_() {
  local prog=$1 want=$2 lines=$3 named=$4 st ok=true after shown; shift 4
  local -a err
  runs=$((runs + 1))
  cd w && timeout_ "$prog" "$@" </dev/null >../out 2>../err
  st=$?
  cd .. || framework_failure_ "cd .."
  case $want in
    12) test $st = 1 || test $st = 2 || ok=false ;;
    *) test $st = "$want" || ok=false ;;
  esac
  test -s out && ok=false
  mapfile -t err < err
  case $lines:${#err[@]} in
    12:1 | 12:2 | 1:1 | 2:2) ;;
    *) ok=false ;;
  esac
  case ${err[0]} in "$prog: "*) ;; *) ok=false ;; esac
  case ${err[0]} in *"$named"*) ;; *) ok=false ;; esac
  if test ${#err[@]} = 2; then
    test "${err[1]}" = "Try '$prog --help' for more information." || ok=false
  fi
  shown="$*"
  snapshot_ after
  if test "$after" != "$before"; then
    warn_ "$prog ${shown:0:160}: objects or files changed:"
    diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | cut -c 1-160 | head -n 10 >&2
    ok=false
    before=$after  # report the next case on its own
  fi
  if ! $ok; then
    warn_ "FAIL: $prog ${shown:0:160}: status $st (want $want), stderr:"
    cut -c 1-160 err | head -n 3 >&2
    cut -c 1-160 out | head -n 2 >&2
    fail=1
  fi
}

long4k=$(printf 'x%.0s' {1..4096})
# 128 KiB, less room for "--OPTION=" in the kernel's limit on one argument
# (MAX_ARG_STRLEN, 128 KiB with the NUL).
long128k=$(printf "$long4k%.0s" {1..32}); long128k=${long128k:0:131000}
name256=/$(printf 'x%.0s' {1..256})   # NAME_MAX + 1
name252=/$(printf 'x%.0s' {1..252})   # above the semaphore limit of 251
bad_utf8=$'\xff\xfe'

nums=('' abc 10x 0x -1 ' 1' '1 ' +1 1.5 18446744073709551616
  99999999999999999999 "1$bad_utf8")

# bad_values_ META OPTION HELPLINE PROG: the bad values for an option
# whose --help shows --OPTION=META, into the array bad.
bad_values_() {
  local meta=$1 opt=$2 line=$3 prog=$4
  bad=()
  case $meta in
    KEY)
      bad=('' abc 10x 0x -1 0 08 0x1ffffffff 4294967296 18446744073709551616
        99999999999999999999 "$bad_utf8") ;;
    ID)
      if test "$opt" = --proj; then
        bad=('' 0 256 -1 10x AB 99999999999999999999 "$bad_utf8")
      else
        bad=('' abc 10x 0x -5 2147483648 99999999999999999999 "$bad_utf8")
      fi ;;
    /NAME)
      bad=('' foo / /a/b // /. /.. "$name256" "foo$bad_utf8")
      # sem_open puts "sem." before the name: 251 bytes at most.
      grep -q -- '--nsems' help && bad+=("$name252") ;;
    MODE) bad=('' 8 999 01000 10000 -1 0x1ff abc u+rw "6$bad_utf8") ;;
    SIZE)
      bad=('' ' ' '1 ' -1 -4K 4Q 4KiBB 1Q 0x 1.5K K 18446744073709551616
        99999999999999999999K "4$bad_utf8")
      # The size of what is created (of a System V segment for shmput -k).
      case $line in *'the size of a'* | *'take messages of'*) bad+=(0) ;; esac ;;
    DURATION)
      # (1e99 is not here: a duration too large for the clock means
      # "forever", parse.hh.)
      bad=('' -1 ' -0.1' nan inf NaN abc 42D 1.5.2 '5 s' 1x 1e "1$bad_utf8") ;;
    N)
      bad=("${nums[@]}")
      # A count or a size of something is at least 1 unless --help says
      # 0 is allowed ("default 0", "0 to 32767", "else 0)").
      case $line in *'default 0'* | *' 0 to '* | *' 0)'*) ;; *) bad+=(0) ;; esac ;;
    TYPE)
      case $line in
        *'1 or more'*) bad=("${nums[@]}" 0 -3) ;;
        *[0-9]*) bad=('' abc 10x 0x ' 1' 1.5 99999999999999999999 "1$bad_utf8") ;;
        *) bad=('' foo ' stream' 'stream ' "$bad_utf8") ;;
      esac ;;
    LIST) bad=('' foo msg, ,msg msg,,sem "$bad_utf8") ;;
    USER) bad=('' no-such-user-ipcutils 99999999999999999999 "$bad_utf8") ;;
    'UID[,UID]...')
      bad=('' abc -1 1, ,1 1,,2 4294967296 99999999999999999999 "$bad_utf8") ;;
    PATH | FILE) bad=('') ;;
  esac
}

# Arguments that make a whole, valid command apart from the value under
# test, derived from --help: a selector naming an object that does not
# exist, with --create so that a value checked too late creates it, and
# the options and operands of the first Usage line (udsecho -l SOCKET:
# the server, which would bind and wait).
context_() {
  local help=$1 usage word words
  ctx_sel=() ctx_rest=()
  if grep -q -- '--key=' "$help" && grep -q -- '--create' "$help"; then
    ctx_sel=(-k "$(test_key_)")
  fi
  grep -q -- '--create' "$help" && ctx_rest+=(-c)
  usage=$(head -n 1 "$help")
  # "Usage: udsecho -l [OPTION]... SOCKET": options and operands of the
  # first form, up to the first optional one.
  read -ra words <<< "${usage#Usage: * }"  # (no globbing of "[FILE]")
  for word in "${words[@]}"; do
    case $word in
      '[OPTION]...') ;;
      -*) ctx_rest+=("$word") ;;
      \[*) break ;;
      SIGNAL*) ctx_rest+=(USR1) ;;
      SOCKET) ctx_rest+=(sock) ;;
      *_FIFO) ctx_rest+=("fifo-$word") ;;
      [A-Z]*) ctx_rest+=("$word") ;;
    esac
  done
}

for prog in $built_programs; do
  "$prog" --help > help || framework_failure_ "$prog --help"
  context_ help

  # --- every option with a value, every bad value of its kind -------------
  # Each option's line joined with its continuation lines.
  awk '/^ +-/ { if (l != "") print l; l = $0; next }
       match($0, /^ +[^ ]/) && RLENGTH > 20 && l != "" {
         sub(/^ +/, " "); l = l $0; next }
       { if (l != "") print l; l = "" }
       END { if (l != "") print l }' help \
    | grep -E '^ +(-[A-Za-z], )?--[a-z-]+=' > optlines
  while IFS= read -r line; do
    spec=${line#*--}; spec=${spec%% *}
    opt=--${spec%%=*}; meta=${spec#*=}
    bad_values_ "$meta" "$opt" "$line" "$prog"
    case $opt in
      --key|--key-file|--proj|--id|--name) sel=() ;;
      *) sel=("${ctx_sel[@]}") ;;
    esac
    test "$opt" = --proj && sel=(-f file)
    for v in "${bad[@]}"; do
      want=2 lines=1; quote_ "$v"; named=$quoted
      case $opt:$v in
        --key:0) named='key 0 (IPC_PRIVATE)' ;;
        # ftok's file: "cannot stat ''" (1), like -f /nonexistent, unless
        # a usage error comes first (ipcclean -f needs -t).
        --key-file:) want=12 lines=12 named= ;;
      esac
      check_ "$prog" $want $lines "$named" "${sel[@]}" "$opt=$v" "${ctx_rest[@]}"
    done
    # Huge values: a clean refusal (a usage error, or a file name that is
    # too long), never a crash.  Values that are any string (--prefix,
    # --format) are valid at any length, so they are left out.
    case $meta in PATH|FILE) ;; *) test ${#bad[@]} -gt 0 || continue ;; esac
    for v in "$long4k" "$long128k"; do
      check_ "$prog" 12 12 '' "${sel[@]}" "$opt=$v" "${ctx_rest[@]}"
    done
  done < optlines

  # --- bad operands ---------------------------------------------------------
  case $(head -n 1 help) in
    *SIGNAL*)
      # (Any letter case is a signal name: signals.hh.)
      for v in KILL STOP 9 0 65 RTMIN+99 RTMAX-99 SIGFOO '' USR1x -1 \
               99999999999999999999 "$bad_utf8"; do
        case $v in
          KILL | 9) named=SIGKILL ;;
          STOP) named=SIGSTOP ;;
          *) quote_ "$v"; named=$quoted ;;
        esac
        check_ "$prog" 2 1 "$named" -- "$v"
      done ;;
  esac

  # Path operands: empty, and too long for a socket address (108 bytes
  # with the NUL); each in turn, the others as in the context.
  for ((i = 0; i < ${#ctx_rest[@]}; i++)); do
    case ${ctx_rest[i]} in
      sock) vals=('' "$(printf 'x%.0s' {1..108})") ;;
      fifo-*) vals=('') ;;
      *) continue ;;
    esac
    for v in "${vals[@]}"; do
      args=("${ctx_rest[@]}"); args[i]=$v
      quote_ "$v"
      check_ "$prog" 12 1 "$quoted" "${ctx_sel[@]}" "${args[@]}"
    done
  done

  # --- conflicting or missing selectors: the Try line follows --------------
  if grep -q -- '--key=' help && grep -q -- '--name=' help; then
    c=${ctx_rest[*]}
    for args in '-k 1 -n /x' '-i 1 -f file' '-k 1 -i 1' '-f file -n /x' \
                '-k 1 -f file' '-k 1 -j 2'; do
      # shellcheck disable=SC2086
      check_ "$prog" 2 2 '' $args $c
    done
    if grep -q -- '--create' help; then
      # shellcheck disable=SC2086
      check_ "$prog" 2 2 '' $c
    fi
    # Options of one family with a selector of the other.
    while IFS= read -r line; do
      spec=${line#*--}; spec=${spec%% *}; opt=--${spec%%=*}
      case $opt in --key|--key-file|--proj|--id|--name) continue ;; esac
      case $spec in *=*) val=1 ;; *) val= ;; esac
      # The description, after the option and its value.
      desc=${line#*--*[a-z] }; desc=${desc#"${desc%%[! ]*}"}
      case $desc in
        'System V'*) other=(-n /x) ;;
        POSIX* | 'a created POSIX'*) other=(-k 1) ;;
        *) continue ;;
      esac
      check_ "$prog" 2 2 '' "${other[@]}" "$opt${val:+=$val}" "${ctx_rest[@]}"
    done < <(grep -E '^ +(-[A-Za-z], )?--[a-z-]+' help)
  fi
done

# A table that silently stopped deriving cases would pass with nothing.
n=$(set -- $built_programs; echo $#)
test $runs -ge $((n * 20)) || fail_ "only $runs cases for $n programs"
echo "$runs cases over $n programs"
Exit $fail
