## Load tests at scale (issue 14): not part of `make check`; run them with
## `make check-load`, which runs automake's harness with TESTS set to them
## (logs and .trs as usual, the summary in tests/load/test-suite.log) and
## then prints each test's elapsed time.

load_tests = \
	tests/load/mq-sysv.sh \
	tests/load/mq-posix.sh \
	tests/load/mq-term.sh \
	tests/load/signals.sh \
	tests/load/semwait.sh \
	tests/load/udsecho.sh \
	tests/load/ipcclean.sh
EXTRA_DIST += $(load_tests) tests/load/lib.sh

check-load: all
	@st=0; \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(load_tests)' \
	  TEST_SUITE_LOG=tests/load/test-suite.log || st=$$?; \
	echo "Load test times:"; \
	for t in $(load_tests); do \
	  sed -n 's/^load-time: /  /p' "$${t%.sh}.log" 2>/dev/null; \
	done; \
	exit $$st
.PHONY: check-load
# The harness cleans only the logs of the default TESTS.
CLEANFILES += tests/load/*.log tests/load/*.trs
