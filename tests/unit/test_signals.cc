#include <config.h>
#include "suites.hh"
// Placeholder: replaced by the real signals suite.
Suite* signals_suite() { return suite_create("signals"); }
