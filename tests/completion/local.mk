## Tests of the bash completion (completions/ipcutils), alone and with
## bash-completion loaded.

completion_tests = \
	tests/completion/plain.sh \
	tests/completion/loaded.sh
TESTS += $(completion_tests)
EXTRA_DIST += $(completion_tests) tests/completion/lib.sh \
	tests/completion/cases.sh
# The tests load the built script.
$(completion_tests:.sh=.log): completions/ipcutils
