## Black-box tests of shmget.
shmget_tests =
TESTS += $(shmget_tests)
EXTRA_DIST += $(shmget_tests)
