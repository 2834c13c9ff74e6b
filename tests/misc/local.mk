## Tests of every program at once.
misc_tests = tests/misc/help-version.sh tests/misc/i18n.sh \
	tests/misc/object-programs.sh \
	tests/misc/bad-input.sh
misc_tests += tests/misc/faults.sh
TESTS += $(misc_tests)
EXTRA_DIST += $(misc_tests)
