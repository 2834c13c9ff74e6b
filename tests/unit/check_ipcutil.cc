// Runs every libipcutil suite.  CK_ENV lets CK_VERBOSITY, CK_RUN_SUITE and
// CK_RUN_CASE pick the output and the cases, as Check documents.
#include <config.h>
#include <cstdlib>
#include <initializer_list>
#include "suites.hh"

int main() {
  SRunner* runner = srunner_create(program_suite());
  for (Suite* s :
       {quote_suite(), parse_suite(), signals_suite(), fd_suite(),
        deadline_suite(), object_suite(), msgqueue_suite(), kinds_suite(),
        fspath_suite(), pidfile_suite(), options_suite(), framing_suite(),
        termination_suite(), semaphore_suite(), shm_suite(), procscan_suite(),
        escape_suite(), unixsock_suite()})
    srunner_add_suite(runner, s);
  srunner_add_suite(runner, sigformat_suite());
  srunner_run_all(runner, CK_ENV);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
