## Black-box tests of sigcatch.

sigcatch_tests = \
	tests/sigcatch/help.sh \
	tests/sigcatch/usage.sh \
	tests/sigcatch/basic.sh \
	tests/sigcatch/queue.sh \
	tests/sigcatch/rt-order.sh \
	tests/sigcatch/coalesce.sh \
	tests/sigcatch/timeout.sh \
	tests/sigcatch/inherit.sh \
	tests/sigcatch/format.sh \
	tests/sigcatch/list.sh \
	tests/sigcatch/quiet.sh \
	tests/sigcatch/output-errors.sh \
	tests/sigcatch/pidfile.sh \
	tests/sigcatch/pidfile-refuse.sh \
	tests/sigcatch/pidfile-death.sh \
	tests/sigcatch/timeout-stop.sh \
	tests/sigcatch/faults.sh
TESTS += $(sigcatch_tests)
EXTRA_DIST += $(sigcatch_tests)
