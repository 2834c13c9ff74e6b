## Check unit tests: one runner, one suite per libipcutil module.

if HAVE_CHECK
check_PROGRAMS += tests/unit/check_ipcutil
TESTS += tests/unit/check_ipcutil
tests_unit_check_ipcutil_SOURCES = \
	tests/unit/check_ipcutil.cc tests/unit/suites.hh \
	tests/unit/child.hh tests/unit/child.cc tests/unit/objects.hh \
	tests/unit/test_program.cc \
	tests/unit/test_quote.cc \
	tests/unit/test_parse.cc \
	tests/unit/test_signals.cc \
	tests/unit/test_fd.cc \
	tests/unit/test_deadline.cc \
	tests/unit/test_object.cc \
	tests/unit/test_kinds.cc \
	tests/unit/test_fspath.cc \
	tests/unit/test_msgqueue.cc \
	tests/unit/test_pidfile.cc \
	tests/unit/test_options.cc \
	tests/unit/test_framing.cc \
	tests/unit/test_termination.cc \
	tests/unit/test_semaphore.cc \
	tests/unit/test_shm.cc \
	tests/unit/test_procscan.cc \
	tests/unit/test_escape.cc \
	tests/unit/test_unixsock.cc \
	tests/unit/test_sigformat.cc
tests_unit_check_ipcutil_CXXFLAGS = $(AM_CXXFLAGS) $(CHECK_CFLAGS)
tests_unit_check_ipcutil_LDADD = $(LIBIPCUTIL) $(CHECK_LIBS)
else
TESTS += tests/unit/no-check.sh
endif
EXTRA_DIST += tests/unit/no-check.sh
