#include <config.h>
#include "suites.hh"
// Placeholder: replaced by the real object suite.
Suite* object_suite() { return suite_create("object"); }
