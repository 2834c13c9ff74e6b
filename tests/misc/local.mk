## Tests of every program at once.
TESTS += tests/misc/help-version.sh tests/misc/i18n.sh
EXTRA_DIST += tests/misc/help-version.sh tests/misc/i18n.sh
