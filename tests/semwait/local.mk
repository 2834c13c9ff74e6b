## Black-box tests of semwait (and of semsig and semwait together).
semwait_tests = \
	tests/semwait/wait.sh \
	tests/semwait/command.sh \
	tests/semwait/eidrm.sh \
	tests/semwait/concurrency.sh \
	tests/semwait/tutorial-peers.sh
TESTS += $(semwait_tests)
EXTRA_DIST += $(semwait_tests)
