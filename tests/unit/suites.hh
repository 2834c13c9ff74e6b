// One Check suite per libipcutil module; check_ipcutil.cc runs them all.
#pragma once
#include <check.h>
// check.h defines a fail() macro that breaks std::basic_ios::fail() in any
// standard header included after it.
#undef fail

Suite* program_suite();
Suite* quote_suite();
Suite* parse_suite();
Suite* signals_suite();
Suite* fd_suite();
Suite* deadline_suite();
Suite* object_suite();
Suite* kinds_suite();
Suite* fspath_suite();
Suite* msgqueue_suite();
Suite* pidfile_suite();
Suite* options_suite();
Suite* framing_suite();
Suite* termination_suite();
Suite* semaphore_suite();
Suite* shm_suite();
Suite* procscan_suite();
Suite* escape_suite();
Suite* unixsock_suite();
Suite* sigformat_suite();
