## Black-box tests of semsig (and of what semsig and semwait share).
semsig_tests = \
	tests/semsig/usage.sh \
	tests/semsig/post.sh \
	tests/semsig/ipcmk.sh
TESTS += $(semsig_tests)
EXTRA_DIST += $(semsig_tests) tests/semsig/sem-lib.sh
