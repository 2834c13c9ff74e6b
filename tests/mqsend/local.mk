## Black-box tests of mqsend (and of what mqsend and mqrecv share: the
## selector and creation options).  mq-lib.sh holds their shell helpers.
mqsend_tests = \
	tests/mqsend/usage.sh \
	tests/mqsend/selectors.sh \
	tests/mqsend/create.sh \
	tests/mqsend/ownership.sh \
	tests/mqsend/ipcmk.sh \
	tests/mqsend/limits.sh \
	tests/mqsend/input-modes.sh \
	tests/mqsend/stdin-errors.sh \
	tests/mqsend/oversize.sh \
	tests/mqsend/full-queue.sh \
	tests/mqsend/kill.sh
TESTS += $(mqsend_tests)
EXTRA_DIST += $(mqsend_tests) tests/mqsend/mq-lib.sh
