// Building the selector and creation options that the library's object
// tests pass in, as a program's option parsing would.
#pragma once

#include <check.h>
#include <sys/types.h>

#include "libipcutil/object.hh"

// The selector that option OPT (-k, -f, -i, -n) with ARG makes.
inline ipcutil::object_selector selector(int opt, const char* arg) {
  ipcutil::object_selector sel;
  ck_assert(ipcutil::take_selector_option(sel, opt, arg));
  return sel;
}

// --create, with --mode=MODE.
inline ipcutil::create_options creating(mode_t mode = 0600) {
  ipcutil::create_options c;
  c.create = true;
  c.mode = mode;
  return c;
}
