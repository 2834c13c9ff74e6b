## Black-box tests of mqrecv (and round trips through mqsend and mqrecv).
mqrecv_tests = \
	tests/mqrecv/output-modes.sh \
	tests/mqrecv/raw-roundtrip.sh \
	tests/mqrecv/types.sh \
	tests/mqrecv/priorities.sh \
	tests/mqrecv/all.sh \
	tests/mqrecv/timeout.sh \
	tests/mqrecv/large-message.sh \
	tests/mqrecv/write-errors.sh \
	tests/mqrecv/eidrm.sh \
	tests/mqrecv/remove.sh \
	tests/mqrecv/signals.sh \
	tests/mqrecv/fault-injection.sh \
	tests/mqrecv/concurrency.sh \
	tests/mqrecv/tutorial-peers.sh \
	tests/mqrecv/closed-stdio.sh \
	tests/mqrecv/put-back.sh \
	tests/mqrecv/batch.sh
TESTS += $(mqrecv_tests)
EXTRA_DIST += $(mqrecv_tests)
