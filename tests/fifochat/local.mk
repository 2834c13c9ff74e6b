## Black-box tests of fifochat, and its benchmark.
fifochat_tests = \
	tests/fifochat/usage.sh \
	tests/fifochat/tutorial-chat.sh \
	tests/fifochat/fifo-writer.sh \
	tests/fifochat/full-duplex.sh \
	tests/fifochat/half-close.sh \
	tests/fifochat/count.sh \
	tests/fifochat/timeout.sh \
	tests/fifochat/stay.sh \
	tests/fifochat/peer-left.sh \
	tests/fifochat/refuse.sh \
	tests/fifochat/mode.sh \
	tests/fifochat/framing.sh \
	tests/fifochat/streams.sh \
	tests/fifochat/terminal.sh \
	tests/fifochat/writers.sh
TESTS += $(fifochat_tests)
EXTRA_DIST += $(fifochat_tests) tests/fifochat/lib.sh
