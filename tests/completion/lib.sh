# tests/completion/lib.sh: run the bash completion of ipcutils on a
# command line, outside a terminal; sourced after tests/init.sh, with
# completion_mode set to "plain" (the script alone) or "loaded" (after
# bash-completion's own script).
#
#   complete_ WORD... -- the command line's words as bash splits them
#                        (at "=" too), the last one being completed;
#                        prints COMPREPLY one per line on stdout, and the
#                        options given to compopt on fd 3 (or nowhere).
#   check_completion_ 'WORD...' EXPECTED... -- COMPREPLY is exactly
#                        EXPECTED, in this order (words split at spaces,
#                        '' standing for an empty word).

completion_script=$abs_top_builddir/completions/ipcutils
test -f "$completion_script" || framework_failure_ "$completion_script is not built"
bash_completion_script=/usr/share/bash-completion/bash_completion
if test "$completion_mode" = loaded; then
  test -r "$bash_completion_script" || skip_ "bash-completion is not installed"
fi

complete_() {
  bash --norc --noprofile -c '
    mode=$1 bash_completion=$2 script=$3; shift 3
    if [[ $mode == loaded ]]; then
      . "$bash_completion" || exit 99
    fi
    . "$script" || exit 99
    # Outside a completion the builtin refuses to run; record its options.
    compopt() { printf "compopt %s\n" "$*" >&3; }
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    spec=$(complete -p "${COMP_WORDS[0]##*/}") || exit 98
    [[ $spec =~ -F\ ([^ ]+) ]] || exit 97
    "${BASH_REMATCH[1]}" "${COMP_WORDS[0]}" "${COMP_WORDS[-1]}" \
      "${COMP_WORDS[COMP_CWORD - 1]}"
    if ((${#COMPREPLY[@]})); then printf "%s\n" "${COMPREPLY[@]}"; fi
  ' complete_ "$completion_mode" "$bash_completion_script" \
    "$completion_script" "$@"
}

check_completion_() {
  local words=$1 word argv=(); shift
  for word in $words; do
    if test "$word" = "''"; then argv+=(''); else argv+=("$word"); fi
  done
  # The results go to the test's directory: the current one may be
  # the one whose files are being completed.
  local out=$test_dir_/completed err=$test_dir_/completed.err
  complete_ "${argv[@]}" >"$out" 2>"$err" 3>/dev/null \
    || { warn_ "completing '$words' failed"; cat "$err" >&2; return 1; }
  if test $# -eq 0; then compare /dev/null "$out"; else compare_text "$out" "$@"; fi \
    || { warn_ "for '$words'"; return 1; }
  compare /dev/null "$err" || { warn_ "for '$words'"; return 1; }
}
