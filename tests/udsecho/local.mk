## Black-box tests of udsecho, server and client.
udsecho_tests = \
	tests/udsecho/usage.sh \
	tests/udsecho/tutorial-peers.sh \
	tests/udsecho/peers.sh \
	tests/udsecho/takeover.sh \
	tests/udsecho/mode.sh \
	tests/udsecho/concurrency.sh \
	tests/udsecho/emfile.sh \
	tests/udsecho/messages.sh \
	tests/udsecho/peercred.sh \
	tests/udsecho/client.sh \
	tests/udsecho/roundtrip-calls.sh
TESTS += $(udsecho_tests)
EXTRA_DIST += $(udsecho_tests) tests/udsecho/lib.sh
