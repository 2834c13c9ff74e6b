#!/bin/bash
# The bash completion of every program, with bash-completion loaded first.
. "$abs_top_srcdir/tests/init.sh"
completion_mode=loaded
. "$srcdir/tests/completion/cases.sh"
