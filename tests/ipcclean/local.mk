## Black-box tests of ipcclean, each in private IPC, mount and PID
## namespaces (lib.sh).
ipcclean_tests = \
	tests/ipcclean/usage.sh \
	tests/ipcclean/shm.sh \
	tests/ipcclean/pid-reuse.sh \
	tests/ipcclean/postgres.sh \
	tests/ipcclean/waiters.sh \
	tests/ipcclean/posix.sh \
	tests/ipcclean/users.sh \
	tests/ipcclean/recheck.sh \
	tests/ipcclean/interop.sh \
	tests/ipcclean/scan-once.sh
TESTS += $(ipcclean_tests)
EXTRA_DIST += $(ipcclean_tests) tests/ipcclean/lib.sh
