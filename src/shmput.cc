// shmput: copy a file or standard input into a System V or POSIX shared
// memory segment.
//
// The segment is left unchanged unless the whole input fits: a regular
// file's size is known from fstat, so it is copied in as it is read;
// other input (a pipe, a terminal) is read first into memory, at
// most what fits plus one byte, and copied in afterwards.  With --lock the
// copy happens while holding the segment's lock (shm.hh), so a reader
// that locks too never sees half of it.

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
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

enum { CLEAR_OPTION = CHAR_MAX + 1 };

const struct option long_options[] = {
    IPCUTIL_SELECTOR_LONG_OPTIONS,
    IPCUTIL_CREATE_LONG_OPTIONS,
    {"size", required_argument, nullptr, 's'},
    {"offset", required_argument, nullptr, 'o'},
    {"c-string", no_argument, nullptr, 'C'},
    {"clear", no_argument, nullptr, CLEAR_OPTION},
    IPCUTIL_SHM_LONG_OPTIONS,
    IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

[[noreturn]] void usage(int status) {
  if (status != exit_ok) try_help();
  printf(_("Usage: %s [OPTION]... [FILE]\n"), program_name());
  fputs(_("Copy FILE, or standard input when FILE is missing or -, into a "
          "System V\n"
          "or POSIX shared memory segment.\n"),
        stdout);
  emit_selector_and_create_help(
      _("\nSelecting the segment (exactly one of -k, -f, -i, -n):\n"), true);
  fputs(_("  -s, --size=SIZE        the size of a segment this call creates "
          "(default:\n"
          "                           the offset plus the input, plus 1 with "
          "-C)\n"),
        stdout);
  fputs(_("\nWriting:\n"), stdout);
  fputs(_("  -o, --offset=SIZE      write at this byte of the segment (default "
          "0)\n"),
        stdout);
  fputs(_("  -C, --c-string         write a NUL byte after the data, for C "
          "programs\n"
          "                           that print the segment as a string\n"),
        stdout);
  fputs(_("      --clear            zero the rest of the segment after the "
          "data\n"),
        stdout);
  emit_shm_option_help(true);
  emit_standard_options_help();
  emit_values_help(help_key_id_mode | help_size | help_duration);
  fputs(
      _("\nThe segment is changed only when all of the input fits between the\n"
        "offset and its end; otherwise shmput fails and leaves it as it was.\n"
        "The lock is the System V semaphore set with the segment's key, or "
        "the\n"
        "POSIX named semaphore with the object's name, created with value 1 "
        "when\n"
        "missing; shmget --lock takes the same one.\n"),
      stdout);
  emit_exit_status_help(true);
  emit_help_footer();
  exit(exit_ok);
}

struct settings {
  object_selector sel;
  create_options create;
  std::optional<std::uint64_t> size;
  const char* size_arg = nullptr;  // for the diagnostic of --size=0
  std::uint64_t offset = 0;
  bool c_string = false;
  bool clear = false;
  shm_options shm;             // --lock, --timeout, --remove, --force
  const char* file = nullptr;  // null: standard input
};

// The input: its descriptor, and either its exact length (a regular file)
// or its bytes, read ahead into memory.
struct input {
  unique_fd owned;
  int fd = STDIN_FILENO;
  bool regular = false;
  std::uint64_t length = 0;  // regular: from fstat; otherwise staged.size()
  bool complete = false;     // staged holds all of the input
  std::vector<char> staged;
};

void report_read_error(const settings& s, int err) {
  if (s.file != nullptr)
    warn(err, _("cannot read %s"), quote(s.file));
  else
    warn(err, _("cannot read standard input"));
}

void open_input(const settings& s, input& in) {
  if (s.file != nullptr) {
    in.owned.reset(open(s.file, O_RDONLY | O_CLOEXEC));
    if (!in.owned) die(exit_failure, errno, _("cannot open %s"), quote(s.file));
    in.fd = in.owned.get();
  }
  struct stat st;
  if (fstat(in.fd, &st) != 0) {
    report_read_error(s, errno);
    exit(exit_failure);
  }
  if (S_ISREG(st.st_mode)) {
    off_t pos = lseek(in.fd, 0, SEEK_CUR);
    if (pos >= 0) {
      in.regular = true;
      in.length =
          pos < st.st_size ? static_cast<std::uint64_t>(st.st_size - pos) : 0;
    }
  }
}

// Reads the input into memory until its end or LIMIT bytes; complete says
// whether the end came first.  False when diagnosed.
bool stage_input(const settings& s, input& in, std::uint64_t limit) {
  std::size_t used = 0;
  for (;;) {
    if (used == limit) break;
    if (used == in.staged.size()) {
      std::uint64_t grow = std::max<std::uint64_t>(64 * 1024, in.staged.size());
      in.staged.resize(static_cast<std::size_t>(
          std::min<std::uint64_t>(limit, used + grow)));
    }
    ssize_t n = read(in.fd, in.staged.data() + used, in.staged.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      report_read_error(s, errno);
      return false;
    }
    if (n == 0) {
      in.complete = true;
      break;
    }
    used += static_cast<std::size_t>(n);
  }
  in.staged.resize(used);
  in.length = used;
  return true;
}

// The largest segment that can be created: a bound for reading stdin
// ahead when its length decides the size.
std::uint64_t creation_limit(const settings& s) {
  std::uint64_t limit = s.sel.posix() ? posix_shm_room() : sysv_shm_max();
  return std::min<std::uint64_t>(limit, SIZE_MAX / 2);
}

void report_copy_error(const shared_memory& seg, const settings& s,
                       shm_status r) {
  if (r == shm_status::shrunk)
    warn(0, _("cannot write to %s: another process made it smaller"),
         seg.description().c_str());
  else if (r == shm_status::read_failed && s.file != nullptr)
    warn(errno, _("cannot read %s"), quote(s.file));
  else if (r == shm_status::read_failed)
    warn(errno, _("cannot read standard input"));
  else
    warn(errno, _("cannot write to %s"), seg.description().c_str());
}

// Blocks the termination signals while a POSIX lock is held: nothing
// would give it back if we died holding it.
class signals_held {
 public:
  signals_held() {
    sigset_t set;
    sigemptyset(&set);
    for (int signo : {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE})
      sigaddset(&set, signo);
    sigprocmask(SIG_BLOCK, &set, &old_);
  }
  ~signals_held() { sigprocmask(SIG_SETMASK, &old_, nullptr); }
  signals_held(const signals_held&) = delete;
  signals_held& operator=(const signals_held&) = delete;

 private:
  sigset_t old_;
};

}  // namespace

int main(int argc, char** argv) {
  initialize_program(argc, argv);
  settings s;

  int c;
  while ((c = getopt_long(
              argc, argv,
              IPCUTIL_SELECTOR_SHORT_OPTIONS IPCUTIL_CREATE_SHORT_OPTIONS
                  IPCUTIL_SHM_SHORT_OPTIONS "s:o:C",
              long_options, nullptr)) != -1) {
    if (take_selector_option(s.sel, c, optarg) ||
        take_create_option(s.create, c, optarg) ||
        take_shm_option(s.shm, c, optarg))
      continue;
    switch (c) {
      case 's':
        s.size = xparse_size(optarg, 0, UINT64_MAX, _("invalid size"));
        s.size_arg = optarg;
        break;
      case 'o':
        s.offset = xparse_size(optarg, 0, UINT64_MAX, _("invalid offset"));
        break;
      case 'C':
        s.c_string = true;
        break;
      case CLEAR_OPTION:
        s.clear = true;
        break;
      default:
        standard_option(c, usage);
    }
  }
  if (optind < argc && strcmp(argv[optind], "-") != 0) s.file = argv[optind];
  if (optind + 1 < argc)
    usage_error(_("extra operand %s"), quote(argv[optind + 1]));
  finish_selector(s.sel);
  finish_create_options(s.create, s.sel, s.shm.remove);
  if (s.size && !s.create.create)
    usage_error(_("option --size needs --create"));
  // Known now, so refused now (status 2), not when creating (POSIX
  // objects may be empty).
  if (s.size && *s.size == 0 && s.sel.sysv())
    die(exit_usage, 0,
        _("invalid size: %s: a System V segment needs at least 1 byte"),
        quote(s.size_arg));
  finish_shm_options(s.shm);

  // Everything about the input that can fail, fails before anything is
  // created.
  input in;
  open_input(s, in);
  std::uint64_t nul = s.c_string ? 1 : 0;
  std::uint64_t create_size = 0;
  if (s.create.create) {
    // The input's length decides the size: read it all first, up to
    // one byte more than any segment can take.
    if (!s.size && !in.regular && !stage_input(s, in, creation_limit(s) + 1))
      return exit_failure;
    if (s.size)
      create_size = *s.size;
    else if (in.length > UINT64_MAX - s.offset - nul)
      create_size = UINT64_MAX;
    else
      create_size = s.offset + in.length + nul;
    // A System V segment holds at least one byte (SHMMIN): an empty input
    // makes the smallest one, as an empty file makes an empty object.
    if (!s.size && create_size == 0 && !s.sel.posix()) create_size = 1;
  }

  shared_memory seg;
  bool at_least = s.create.create && !s.size && !in.regular && !in.complete;
  if (!seg.open(s.sel, s.create, shm_access::write, create_size, at_least))
    return exit_failure;
  if (seg.created() && !seg.posix() && sysv_shm_rmid_forced())
    warn(0,
         _("warning: kernel.shm_rmid_forced is 1: %s will be removed when "
           "shmput exits"),
         seg.description().c_str());
  // From here on, a failure removes what this run created.
  auto fail = [&](int status) {
    if (seg.created()) seg.remove();
    return status;
  };

  if (s.offset > seg.size()) {
    warn(0, _("offset %llu is past the end of %s (%llu bytes)"),
         static_cast<unsigned long long>(s.offset), seg.description().c_str(),
         static_cast<unsigned long long>(seg.size()));
    return fail(exit_failure);
  }
  std::uint64_t room = seg.size() - s.offset;
  std::uint64_t fits = room >= nul ? room - nul : 0;
  bool too_long = room < nul;
  if (!in.regular && !in.complete &&
      !stage_input(s, in, fits + 1))  // and one byte to tell
    return fail(exit_failure);
  if (too_long || in.length > fits || (!in.regular && !in.complete)) {
    if (in.regular || in.complete)
      warn(0,
           ngettext("cannot write to %s: %llu byte does not fit in the %llu "
                    "bytes from offset %llu to its end",
                    "cannot write to %s: %llu bytes do not fit in the %llu "
                    "bytes from offset %llu to its end",
                    static_cast<unsigned long>(in.length + nul)),
           seg.description().c_str(),
           static_cast<unsigned long long>(in.length + nul),
           static_cast<unsigned long long>(room),
           static_cast<unsigned long long>(s.offset));
    else
      warn(0,
           _("cannot write to %s: the input is longer than the %llu bytes from "
             "offset %llu to its end"),
           seg.description().c_str(), static_cast<unsigned long long>(fits),
           static_cast<unsigned long long>(s.offset));
    return fail(exit_failure);
  }

  std::optional<signals_held> held;
  shm_lock lock;
  if (s.shm.lock) {
    held.emplace();
    switch (lock.acquire(seg, deadline::from_option(s.shm.timeout))) {
      case lock_result::ok:
        break;
      case lock_result::timed_out:
        warn(0,
             s.shm.timeout && s.shm.timeout->count() == 0
                 ? _("the lock %s is taken")
                 : _("timed out waiting for the lock %s"),
             lock.description().c_str());
        return fail(exit_timeout);
      case lock_result::failed:
        return fail(exit_failure);
    }
  }

  std::uint64_t written = in.length;
  shm_status r;
  if (in.regular) {
    std::size_t done = 0;
    r = seg.read_from(in.fd, s.offset, static_cast<std::size_t>(in.length),
                      &done);
    written = done;  // a file that shrank meanwhile gives less
  } else {
    r = seg.write_at(s.offset, in.staged.data(), in.staged.size());
  }
  if (r == shm_status::ok && s.c_string)
    r = seg.write_at(s.offset + written, "", 1);
  if (r == shm_status::ok && s.clear)
    r = seg.zero(s.offset + written + nul, room - written - nul);
  lock.release();
  held.reset();
  if (r != shm_status::ok) {
    report_copy_error(seg, s, r);
    return fail(exit_failure);
  }

  if (s.shm.remove &&
      (seg.remove_if_owned(s.create.allow_foreign, s.shm.force) !=
           remove_result::removed ||
       !lock.remove_if_ours()))
    return exit_failure;
  return exit_ok;
}
