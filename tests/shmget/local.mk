## Black-box tests of shmget.
shmget_tests = \
	tests/shmget/peers.sh \
	tests/shmget/output.sh \
	tests/shmget/shrink.sh \
	tests/shmget/perms.sh \
	tests/shmget/faults.sh \
	tests/shmget/pagefaults.sh \
	tests/shmget/copy-ways.sh
TESTS += $(shmget_tests)
EXTRA_DIST += $(shmget_tests)
