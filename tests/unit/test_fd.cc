#include <config.h>
#include "suites.hh"
// Placeholder: replaced by the real fd suite.
Suite* fd_suite() { return suite_create("fd"); }
