## Black-box tests of mqrecv.
TESTS +=
