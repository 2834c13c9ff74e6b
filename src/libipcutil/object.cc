#include "libipcutil/object.hh"
