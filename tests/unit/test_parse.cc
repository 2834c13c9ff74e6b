#include <config.h>
#include "suites.hh"
// Placeholder: replaced by the real parse suite.
Suite* parse_suite() { return suite_create("parse"); }
