## Tests of every program at once.
TESTS += tests/misc/help-version.sh
EXTRA_DIST += tests/misc/help-version.sh
