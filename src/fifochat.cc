// fifochat: a two-party chat, or a line relay, over a pair of named FIFOs.
//
// The tutorial's chat (tests/helpers/chat_A.c, chat_B.c) deadlocks because
// both sides open their sending FIFO first, and talks in strict turns.  Here
// the receiving end is opened first without blocking, which lets the peer's
// blocking open of its sending end return whatever the start order; then
// the sending end is opened (blocking until the peer reads it, under the
// deadline).  One poll() loop then moves stdin to SEND_FIFO and
// RECEIVE_FIFO to stdout as data comes, in both directions at once.
//
// SEND_FIFO is non-blocking once open, so neither side can stall in a
// write while the other waits for it to read: two fifochats sending to
// each other never deadlock.  Records that fit in PIPE_BUF go out whole in
// one write() each (several may share one), so they never interleave with
// another writer's.  SIGPIPE is ignored: a peer that stops reading is an
// EPIPE or POLLERR, "peer left", status 0.

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <optional>
#include <string>
#include <vector>

#include "libipcutil/deadline.hh"
#include "libipcutil/escape.hh"
#include "libipcutil/fd.hh"
#include "libipcutil/fspath.hh"
#include "libipcutil/help.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/kinds.hh"
#include "libipcutil/object.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"
#include "libipcutil/termination.hh"

using namespace ipcutil;

namespace {

enum {
  REMOVE_OPTION = CHAR_MAX + 1,
  STAY_OPTION,
};

const struct option long_options[] = {
    IPCUTIL_CREATE_LONG_OPTIONS,
    {"remove", no_argument, nullptr, REMOVE_OPTION},
    {"stay", no_argument, nullptr, STAY_OPTION},
    {"count", required_argument, nullptr, 'N'},
    {"zero-terminated", no_argument, nullptr, 'z'},
    {"raw", no_argument, nullptr, 'r'},
    {"prefix", required_argument, nullptr, 'p'},
    IPCUTIL_TIMEOUT_LONG_OPTIONS,
    IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

[[noreturn]] void usage(int status) {
  if (status != exit_ok) try_help();
  printf(_("Usage: %s [OPTION]... SEND_FIFO RECEIVE_FIFO\n"), program_name());
  fputs(
      _("Send the lines of standard input to SEND_FIFO as they are entered, "
        "and\n"
        "write the lines arriving on RECEIVE_FIFO to standard output as they\n"
        "arrive: a two-party chat, or a relay between scripts.  The peer runs\n"
        "with the two FIFOs swapped, or is any program that reads one and\n"
        "writes the other.\n"),
      stdout);
  emit_mandatory_arguments_help();
  fputs(_("\nThe FIFOs:\n"), stdout);
  fputs(_("  -c, --create           make the FIFOs that do not exist\n"),
        stdout);
  fputs(_("  -x, --exclusive        make both FIFOs; fail if one already "
          "exists\n"),
        stdout);
  fputs(_("  -m, --mode=MODE        permissions of a FIFO made by --create, in "
          "octal\n"
          "                           (default 0600; the umask does not "
          "apply)\n"),
        stdout);
  fputs(_("      --allow-foreign    accept a FIFO that belongs to another "
          "user\n"),
        stdout);
  fputs(
      _("      --remove           remove at exit the FIFOs this run created\n"),
      stdout);
  fputs(_("\nThe peer:\n"), stdout);
  fputs(
      _("  -w, --timeout=DURATION\n"
        "                         exit with status 3 if no peer comes within\n"
        "                         DURATION (default: wait for one)\n"),
      stdout);
  fputs(_("      --nonblock         exit with status 3 unless a peer is there "
          "now:\n"
          "                           same as --timeout=0\n"),
        stdout);
  fputs(_("      --stay             when the peer leaves, wait for the next "
          "one\n"),
        stdout);
  fputs(_("\nThe data:\n"), stdout);
  fputs(_("  -N, --count=N          exit after receiving N records\n"), stdout);
  fputs(_("  -z, --zero-terminated  records end with NUL, not newline\n"),
        stdout);
  fputs(_("  -r, --raw              move bytes both ways unchanged, with no "
          "records\n"),
        stdout);
  fputs(_("  -p, --prefix=STRING    put STRING before every record received\n"),
        stdout);
  emit_standard_options_help();
  emit_values_help(help_duration);
  fputs(
      _("\nThe receiving end is opened first, without blocking, so the two "
        "sides\n"
        "never deadlock in open(), whichever starts first.  When standard "
        "input\n"
        "ends, SEND_FIFO is closed (the peer sees end of file) and what still\n"
        "arrives is printed until the peer closes too.  When the peer goes "
        "away,\n"
        "fifochat says \"peer left\" and exits with status 0.  In text mode a "
        "NUL\n"
        "byte also ends a record, so C strings sent with their terminator "
        "print\n"
        "as lines.  On a terminal, control characters received are shown "
        "escaped\n"
        "(^[ for ESC); other output is passed through unchanged.\n"),
      stdout);
  emit_exit_status_help(true);
  emit_help_footer();
  exit(exit_ok);
}

enum class framing { lines, zero, raw };

struct settings {
  const char* send_path = nullptr;
  const char* recv_path = nullptr;
  create_options create;
  bool remove = false;
  bool stay = false;
  std::optional<unsigned long> count;
  framing frame = framing::lines;
  std::optional<std::string> prefix;
  std::optional<duration> timeout;
};

// ---- the FIFOs --------------------------------------------------------------

struct fifo {
  const char* path = nullptr;
  bool created = false;  // by this run: --remove removes it
  dev_t dev = 0;
  ino_t ino = 0;
};

fifo fifos[2];  // SEND_FIFO, RECEIVE_FIFO
bool remove_at_exit = false;

// Removes what this run created, if it is still the FIFO we made.  Runs
// at exit and before a death by signal.
void remove_created_fifos() {
  if (!remove_at_exit) return;
  remove_at_exit = false;
  for (fifo& f : fifos) {
    struct stat st;
    if (!f.created || lstat(f.path, &st) != 0 || !S_ISFIFO(st.st_mode) ||
        st.st_dev != f.dev || st.st_ino != f.ino)
      continue;
    if (unlink(f.path) != 0)
      warn(errno, _("cannot remove %s"),
           describe_path(path_type::fifo, f.path).c_str());
    f.created = false;
  }
}

// Checks both paths before either is made or opened: an existing one must
// be a FIFO, not a symbolic link, and ours unless --allow-foreign; a
// missing one needs --create.  Diagnosed.
bool check_paths(const settings& s) {
  for (const fifo& f : fifos) {
    switch (
        check_existing_path(f.path, path_type::fifo, s.create.allow_foreign)) {
      case path_check::ok:
        if (!s.create.exclusive) break;
        warn(EEXIST, _("cannot create %s"),
             describe_path(path_type::fifo, f.path).c_str());
        return false;
      case path_check::missing:
        if (s.create.create) break;
        warn(0, _("%s does not exist"),
             describe_path(path_type::fifo, f.path).c_str());
        return false;
      case path_check::refused:
        return false;
    }
  }
  struct stat a, b;
  if (lstat(s.send_path, &a) == 0 && lstat(s.recv_path, &b) == 0 &&
      a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
    warn(0, _("%s and %s are the same FIFO"), quote(s.send_path),
         quote(s.recv_path));
    return false;
  }
  return true;
}

// Makes F with --create if missing, remembering what we made for --remove.
bool prepare(fifo& f, const settings& s) {
  if (!prepare_fifo(f.path, s.create, &f.created)) return false;
  struct stat st;
  if (f.created && lstat(f.path, &st) == 0) {
    f.dev = st.st_dev;
    f.ino = st.st_ino;
  }
  return true;
}

// The checks of check_paths() again on an opened descriptor (the path may
// have been replaced since), and the exact mode of a FIFO we made (a
// default ACL on the directory could have changed it).  Diagnosed.
bool check_opened(const fifo& f, int fd, const settings& s) {
  std::string desc = describe_path(path_type::fifo, f.path);
  struct stat st;
  if (fstat(fd, &st) != 0) {
    warn(errno, _("cannot check %s"), desc.c_str());
    return false;
  }
  if (!S_ISFIFO(st.st_mode)) {
    warn(0, _("%s exists and is not a FIFO"), desc.c_str());
    return false;
  }
  if (!check_owner(owner_from(st), desc, s.create.allow_foreign)) return false;
  if (f.created && st.st_dev == f.dev && st.st_ino == f.ino &&
      (st.st_mode & 07777) != s.create.mode && fchmod(fd, s.create.mode) != 0) {
    warn(errno, _("cannot set the mode of %s"), desc.c_str());
    return false;
  }
  return true;
}

// A failed open() of F, diagnosed.
void open_failed(const fifo& f) {
  std::string desc = describe_path(path_type::fifo, f.path);
  if (errno == ELOOP)
    warn(0, _("%s is a symbolic link; refusing to follow it"), desc.c_str());
  else
    warn(errno, _("cannot open %s"), desc.c_str());
}

enum class open_result { ok, timed_out, failed };

// The receiving end: never blocks, so the peer's blocking open of its
// sending end returns.
open_result open_receiving(const fifo& f, const settings& s, unique_fd& out) {
  int fd = open(f.path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    open_failed(f);
    return open_result::failed;
  }
  out.reset(fd);
  return check_opened(f, fd, s) ? open_result::ok : open_result::failed;
}

// The sending end: blocks until the peer opens it for reading, until the
// deadline, or until a termination signal.
open_result open_sending(const fifo& f, const settings& s,
                         const deadline& until, unique_fd& out) {
  int fd = -1;
  auto attempt = [&](int extra) {
    fd = open(f.path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC | extra);
    return fd < 0 ? -1 : 0;
  };
  attempt_status r = attempt_until(
      until, [&] { return attempt(O_NONBLOCK); }, [&] { return attempt(0); },
      [](int err) { return err == ENXIO; });  // no reader yet
  if (r == attempt_status::interrupted) die_by_signal(stop_signal());
  if (r == attempt_status::would_block) {
    std::string desc = describe_path(path_type::fifo, f.path);
    if (until.is_immediate())
      warn(0, _("no peer is reading %s"), desc.c_str());
    else
      warn(0, _("timed out waiting for a peer to open %s"), desc.c_str());
    return open_result::timed_out;
  }
  if (r == attempt_status::failed) {
    open_failed(f);
    return open_result::failed;
  }
  out.reset(fd);
  if (!check_opened(f, fd, s)) return open_result::failed;
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
    open_failed(f);
    return open_result::failed;
  }
  return open_result::ok;
}

// ---- standard input to SEND_FIFO --------------------------------------------

// Bytes read from stdin and not yet sent.  [head, sendable) are whole
// records (or the start of one too long to be atomic anyway); the rest
// waits for its terminator.
class outbox {
 public:
  explicit outbox(const settings& s)
      : raw_(s.frame == framing::raw),
        term_(s.frame == framing::zero ? '\0' : '\n') {}

  // Stop reading stdin while this much waits to go out.
  static constexpr std::size_t high_water = 64 * 1024;
  std::size_t pending() const { return buf_.size() - head_; }
  bool has_sendable() const { return sendable_ > head_; }
  bool empty() const { return pending() == 0; }

  // Reads once from FD; 0 at end of file, -1 with errno on error.
  ssize_t fill(int fd) {
    compact();
    std::size_t old = buf_.size();
    buf_.resize(old + read_size);
    ssize_t n;
    do n = read(fd, buf_.data() + old, read_size);
    while (n < 0 && errno == EINTR);
    buf_.resize(old + (n > 0 ? static_cast<std::size_t>(n) : 0));
    if (n > 0) mark_sendable(old);
    return n;
  }

  // End of input: a last record without its terminator gets one.
  void finish() {
    if (!raw_ && sendable_ < buf_.size()) buf_.push_back(term_);
    sendable_ = buf_.size();
  }

  // Writes what may go now.  Returns false with errno on an error other
  // than a full pipe.
  bool send(int fd) {
    while (has_sendable()) {
      std::size_t len = next_write_size();
      ssize_t n = write(fd, buf_.data() + head_, len);
      if (n < 0) {
        if (errno == EINTR) continue;
        return errno == EAGAIN;
      }
      head_ += static_cast<std::size_t>(n);
    }
    return true;
  }

 private:
  static constexpr std::size_t read_size = 64 * 1024;

  void compact() {
    if (head_ == 0) return;
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(head_));
    sendable_ -= head_;
    head_ = 0;
  }

  // New bytes from FROM on: everything up to the last terminator may go;
  // so may an unfinished record already longer than PIPE_BUF, which
  // cannot be written atomically whatever we do.
  void mark_sendable(std::size_t from) {
    if (raw_) {
      sendable_ = buf_.size();
      return;
    }
    const char* base = buf_.data();
    const void* last = memrchr(base + from, term_, buf_.size() - from);
    if (last != nullptr)
      sendable_ =
          static_cast<std::size_t>(static_cast<const char*>(last) - base) + 1;
    if (buf_.size() - sendable_ > PIPE_BUF) sendable_ = buf_.size();
  }

  // As many whole records as fit in PIPE_BUF, so each goes out in one
  // atomic write; a record longer than that alone (the kernel may split
  // it, and another writer's records may come between its pieces).
  std::size_t next_write_size() const {
    std::size_t n = sendable_ - head_;
    if (raw_ || n <= PIPE_BUF) return n;
    const char* p = buf_.data() + head_;
    if (const void* t = memrchr(p, term_, PIPE_BUF))
      return static_cast<std::size_t>(static_cast<const char*>(t) - p) + 1;
    if (const void* t = memchr(p + PIPE_BUF, term_, n - PIPE_BUF))
      return static_cast<std::size_t>(static_cast<const char*>(t) - p) + 1;
    return n;
  }

  bool raw_;
  char term_;
  std::vector<char> buf_;
  std::size_t head_ = 0;
  std::size_t sendable_ = 0;
};

// ---- RECEIVE_FIFO to standard output ----------------------------------------

class printer {
 public:
  printer(const settings& s, bool terminal)
      : frame_(s.frame),
        prefix_(s.prefix.value_or("")),
        count_(s.count),
        escaping_(terminal && s.frame != framing::raw),
        escaper_(locale_is_utf8()) {}

  // Prints the records in DATA; true once --count records have come (the
  // bytes after the last one are dropped).
  bool take(const char* p, std::size_t n) {
    out_.clear();
    bool done =
        frame_ == framing::raw ? (out_.append(p, n), false) : split(p, n);
    flush();
    return done;
  }

  // End of file: an unfinished record is finished.  True once --count
  // records have come.
  bool end_of_file() {
    out_.clear();
    bool done = false;
    if (!at_start_) done = end_record();
    flush();
    return done;
  }

 private:
  bool is_terminator(char c) const {
    return c == '\0' || (c == '\n' && frame_ == framing::lines);
  }

  void text(const char* p, std::size_t n) {
    if (at_start_) {
      out_ += prefix_;
      at_start_ = false;
    }
    if (escaping_)
      escaper_.append(out_, std::string_view(p, n));
    else
      out_.append(p, n);
  }

  bool end_record() {
    if (at_start_) out_ += prefix_;
    if (escaping_) escaper_.finish(out_);
    out_ += frame_ == framing::zero ? '\0' : '\n';
    at_start_ = true;
    ++received_;
    return count_ && received_ >= *count_;
  }

  bool split(const char* p, std::size_t n) {
    std::size_t i = 0;
    while (i < n) {
      std::size_t j = i;
      while (j < n && !is_terminator(p[j])) ++j;
      if (j > i) text(p + i, j - i);
      if (j == n) break;
      // In text mode a NUL that would end an empty line is padding or the
      // terminator of a C string that ended in a newline: no line.
      bool skip = p[j] == '\0' && frame_ == framing::lines && at_start_;
      if (!skip && end_record()) return true;
      i = j + 1;
    }
    return false;
  }

  void flush() {
    if (out_.empty()) return;
    if (!write_full(STDOUT_FILENO, out_.data(), out_.size())) {
      int err = errno;
      if (err == EPIPE && !sigpipe_was_ignored()) die_by_signal(SIGPIPE);
      write_error(err);
    }
  }

  framing frame_;
  std::string prefix_;
  std::optional<unsigned long> count_;
  bool escaping_;
  terminal_escaper escaper_;
  std::string out_;
  bool at_start_ = true;
  unsigned long received_ = 0;
};

// ---- one peer
// ----------------------------------------------------------------

enum class session_end {
  finished,   // both sides closed their sending ends
  peer_left,  // the peer stopped reading while we still had things to send
  counted,    // --count records came
};

bool stdin_at_eof = false;

// Runs the exchange with one peer.  RECV and SEND are open; SEND is
// non-blocking.
session_end talk(const settings& s, unique_fd& recv, unique_fd& send,
                 outbox& box, printer& out) {
  bool peer_gone = false;
  // Nothing (more) to send: the peer sees end of file at once.
  if (stdin_at_eof && box.empty()) send.reset();

  std::vector<char> buf(64 * 1024);

  while (recv || send) {
    struct pollfd pfd[3];
    nfds_t n = 0;
    int in_i = -1, recv_i = -1, send_i = -1;
    if (send && !stdin_at_eof && box.pending() < outbox::high_water) {
      in_i = static_cast<int>(n);
      pfd[n++] = {STDIN_FILENO, POLLIN, 0};
    }
    if (recv) {
      recv_i = static_cast<int>(n);
      pfd[n++] = {recv.get(), POLLIN, 0};
    }
    if (send) {
      // Even with nothing to send, POLLERR tells that the peer stopped
      // reading.
      send_i = static_cast<int>(n);
      pfd[n++] = {send.get(),
                  static_cast<short>(box.has_sendable() ? POLLOUT : 0), 0};
    }
    // A termination signal interrupts poll(), or (arriving just before it)
    // the library's 10 ms kick does.
    if (poll(pfd, n, -1) < 0) {
      if (errno != EINTR) die(exit_failure, errno, _("cannot wait for data"));
      if (stop_signal() != 0) {
        recv.reset();
        send.reset();
        die_by_signal(stop_signal());
      }
      continue;
    }

    if (recv_i >= 0 && pfd[recv_i].revents != 0) {
      ssize_t got = read(recv.get(), buf.data(), buf.size());
      if (got > 0) {
        if (out.take(buf.data(), static_cast<std::size_t>(got)))
          return session_end::counted;
      } else if (got == 0) {
        // The peer closed its sending end (POLLHUP with nothing left).
        recv.reset();
        if (out.end_of_file()) return session_end::counted;
      } else if (errno != EAGAIN && errno != EINTR) {
        die(exit_failure, errno, _("cannot read from %s"),
            describe_path(path_type::fifo, s.recv_path).c_str());
      }
    }

    if (in_i >= 0 && pfd[in_i].revents != 0) {
      ssize_t got = box.fill(STDIN_FILENO);
      if (got < 0) die(exit_failure, errno, _("cannot read standard input"));
      if (got == 0) {
        stdin_at_eof = true;
        box.finish();
      }
    }

    if (send_i >= 0) {
      bool gone = (pfd[send_i].revents & POLLERR) != 0;
      if (!gone && box.has_sendable() && !box.send(send.get())) {
        if (errno != EPIPE)
          die(exit_failure, errno, _("cannot write to %s"),
              describe_path(path_type::fifo, s.send_path).c_str());
        gone = true;
      }
      if (gone) {
        // What the peer sent before it went is still printed.
        peer_gone = true;
        send.reset();
      } else if (stdin_at_eof && box.empty()) {
        send.reset();  // the half close: the peer sees end of file
      }
    }
  }
  return peer_gone ? session_end::peer_left : session_end::finished;
}

// Refuses a closed or write-only stdin and a closed or read-only stdout
// before anything is created.
void check_standard_streams() {
  // A closed descriptor holds initialize_program's O_PATH placeholder now.
  int in = fcntl(STDIN_FILENO, F_GETFL);
  if (stdio_was_closed(STDIN_FILENO) || in < 0 || (in & O_ACCMODE) == O_WRONLY)
    die(exit_failure, EBADF, _("cannot read standard input"));
  int out = fcntl(STDOUT_FILENO, F_GETFL);
  if (stdio_was_closed(STDOUT_FILENO) || out < 0 ||
      (out & O_ACCMODE) == O_RDONLY)
    write_error(EBADF);
}

}  // namespace

int main(int argc, char** argv) {
  initialize_program(argc, argv);
  settings s;

  int c;
  while (
      (c = getopt_long(
           argc, argv,
           IPCUTIL_CREATE_SHORT_OPTIONS IPCUTIL_TIMEOUT_SHORT_OPTIONS "N:zrp:",
           long_options, nullptr)) != -1) {
    if (take_create_option(s.create, c, optarg) ||
        take_timeout_option(c, optarg, s.timeout))
      continue;
    switch (c) {
      case REMOVE_OPTION:
        s.remove = true;
        break;
      case STAY_OPTION:
        s.stay = true;
        break;
      case 'N':
        s.count = static_cast<unsigned long>(
            xparse_uint(optarg, 1, ULONG_MAX, _("invalid count")));
        break;
      case 'z':
        s.frame = framing::zero;
        break;
      case 'r':
        s.frame = framing::raw;
        break;
      case 'p':
        s.prefix = optarg;
        break;
      default:
        standard_option(c, usage);
    }
  }
  if (argc - optind < 2) {
    if (argc == optind)
      usage_error(_("missing operands SEND_FIFO and RECEIVE_FIFO"));
    usage_error(_("missing operand RECEIVE_FIFO after %s"),
                quote(argv[optind]));
  }
  if (argc - optind > 2)
    usage_error(_("extra operand %s"), quote(argv[optind + 2]));
  s.send_path = argv[optind];
  s.recv_path = argv[optind + 1];
  if (strcmp(s.send_path, s.recv_path) == 0)
    usage_error(_("SEND_FIFO and RECEIVE_FIFO must be two different FIFOs"));
  // Not finish_path_create_options: --allow-foreign applies to existing
  // FIFOs with or without --create.
  if (s.create.mode_given && !s.create.create)
    usage_error(_("option --mode needs --create"));
  if (s.remove && !s.create.create)
    usage_error(_("option --remove needs --create"));
  bool raw = s.frame == framing::raw;
  if (raw && s.count)
    usage_error(
        _("option --count needs records: it cannot be used with --raw"));
  if (raw && s.prefix)
    usage_error(
        _("option --prefix needs records: it cannot be used with --raw"));

  check_standard_streams();
  setup_termination();

  fifos[0].path = s.send_path;
  fifos[1].path = s.recv_path;
  remove_at_exit = s.remove;
  atexit(remove_created_fifos);
  at_signal_death(remove_created_fifos);
  if (!check_paths(s)) return exit_failure;
  for (fifo& f : fifos)
    if (!prepare(f, s)) {
      // Leave nothing half made: a FIFO made for the other operand goes
      // too, with or without --remove.
      remove_at_exit = true;
      return exit_failure;
    }

  outbox box(s);
  printer out(s, isatty(STDOUT_FILENO) == 1);
  for (;;) {
    deadline until = deadline::from_option(s.timeout);
    unique_fd recv, send;
    open_result r = open_receiving(fifos[1], s, recv);
    if (r == open_result::ok) r = open_sending(fifos[0], s, until, send);
    if (r == open_result::timed_out) return exit_timeout;
    if (r == open_result::failed) return exit_failure;

    session_end end = talk(s, recv, send, box, out);
    if (end == session_end::counted) break;
    if (end == session_end::peer_left) warn(0, _("peer left"));
    if (!s.stay) break;
  }
  return exit_ok;
}
