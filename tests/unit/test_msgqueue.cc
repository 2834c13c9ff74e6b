#include <config.h>
#include "suites.hh"
// Placeholder: replaced by the real msgqueue suite.
Suite* msgqueue_suite() { return suite_create("msgqueue"); }
