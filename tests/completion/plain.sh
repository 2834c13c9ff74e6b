#!/bin/bash
# The bash completion of every program, on its own (no bash-completion).
. "$abs_top_srcdir/tests/init.sh"
completion_mode=plain
. "$srcdir/tests/completion/cases.sh"
