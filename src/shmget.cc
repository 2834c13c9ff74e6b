// shmget: write the contents of a System V or POSIX shared memory segment
// to standard output.
//
// The segment is attached read-only, so a segment we may only read (mode
// 0400) works.  The kernel copies (shm.hh): one sendfile into a file or a
// device where the segment opens as a file, else through a small buffer;
// a POSIX object is never read through a mapping, so another process that
// shrinks it makes a clean error, never a SIGBUS.
// With --lock the range is copied to memory while the lock is held and
// written out after it is given back: a slow reader of our output never
// holds up the writers.

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <climits>
#include <memory>
#include <new>
#include <cstdint>
#include <optional>
#include <vector>

#include "libipcutil/deadline.hh"
#include "libipcutil/fd.hh"
#include "libipcutil/help.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/object.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"
#include "libipcutil/shm.hh"

using namespace ipcutil;

namespace {

const struct option long_options[] = {
    IPCUTIL_SELECTOR_LONG_OPTIONS,
    {"offset", required_argument, nullptr, 'o'},
    {"length", required_argument, nullptr, 'l'},
    {"raw", no_argument, nullptr, 'r'},
    IPCUTIL_SHM_LONG_OPTIONS,
    {"allow-foreign", no_argument, nullptr, ::ipcutil::option_allow_foreign},
    IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

[[noreturn]] void usage(int status) {
  if (status != exit_ok) try_help();
  printf(_("Usage: %s [OPTION]...\n"), program_name());
  fputs(_("Write the contents of a System V or POSIX shared memory segment to\n"
          "standard output: by default as text, up to the first NUL byte (a C\n"
          "string), followed by a newline.\n"),
        stdout);
  emit_mandatory_arguments_help();
  fputs(_("\nSelecting the segment (exactly one of -k, -f, -i, -n):\n"),
        stdout);
  emit_selector_help();
  fputs(_("\nReading:\n"), stdout);
  fputs(_("  -o, --offset=SIZE      start at this byte of the segment (default "
          "0)\n"),
        stdout);
  fputs(_("  -l, --length=SIZE      read this many bytes (default: to the "
          "end)\n"),
        stdout);
  fputs(_("  -r, --raw              write the exact bytes, with no newline\n"),
        stdout);
  emit_shm_option_help(false);
  fputs(_("      --allow-foreign    with --remove, remove it even if another "
          "user\n"
          "                           owns or created it\n"),
        stdout);
  emit_standard_options_help();
  emit_values_help(help_key_id_mode | help_size | help_duration);
  fputs(_("\nThe lock is the System V semaphore set with the segment's key, or "
          "the\n"
          "POSIX named semaphore with the object's name, created with value 1 "
          "when\n"
          "missing; shmput --lock takes the same one.  When the output cannot "
          "be\n"
          "written the segment is never removed.\n"),
        stdout);
  emit_exit_status_help(true);
  emit_help_footer();
  exit(exit_ok);
}

struct settings {
  object_selector sel;
  create_options create;  // only --allow-foreign, for --remove
  std::uint64_t offset = 0;
  std::optional<std::uint64_t> length;
  bool raw = false;
  shm_options shm;  // --lock, --timeout, --remove, --force
};

[[noreturn]] void copy_failed(const shared_memory& seg, shm_status r) {
  if (r == shm_status::write_failed) write_error(errno);
  if (r == shm_status::shrunk)
    die(exit_failure, 0, _("cannot read %s: another process made it smaller"),
        seg.description().c_str());
  die(exit_failure, errno, _("cannot read %s"), seg.description().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  initialize_program(argc, argv);
  settings s;

  int c;
  while ((c = getopt_long(
              argc, argv,
              IPCUTIL_SELECTOR_SHORT_OPTIONS IPCUTIL_SHM_SHORT_OPTIONS "o:l:r",
              long_options, nullptr)) != -1) {
    if (take_selector_option(s.sel, c, optarg) ||
        take_shm_option(s.shm, c, optarg))
      continue;
    switch (c) {
      case 'o':
        s.offset = xparse_size(optarg, 0, UINT64_MAX, _("invalid offset"));
        break;
      case 'l':
        s.length = xparse_size(optarg, 0, UINT64_MAX, _("invalid length"));
        break;
      case 'r':
        s.raw = true;
        break;
      case option_allow_foreign:
        s.create.allow_foreign = true;
        break;
      default:
        standard_option(c, usage);
    }
  }
  if (optind < argc) usage_error(_("extra operand %s"), quote(argv[optind]));
  finish_selector(s.sel);
  finish_create_options(s.create, s.sel, s.shm.remove);
  finish_shm_options(s.shm);

  shared_memory seg;
  if (!seg.open(s.sel, create_options{}, shm_access::read, 0))
    return exit_failure;
  if (s.offset > seg.size())
    die(exit_failure, 0, _("offset %llu is past the end of %s (%llu bytes)"),
        static_cast<unsigned long long>(s.offset), seg.description().c_str(),
        static_cast<unsigned long long>(seg.size()));
  std::uint64_t room = seg.size() - s.offset;
  std::uint64_t length = s.length.value_or(room);
  if (length > room)
    die(exit_failure, 0,
        _("cannot read %llu bytes from offset %llu of %s: it has %llu bytes"),
        static_cast<unsigned long long>(length),
        static_cast<unsigned long long>(s.offset), seg.description().c_str(),
        static_cast<unsigned long long>(seg.size()));

  shm_lock lock;
  if (s.shm.lock) {
    if (length > SIZE_MAX)
      die(exit_failure, ENOMEM, _("cannot read %s"), seg.description().c_str());
    // Not zeroed first: every byte is copied over.
    auto n = static_cast<std::size_t>(length);
    std::unique_ptr<char[]> copy(new (std::nothrow) char[n == 0 ? 1 : n]);
    if (!copy)
      die(exit_failure, ENOMEM, _("cannot read %s"), seg.description().c_str());
    shm_status r;
    {
      switch (lock.acquire(seg, deadline::from_option(s.shm.timeout))) {
        case lock_result::ok:
          break;
        case lock_result::timed_out:
          die(exit_timeout, 0,
              s.shm.timeout && s.shm.timeout->count() == 0
                  ? _("the lock %s is taken")
                  : _("timed out waiting for the lock %s"),
              lock.description().c_str());
        case lock_result::failed:
          return exit_failure;
      }
      r = seg.read_at(s.offset, copy.get(), n);
      lock.release();
    }
    if (r != shm_status::ok) copy_failed(seg, r);
    if (!s.raw) {
      if (const void* nul = memchr(copy.get(), '\0', n))
        n = static_cast<std::size_t>(static_cast<const char*>(nul) -
                                     copy.get());
    }
    if (!write_full(STDOUT_FILENO, copy.get(), n)) write_error(errno);
    if (!s.raw && !write_full(STDOUT_FILENO, "\n", 1)) write_error(errno);
  } else {
    std::uint64_t done = 0;
    shm_status r = seg.write_to(STDOUT_FILENO, s.offset, length, !s.raw, &done);
    if (r != shm_status::ok) copy_failed(seg, r);
    if (!s.raw && !write_full(STDOUT_FILENO, "\n", 1)) write_error(errno);
  }

  if (s.shm.remove &&
      (seg.remove_if_owned(s.create.allow_foreign, s.shm.force) !=
           remove_result::removed ||
       !lock.remove_if_ours()))
    return exit_failure;
  return exit_ok;
}
