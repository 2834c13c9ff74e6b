#include <config.h>
#include "suites.hh"
// Placeholder: replaced by the real program suite.
Suite* program_suite() { return suite_create("program"); }
