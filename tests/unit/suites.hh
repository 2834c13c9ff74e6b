// One Check suite per libipcutil module; check_ipcutil.cc runs them all.
#pragma once
#include <check.h>

Suite* program_suite();
Suite* quote_suite();
Suite* parse_suite();
Suite* signals_suite();
Suite* fd_suite();
Suite* deadline_suite();
Suite* object_suite();
Suite* msgqueue_suite();
