// sigcatch: wait for signals and report each one on standard output.
//
// The signals asked for are blocked and read from a signalfd, so nothing
// runs in signal context and no report can be torn by a second signal:
// the tutorial's printf-in-a-handler programs, done safely.

#include <errno.h>
#include <error.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <charconv>
#include <climits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libipcutil/deadline.hh"
#include "libipcutil/fd.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"
#include "libipcutil/signals.hh"

using namespace ipcutil;

namespace {

const struct option long_options[] = {
    {"count", required_argument, nullptr, 'N'},
    IPCUTIL_TIMEOUT_LONG_OPTIONS,
    {"pid-file", required_argument, nullptr, 'p'},
    {"format", required_argument, nullptr, 'F'},
    {"quiet", no_argument, nullptr, 'q'},
    {"list", no_argument, nullptr, 'l'},
    IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

// What a report needs to know about one signal, whichever way it was read.
struct received_signal {
  int signo = 0;
  int code = 0;  // si_code
  pid_t pid = 0;
  uid_t uid = 0;
  int value = 0;
  struct timespec when {};
};

// si_code values that carry the sending process's pid and uid.  SIGCHLD
// from the kernel carries the child's, which is what a reader wants too.
bool has_sender(const received_signal& sig)
{
  switch (sig.code) {
    case SI_USER:
    case SI_QUEUE:
    case SI_TKILL:
    case SI_MESGQ:
      return true;
    default:
      return sig.signo == SIGCHLD && sig.code > 0;
  }
}

// si_code values whose siginfo carries a sigval (sigqueue, timers, message
// queue notification, AIO completion).  Elsewhere the field overlays
// other data, so it is not printed.
bool has_value(const received_signal& sig)
{
  switch (sig.code) {
    case SI_QUEUE:
    case SI_TIMER:
    case SI_MESGQ:
    case SI_ASYNCIO:
      return true;
    default:
      return false;
  }
}

// The %c word: a fixed token for scripts, so it is never translated.
const char* code_word(int code)
{
  switch (code) {
    case SI_USER: return "user";
    case SI_QUEUE: return "queue";
    case SI_TKILL: return "tkill";
    case SI_KERNEL: return "kernel";
    case SI_TIMER: return "timer";
    case SI_MESGQ: return "mesgq";
    case SI_ASYNCIO: return "asyncio";
    case SI_SIGIO: return "sigio";
    default: return code > 0 ? "kernel" : "unknown";
  }
}

// ---- --format --------------------------------------------------------------

// One piece of a compiled FORMAT: literal text, or the directive letter.
struct format_piece {
  char directive;  // 0 for literal text
  std::string text;
};
using compiled_format = std::vector<format_piece>;

[[noreturn]] void invalid_directive(const char* format, std::string_view what)
{
  error(exit_usage, 0, _("invalid format: %s: unknown directive %s"),
        quote(format), quote(what));
  abort();  // not reached
}

[[noreturn]] void invalid_escape(const char* format, std::string_view what)
{
  error(exit_usage, 0, _("invalid format: %s: unknown escape %s"),
        quote(format), quote(what));
  abort();  // not reached
}

// Checks FORMAT once, before any signal is blocked, so a typo is a usage
// error and not a surprise at the first signal.
compiled_format compile_format(const char* format)
{
  compiled_format pieces;
  auto add_text = [&pieces](char c) {
    if (pieces.empty() || pieces.back().directive != 0)
      pieces.push_back({0, {}});
    pieces.back().text += c;
  };
  for (const char* p = format; *p != '\0'; ++p) {
    if (*p == '%') {
      char d = p[1];
      switch (d) {
        case 'n': case 'N': case 'p': case 'u': case 'v': case 'c': case 't':
          pieces.push_back({d, {}});
          break;
        case '%':
          add_text('%');
          break;
        default:
          invalid_directive(format, std::string_view(p, d == '\0' ? 1 : 2));
      }
      ++p;
    } else if (*p == '\\') {
      char e = p[1];
      switch (e) {
        case 'n': add_text('\n'); break;
        case 't': add_text('\t'); break;
        case '\\': add_text('\\'); break;
        default:
          invalid_escape(format, std::string_view(p, e == '\0' ? 1 : 2));
      }
      ++p;
    } else {
      add_text(*p);
    }
  }
  return pieces;
}

template <class T>
void append_number(std::string& out, T n)
{
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

std::string full_name(int signo)
{
  return "SIG" + signal_name(signo);
}

void append_formatted(std::string& out, const compiled_format& format,
                      const received_signal& sig)
{
  bool sender = has_sender(sig);
  for (const format_piece& piece : format) {
    switch (piece.directive) {
      case 0: out += piece.text; break;
      case 'n': out += signal_name(sig.signo); break;
      case 'N': append_number(out, sig.signo); break;
      case 'p': append_number(out, sender ? sig.pid : 0); break;
      case 'u': append_number(out, sender ? sig.uid : 0); break;
      case 'v': append_number(out, has_value(sig) ? sig.value : 0); break;
      case 'c': out += code_word(sig.code); break;
      case 't': {
        append_number(out, static_cast<long long>(sig.when.tv_sec));
        char frac[16];
        snprintf(frac, sizeof frac, ".%09ld", sig.when.tv_nsec);
        out += frac;
        break;
      }
    }
  }
}

// The default line, for a person: "SIGUSR1 (10) from pid 4242, uid 1000".
void append_default(std::string& out, const received_signal& sig)
{
  std::string name = full_name(sig.signo);
  const char* n = name.c_str();
  char buf[256];
  switch (sig.code) {
    case SI_USER:
    case SI_TKILL:
      snprintf(buf, sizeof buf, _("%s (%d) from pid %ld, uid %lu"), n,
               sig.signo, static_cast<long>(sig.pid),
               static_cast<unsigned long>(sig.uid));
      break;
    case SI_QUEUE:
      snprintf(buf, sizeof buf, _("%s (%d) from pid %ld, uid %lu, value %d"),
               n, sig.signo, static_cast<long>(sig.pid),
               static_cast<unsigned long>(sig.uid), sig.value);
      break;
    case SI_MESGQ:
      snprintf(buf, sizeof buf,
               _("%s (%d) from a message queue, pid %ld, uid %lu, value %d"),
               n, sig.signo, static_cast<long>(sig.pid),
               static_cast<unsigned long>(sig.uid), sig.value);
      break;
    case SI_TIMER:
      snprintf(buf, sizeof buf, _("%s (%d) from a timer, value %d"), n,
               sig.signo, sig.value);
      break;
    case SI_ASYNCIO:
      snprintf(buf, sizeof buf, _("%s (%d) from asynchronous I/O, value %d"),
               n, sig.signo, sig.value);
      break;
    default:
      if (has_sender(sig))  // SIGCHLD: the child that changed state
        snprintf(buf, sizeof buf,
                 _("%s (%d) from the kernel, child pid %ld, uid %lu"), n,
                 sig.signo, static_cast<long>(sig.pid),
                 static_cast<unsigned long>(sig.uid));
      else
        snprintf(buf, sizeof buf, _("%s (%d) from the kernel"), n, sig.signo);
      break;
  }
  out += buf;
}

// ---- --pid-file ------------------------------------------------------------

// The pid file this process created, removed by every exit() we make.
struct {
  const char* path = nullptr;
  dev_t dev = 0;
  ino_t ino = 0;
} pid_file;

void remove_pid_file()
{
  if (pid_file.path == nullptr)
    return;
  // Only our own file: someone may have replaced it since.
  struct stat st;
  if (lstat(pid_file.path, &st) == 0 && st.st_dev == pid_file.dev
      && st.st_ino == pid_file.ino)
    unlink(pid_file.path);
  pid_file.path = nullptr;
}

// Writes our pid to a temporary file beside PATH and renames it over PATH,
// so a reader never sees a partial file and a symlink at PATH is replaced,
// never followed.
void write_pid_file(const char* path)
{
  std::string_view p(path);
  auto slash = p.rfind('/');
  std::string temp(p.substr(0, slash == std::string_view::npos ? 0 : slash + 1));
  temp += ".sigcatch.XXXXXX";

  // Closed before anything is written to stdout, so it may be descriptor 1.
  unique_fd fd(mkostemp(temp.data(), O_CLOEXEC));
  if (!fd)
    error(exit_failure, errno, _("cannot create pid file %s"), quote(path));
  // mkostemp makes the file 0600; a pid file is for everyone to read.
  mode_t mask = umask(0);
  umask(mask);
  char text[24];
  int len = snprintf(text, sizeof text, "%ld\n", static_cast<long>(getpid()));
  struct stat st;
  bool ok = fchmod(fd.get(), 0644 & ~mask) == 0
            && write_full(fd.get(), text, len) && fstat(fd.get(), &st) == 0
            && close(fd.release()) == 0 && rename(temp.c_str(), path) == 0;
  if (!ok) {
    int saved = errno;
    unlink(temp.c_str());
    error(exit_failure, saved, _("cannot create pid file %s"), quote(path));
  }
  pid_file.path = path;
  pid_file.dev = st.st_dev;
  pid_file.ino = st.st_ino;
  atexit(remove_pid_file);
}

// ---- the work --------------------------------------------------------------

[[noreturn]] void usage(int status)
{
  if (status != exit_ok)
    try_help();
  printf(_("Usage: %s [OPTION]... [SIGNAL]...\n"), program_name());
  fputs(_("Wait for signals and report each one on standard output, one line per\n"
          "signal, as it arrives.  With no SIGNAL, catch HUP, INT, QUIT, USR1, USR2\n"
          "and TERM.\n"),
        stdout);
  fputs(_("\nMandatory arguments to long options are mandatory for short options too.\n"),
        stdout);
  fputs(_("  -N, --count=N            exit after N signals (default: never)\n"), stdout);
  fputs(_("  -w, --timeout=DURATION   stop after DURATION with status 3, unless the\n"
          "                           --count was reached first\n"),
        stdout);
  fputs(_("      --nonblock           same as --timeout=0\n"), stdout);
  fputs(_("  -p, --pid-file=FILE      write the process ID to FILE once the signals are\n"
          "                           blocked; remove FILE at exit\n"),
        stdout);
  fputs(_("  -F, --format=FORMAT      report each signal as FORMAT (see below)\n"), stdout);
  fputs(_("  -q, --quiet              report nothing; only count the signals\n"), stdout);
  fputs(_("  -l, --list               list the numbers and names of all signals, or of\n"
          "                           the SIGNALs given, and exit\n"),
        stdout);
  emit_standard_options_help();
  fputs(_("\nSIGNAL is a number or a name, with or without the SIG prefix, in any\n"
          "letter case: 10, USR1, SIGUSR1, usr1.  Real-time signals are RTMIN,\n"
          "RTMIN+N, RTMAX-N and RTMAX.  KILL and STOP cannot be caught.\n"),
        stdout);
  fputs(_("\nDURATION is a number of seconds with an optional fraction, or a number\n"
          "followed by ns, us, ms, s, m, h or d.  0 reports the signals already\n"
          "pending without waiting.\n"),
        stdout);
  fputs(_("\nFORMAT is printed for each signal, followed by a newline; it may contain\n"
          "  %n   the signal's name without SIG (USR1, RTMIN+2)\n"
          "  %N   the signal's number\n"
          "  %p   the sender's process ID; for SIGCHLD from the kernel, the child's;\n"
          "       0 for other signals from the kernel\n"
          "  %u   the real user ID that goes with %p\n"
          "  %v   the value sent with sigqueue (0 if none was sent)\n"
          "  %c   how it was sent: user (kill), queue (sigqueue), tkill, kernel,\n"
          "       timer, mesgq, asyncio or sigio\n"
          "  %t   when it was received, in seconds since the Epoch, with nanoseconds\n"
          "  %%   a single %\n"
          "  \\n, \\t, \\\\   a newline, a tab, a backslash\n"),
        stdout);
  fputs(_("\nThe default report reads \"SIGUSR1 (10) from pid 4242, uid 1000\", with\n"
          "\", value 42\" added for a queued signal.\n"),
        stdout);
  emit_exit_status_help(true);
  emit_help_footer();
  exit(exit_ok);
}

// The C library keeps the signals between SIGSYS and SIGRTMIN for itself
// (glibc: 32 and 33, for thread cancellation and setxid) and will not block
// them, so they cannot be waited for.
bool reserved_by_libc(int signo)
{
  return signo > SIGSYS && signo < SIGRTMIN;
}

int parse_signal_operand(const char* arg)
{
  int signo = parse_signal(arg);
  if (signo <= 0)
    error(exit_usage, 0, _("invalid signal: %s"), quote(arg));
  return signo;
}

[[noreturn]] void list_signals(char** operands, int count)
{
  std::vector<int> signals;
  if (count == 0) {
    for (int signo = 1; signo <= signal_max(); ++signo)
      if (!reserved_by_libc(signo))
        signals.push_back(signo);
  }
  // All operands are checked before the first line, so a typo prints nothing.
  for (int i = 0; i < count; ++i)
    signals.push_back(parse_signal_operand(operands[i]));
  for (int signo : signals)
    printf("%d %s\n", signo, signal_name(signo).c_str());
  exit(exit_ok);  // close_stdout_at_exit reports a write error
}

// With stdout closed, a new descriptor would become 1 and the reports
// would go into it: keep our own descriptors clear of 0, 1 and 2.
int above_stdio(int fd)
{
  if (fd < 0 || fd > STDERR_FILENO)
    return fd;
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
  int saved = errno;
  close(fd);
  errno = saved;
  return moved;
}

received_signal from_signalfd(const struct signalfd_siginfo& info)
{
  received_signal sig;
  sig.signo = static_cast<int>(info.ssi_signo);
  sig.code = info.ssi_code;
  sig.pid = static_cast<pid_t>(info.ssi_pid);
  sig.uid = static_cast<uid_t>(info.ssi_uid);
  sig.value = info.ssi_int;
  return sig;
}

// A signalfd rather than sigtimedwait(): the signals stay blocked the
// whole time, so /proc/PID/status shows them in SigBlk, and a burst of
// queued signals is read a batch per system call.
unique_fd open_signalfd(const sigset_t& set)
{
  unique_fd fd(above_stdio(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)));
  if (!fd)
    error(exit_failure, errno, _("cannot wait for signals"));
  return fd;
}

// Reads signals from FD until COUNT have arrived (0: forever), reporting
// each through REPORT.  Returns false when UNTIL passes first.
template <class Report>
bool read_signals(const unique_fd& fd, unsigned count, const deadline& until,
                  Report report)
{
  struct signalfd_siginfo batch[64];
  unsigned received = 0;
  for (;;) {
    // Never read more than the count still wants: anything read is gone
    // from the pending set, reported or not.
    std::size_t want = sizeof batch / sizeof batch[0];
    if (count != 0 && count - received < want)
      want = count - received;
    ssize_t n = read(fd.get(), batch, want * sizeof batch[0]);
    if (n > 0) {
      struct timespec now;
      clock_gettime(CLOCK_REALTIME, &now);
      for (std::size_t i = 0; i < static_cast<std::size_t>(n) / sizeof batch[0]; ++i) {
        received_signal sig = from_signalfd(batch[i]);
        sig.when = now;
        report(sig);
        if (++received == count)
          return true;
      }
      continue;
    }
    if (n < 0 && errno == EINTR)
      continue;
    if (n == 0 || errno != EAGAIN)
      error(exit_failure, n == 0 ? EIO : errno, _("cannot read signals"));
    if (until.expired())
      return false;
    // Recomputed on every pass: after EINTR (SIGSTOP and SIGCONT, say) the
    // wait must shrink toward the deadline, never start over.
    struct timespec left = until.remaining_timespec();
    struct pollfd pfd = {fd.get(), POLLIN, 0};
    if (ppoll(&pfd, 1, until.is_never() ? nullptr : &left, nullptr) < 0
        && errno != EINTR)
      error(exit_failure, errno, _("cannot wait for signals"));
  }
}

}  // namespace

int main(int argc, char** argv)
{
  initialize_program(argc, argv);

  unsigned count = 0;  // 0: never stop
  std::optional<duration> timeout;
  const char* pid_path = nullptr;
  std::optional<compiled_format> format;
  bool quiet = false;
  bool list = false;

  int c;
  while ((c = getopt_long(argc, argv, IPCUTIL_TIMEOUT_SHORT_OPTIONS "N:p:F:ql",
                          long_options, nullptr)) != -1) {
    if (take_timeout_option(c, optarg, timeout))
      continue;
    switch (c) {
      case 'N':
        count = static_cast<unsigned>(xparse_uint(optarg, 1, UINT_MAX, _("invalid count")));
        break;
      case 'p':
        pid_path = optarg;
        break;
      case 'F':
        format = compile_format(optarg);
        break;
      case 'q':
        quiet = true;
        break;
      case 'l':
        list = true;
        break;
      default:
        standard_option(c, usage);
    }
  }
  if (list)
    list_signals(argv + optind, argc - optind);
  if (pid_path != nullptr && *pid_path == '\0')
    error(exit_usage, 0, _("invalid pid file: %s"), quote(pid_path));

  sigset_t set;
  sigemptyset(&set);
  if (optind == argc) {
    for (int signo : {SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGTERM})
      sigaddset(&set, signo);
  }
  for (int i = optind; i < argc; ++i) {
    int signo = parse_signal_operand(argv[i]);
    if (signo == SIGKILL || signo == SIGSTOP)
      error(exit_usage, 0, _("cannot catch %s"), full_name(signo).c_str());
    if (reserved_by_libc(signo))
      error(exit_usage, 0, _("cannot catch signal %d: the C library reserves it"),
            signo);
    sigaddset(&set, signo);
  }

  // Block first, so nothing asked for can kill us from here on.  Then undo
  // an inherited SIG_IGN: POSIX leaves it unspecified whether an ignored
  // signal is kept pending while blocked.  Every other signal keeps the
  // state we inherited, as in any program (nohup's SIG_IGN for HUP stays).
  if (sigprocmask(SIG_BLOCK, &set, nullptr) != 0)
    error(exit_failure, errno, _("cannot block signals"));
  for (int signo = 1; signo <= signal_max(); ++signo) {
    struct sigaction old;
    if (sigismember(&set, signo) == 1 && sigaction(signo, nullptr, &old) == 0
        && old.sa_handler == SIG_IGN) {
      struct sigaction dfl;
      memset(&dfl, 0, sizeof dfl);
      dfl.sa_handler = SIG_DFL;
      sigemptyset(&dfl.sa_mask);
      sigaction(signo, &dfl, nullptr);
    }
  }

  unique_fd signals = open_signalfd(set);

  // The readiness contract: the file exists only once sending is safe.
  if (pid_path != nullptr)
    write_pid_file(pid_path);

  deadline until = deadline::from_option(timeout);
  std::string line;
  auto report = [&](const received_signal& sig) {
    if (quiet)
      return;
    line.clear();
    if (format)
      append_formatted(line, *format, sig);
    else
      append_default(line, sig);
    line += '\n';
    if (fwrite(line.data(), 1, line.size(), stdout) != line.size())
      write_error(errno);
    flush_stdout();
  };
  if (!read_signals(signals, count, until, report))
    return exit_timeout;
  return exit_ok;
}
