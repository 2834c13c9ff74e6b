## Black-box tests of mqsend.
TESTS +=
