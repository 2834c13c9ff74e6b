// Runs every libipcutil suite.  CK_ENV lets CK_VERBOSITY, CK_RUN_SUITE and
// CK_RUN_CASE pick the output and the cases, as Check documents.
#include <config.h>
#include <signal.h>
#include <cstdlib>
#include <initializer_list>
#include "suites.hh"

// Under nohup, or a runner that ignores SIGPIPE, the suites would inherit
// ignored signals and test the runner instead of the library: start from
// the defaults (the suites that test inherited dispositions set them).
static void reset_signal_dispositions() {
  for (int sig = 1; sig < NSIG; ++sig)
    if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

int main() {
  reset_signal_dispositions();
  SRunner* runner = srunner_create(program_suite());
  for (Suite* s :
       {quote_suite(), parse_suite(), signals_suite(), fd_suite(),
        deadline_suite(), object_suite(), msgqueue_suite(), kinds_suite(),
        fspath_suite(), pidfile_suite(), options_suite(), framing_suite(),
        termination_suite(), semaphore_suite(), shm_suite(), procscan_suite(),
        escape_suite(), unixsock_suite(), sigformat_suite()})
    srunner_add_suite(runner, s);
  srunner_run_all(runner, CK_ENV);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
