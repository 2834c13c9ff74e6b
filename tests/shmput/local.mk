## Black-box tests of shmput (and of what shmput and shmget share: the
## selector, creation and --lock).  shm-lib.sh holds their shell helpers.
shmput_tests = \
	tests/shmput/usage.sh \
	tests/shmput/roundtrip.sh \
	tests/shmput/limits.sh \
	tests/shmput/lock.sh \
	tests/shmput/remove-lock.sh
TESTS += $(shmput_tests)
EXTRA_DIST += $(shmput_tests) tests/shmput/shm-lib.sh
