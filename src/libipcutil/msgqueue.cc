#include "libipcutil/msgqueue.hh"
