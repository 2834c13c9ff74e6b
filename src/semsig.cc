// semsig: add N units to a System V or POSIX semaphore (V, post), so that
// semwait -- or any program waiting on it -- can go on.
//
// System V adds all N in one semop, without SEM_UNDO: the units stay after
// semsig exits.  A post that would take the value past its maximum adds
// nothing and says so.

#include <config.h>

#include <errno.h>
#include <error.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "libipcutil/deadline.hh"
#include "libipcutil/help.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/object.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"
#include "libipcutil/semaphore.hh"

using namespace ipcutil;

namespace {

const struct option long_options[] = {
    IPCUTIL_SELECTOR_LONG_OPTIONS, IPCUTIL_CREATE_LONG_OPTIONS,
    IPCUTIL_SEM_LONG_OPTIONS,      IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

[[noreturn]] void usage(int status) {
  if (status != exit_ok) try_help();
  printf(_("Usage: %s [OPTION]...\n"), program_name());
  fputs(_("Add units to a System V or POSIX semaphore (the V or post "
          "operation),\n"
          "waking whoever waits for them, such as semwait.\n"),
        stdout);
  emit_selector_and_create_help(
      _("\nSelecting the semaphore (exactly one of -k, -f, -i, -n):\n"), true);
  fputs(_("  -V, --value=N          the value a semaphore this call creates "
          "starts\n"
          "                           with, before the units are added "
          "(default 0)\n"),
        stdout);
  emit_sem_option_help();
  fputs(_("\nSignalling:\n"), stdout);
  fputs(_("  -N, --count=N          add N units (default 1)\n"), stdout);
  fputs(_("      --show             print the current value and change "
          "nothing\n"),
        stdout);
  fputs(_("      --remove           remove the semaphore afterwards, if it is "
          "ours\n"),
        stdout);
  emit_standard_options_help();
  emit_values_help(help_key_id_mode);
  fputs(
      _("\nSystem V adds the N units in one atomic operation; POSIX posts them "
        "one\n"
        "at a time.  A semaphore holds at most 32767 (System V) or 2147483647\n"
        "(POSIX): a post that would exceed that adds nothing and fails.\n"),
      stdout);
  emit_exit_status_help(false);
  emit_help_footer();
  exit(exit_ok);
}

}  // namespace

int main(int argc, char** argv) {
  initialize_program(argc, argv);
  object_selector sel;
  create_options create;
  sem_options opts;

  int c;
  while ((c = getopt_long(argc, argv, IPCUTIL_SEM_PROGRAM_SHORT_OPTIONS,
                          long_options, nullptr)) != -1) {
    if (!take_sem_program_option(sel, create, opts, c, optarg))
      standard_option(c, usage);
  }
  if (optind < argc) usage_error(_("extra operand %s"), quote(argv[optind]));
  finish_sem_program_options(sel, create, opts);

  semaphore s;
  // Nothing here waits, except a --create that finds a set whose creator
  // has not set its value yet: for that, the grace of semaphore::open.
  int status = open_for_program(s, sel, create, opts, 0, deadline::never(),
                                opts.show ? 0400 : 0600, exit_failure);
  if (status != exit_ok) return status;
  if (opts.show) return show_value(s, exit_failure);

  long n = opts.count.value_or(1);
  sem_status r = s.post(static_cast<unsigned>(n));
  if (r != sem_status::ok) {
    switch (r) {
      case sem_status::overflow: {
        long now = s.value();
        if (now >= 0)
          error(0, 0,
                _("cannot add %ld to %s: the value would exceed %ld (it is %ld "
                  "now)"),
                n, s.description().c_str(), s.max_value(), now);
        else
          error(0, 0, _("cannot add %ld to %s: the value would exceed %ld"), n,
                s.description().c_str(), s.max_value());
        break;
      }
      case sem_status::removed:
        error(0, 0, _("cannot add %ld to %s: it was removed"), n,
              s.description().c_str());
        break;
      case sem_status::out_of_range:
        error(0, 0, _("cannot add %ld to %s: index %u is not in the set"), n,
              s.description().c_str(), s.index());
        break;
      default:
        error(0, errno, _("cannot add %ld to %s"), n, s.description().c_str());
    }
    return exit_failure;
  }
  if (opts.remove) return remove_if_ours(s, create, exit_failure);
  return exit_ok;
}
