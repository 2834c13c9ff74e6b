#include <config.h>
#include "suites.hh"
// Placeholder: replaced by the real quote suite.
Suite* quote_suite() { return suite_create("quote"); }
