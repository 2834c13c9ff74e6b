## Black-box tests of sigcatch.
TESTS +=
