#include <config.h>
#include "suites.hh"
// Placeholder: replaced by the real deadline suite.
Suite* deadline_suite() { return suite_create("deadline"); }
