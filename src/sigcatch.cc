// sigcatch: wait for signals and report each one on standard output.
//
// The signals asked for are blocked and read from a signalfd, so nothing
// runs in signal context and no report can be torn by a second signal:
// the tutorial's printf-in-a-handler programs, done safely.

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
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
#include "libipcutil/help.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/pidfile.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"
#include "libipcutil/sigformat.hh"
#include "libipcutil/signals.hh"

using namespace ipcutil;

namespace {

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
bool has_sender(const received_signal& sig) {
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
bool has_value(const received_signal& sig) {
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
const char* code_word(int code) {
  switch (code) {
    case SI_USER:
      return "user";
    case SI_QUEUE:
      return "queue";
    case SI_TKILL:
      return "tkill";
    case SI_KERNEL:
      return "kernel";
    case SI_TIMER:
      return "timer";
    case SI_MESGQ:
      return "mesgq";
    case SI_ASYNCIO:
      return "asyncio";
    case SI_SIGIO:
      return "sigio";
    default:
      return code > 0 ? "kernel" : "unknown";
  }
}

// ---- --format --------------------------------------------------------------

[[noreturn]] void invalid_directive(const char* format, std::string_view what) {
  die(exit_usage, 0, _("invalid format: %s: unknown directive %s"),
      quote(format), quote(what));
}

[[noreturn]] void invalid_escape(const char* format, std::string_view what) {
  die(exit_usage, 0, _("invalid format: %s: unknown escape %s"), quote(format),
      quote(what));
}

// Checks FORMAT once, before any signal is blocked, so a typo is a usage
// error and not a surprise at the first signal.  The syntax is
// libipcutil/sigformat's; the letters are the directives below.
compiled_format checked_format(const char* format) {
  format_result r = compile_format(format, "nNpuvct");
  if (r.fault == format_fault::directive) invalid_directive(format, r.bad);
  if (r.fault == format_fault::escape) invalid_escape(format, r.bad);
  return std::move(r.pieces);
}

template <class T>
void append_number(std::string& out, T n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

std::string full_name(int signo) { return "SIG" + signal_name(signo); }

void append_formatted(std::string& out, const compiled_format& format,
                      const received_signal& sig) {
  bool sender = has_sender(sig);
  for (const format_piece& piece : format) {
    switch (piece.directive) {
      case 0:
        out += piece.text;
        break;
      case 'n':
        out += signal_name(sig.signo);
        break;
      case 'N':
        append_number(out, sig.signo);
        break;
      case 'p':
        append_number(out, sender ? sig.pid : 0);
        break;
      case 'u':
        append_number(out, sender ? sig.uid : 0);
        break;
      case 'v':
        append_number(out, has_value(sig) ? sig.value : 0);
        break;
      case 'c':
        out += code_word(sig.code);
        break;
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
void append_default(std::string& out, const received_signal& sig) {
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
      snprintf(buf, sizeof buf, _("%s (%d) from pid %ld, uid %lu, value %d"), n,
               sig.signo, static_cast<long>(sig.pid),
               static_cast<unsigned long>(sig.uid), sig.value);
      break;
    case SI_MESGQ:
      snprintf(buf, sizeof buf,
               _("%s (%d) from a message queue, pid %ld, uid %lu, value %d"), n,
               sig.signo, static_cast<long>(sig.pid),
               static_cast<unsigned long>(sig.uid), sig.value);
      break;
    case SI_TIMER:
      snprintf(buf, sizeof buf, _("%s (%d) from a timer, value %d"), n,
               sig.signo, sig.value);
      break;
    case SI_ASYNCIO:
      snprintf(buf, sizeof buf, _("%s (%d) from asynchronous I/O, value %d"), n,
               sig.signo, sig.value);
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

// ---- parse ------------------------------------------------------------------

[[noreturn]] void usage(int status) {
  if (status != exit_ok) try_help();
  printf(_("Usage: %s [OPTION]... [SIGNAL]...\n"), program_name());
  fputs(_("Wait for signals and report each one on standard output, one line "
          "per\n"
          "signal, as it arrives.  With no SIGNAL, catch HUP, INT, QUIT, USR1, "
          "USR2\n"
          "and TERM.\n"),
        stdout);
  emit_mandatory_arguments_help();
  fputs(_("  -N, --count=N          exit after N signals (default: never)\n"),
        stdout);
  fputs(_("  -w, --timeout=DURATION\n"
          "                         stop after DURATION with status 3, unless "
          "the\n"
          "                         --count was reached first\n"),
        stdout);
  fputs(_("      --nonblock         same as --timeout=0\n"), stdout);
  fputs(_("  -p, --pid-file=FILE    write the process ID to FILE once the "
          "signals are\n"
          "                           blocked, and remove FILE at exit (see "
          "below)\n"),
        stdout);
  fputs(
      _("  -F, --format=FORMAT    report each signal as FORMAT (see below)\n"),
      stdout);
  fputs(_("  -q, --quiet            report nothing; only count the signals\n"),
        stdout);
  fputs(_("  -l, --list             list the numbers and names of all signals, "
          "or of\n"
          "                           the SIGNALs given, and exit\n"),
        stdout);
  emit_standard_options_help();
  fputs(
      _("\nSIGNAL is a number or a name, with or without the SIG prefix, in "
        "any\n"
        "letter case: 10, USR1, SIGUSR1, usr1.  Real-time signals are RTMIN,\n"
        "RTMIN+N, RTMAX-N and RTMAX.  KILL and STOP cannot be caught.\n"),
      stdout);
  emit_values_help(help_duration);
  fputs(_("With --timeout=0, only the signals already pending are reported.\n"),
        stdout);
  fputs(
      _("\nFILE must be absent, or a regular file that is empty or holds only "
        "a\n"
        "number (a stale pid file), which is replaced; anything else there (a\n"
        "symbolic link, a FIFO, a file of data) is refused with status 1.  "
        "FILE\n"
        "is removed at exit, also when a signal that is not caught ends\n"
        "sigcatch (which then dies by that signal), but only if it is still "
        "the\n"
        "file sigcatch wrote.\n"),
      stdout);
  fputs(_("\nFORMAT is printed for each signal, followed by a newline; it may "
          "contain\n"
          "  %n   the signal's name without SIG (USR1, RTMIN+2)\n"
          "  %N   the signal's number\n"
          "  %p   the sender's process ID; for SIGCHLD from the kernel, the "
          "child's;\n"
          "       0 for other signals from the kernel\n"
          "  %u   the real user ID that goes with %p\n"
          "  %v   the value sent with sigqueue (0 if none was sent)\n"
          "  %c   how it was sent: user (kill), queue (sigqueue), tkill, "
          "kernel,\n"
          "       timer, mesgq, asyncio or sigio\n"
          "  %t   when it was received, in seconds since the Epoch, with "
          "nanoseconds\n"
          "  %%   a single %\n"
          "  \\n, \\t, \\\\   a newline, a tab, a backslash\n"),
        stdout);
  fputs(_("\nThe default report reads \"SIGUSR1 (10) from pid 4242, uid "
          "1000\", with\n"
          "\", value 42\" added for a queued signal.\n"),
        stdout);
  emit_exit_status_help(true);
  emit_help_footer();
  exit(exit_ok);
}

// The C library keeps the signals between SIGSYS and SIGRTMIN for itself
// (glibc: 32 and 33, for thread cancellation and setxid) and will not block
// them, so they cannot be waited for.
bool reserved_by_libc(int signo) { return signo > SIGSYS && signo < SIGRTMIN; }

int parse_signal_operand(const char* arg) {
  int signo = parse_signal(arg);
  if (signo <= 0) die(exit_usage, 0, _("invalid signal: %s"), quote(arg));
  return signo;
}

// What the command line asks for.
struct settings {
  unsigned count = 0;  // 0: never stop
  std::optional<duration> timeout;
  const char* pid_path = nullptr;
  std::optional<compiled_format> format;
  bool quiet = false;
  bool list = false;
  sigset_t signals;  // the SIGNAL operands, or the default six
};

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

// Options, then the SIGNAL operands (unless --list takes them).
settings parse_options(int argc, char** argv) {
  settings s;
  int c;
  while ((c = getopt_long(argc, argv, IPCUTIL_TIMEOUT_SHORT_OPTIONS "N:p:F:ql",
                          long_options, nullptr)) != -1) {
    if (take_timeout_option(c, optarg, s.timeout)) continue;
    switch (c) {
      case 'N':
        s.count = static_cast<unsigned>(
            xparse_uint(optarg, 1, UINT_MAX, _("invalid count")));
        break;
      case 'p':
        s.pid_path = optarg;
        break;
      case 'F':
        s.format = checked_format(optarg);
        break;
      case 'q':
        s.quiet = true;
        break;
      case 'l':
        s.list = true;
        break;
      default:
        standard_option(c, usage);
    }
  }
  sigemptyset(&s.signals);
  if (s.list) return s;
  if (optind == argc) {
    for (int signo : {SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGTERM})
      sigaddset(&s.signals, signo);
  }
  for (int i = optind; i < argc; ++i) {
    int signo = parse_signal_operand(argv[i]);
    if (signo == SIGKILL || signo == SIGSTOP)
      die(exit_usage, 0, _("cannot catch %s"), full_name(signo).c_str());
    if (reserved_by_libc(signo))
      die(exit_usage, 0, _("cannot catch signal %d: the C library reserves it"),
          signo);
    sigaddset(&s.signals, signo);
  }
  return s;
}

[[noreturn]] void list_signals(char** operands, int count) {
  std::vector<int> signals;
  if (count == 0) {
    for (int signo = 1; signo <= signal_max(); ++signo)
      if (!reserved_by_libc(signo)) signals.push_back(signo);
  }
  // All operands are checked before the first line, so a typo prints nothing.
  for (int i = 0; i < count; ++i)
    signals.push_back(parse_signal_operand(operands[i]));
  for (int signo : signals)
    printf("%d %s\n", signo, signal_name(signo).c_str());
  exit(exit_ok);  // close_stdout_at_exit reports a write error
}

// ---- do ---------------------------------------------------------------------

received_signal from_signalfd(const struct signalfd_siginfo& info) {
  received_signal sig;
  sig.signo = static_cast<int>(info.ssi_signo);
  sig.code = info.ssi_code;
  sig.pid = static_cast<pid_t>(info.ssi_pid);
  sig.uid = static_cast<uid_t>(info.ssi_uid);
  sig.value = info.ssi_int;
  return sig;
}

// The signals read from the signalfd: those asked for, and those that
// would end us with the pid file still there (the default-fatal ones that
// were not asked for).  Reading the latter means dying by them.
struct watched_signals {
  sigset_t asked;
  sigset_t fatal;
};

// Blocks the signals asked for and the default-fatal rest, so nothing can
// kill us unseen from here on.  Then undoes an inherited SIG_IGN among
// those asked for: POSIX leaves it unspecified whether an ignored signal is
// kept pending while blocked.  Every other signal keeps the state we
// inherited, as in any program (nohup's SIG_IGN for HUP stays).
watched_signals block_signals(const sigset_t& asked) {
  watched_signals w;
  w.asked = asked;
  sigemptyset(&w.fatal);
  add_default_fatal_signals(w.fatal);
  sigset_t all = asked;
  for (int signo = 1; signo <= signal_max(); ++signo) {
    if (sigismember(&asked, signo) == 1)
      sigdelset(&w.fatal, signo);
    else if (sigismember(&w.fatal, signo) == 1)
      sigaddset(&all, signo);
  }
  if (sigprocmask(SIG_BLOCK, &all, nullptr) != 0)
    die(exit_failure, errno, _("cannot block signals"));
  for (int signo = 1; signo <= signal_max(); ++signo) {
    struct sigaction old;
    if (sigismember(&asked, signo) == 1 &&
        sigaction(signo, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) {
      struct sigaction dfl;
      memset(&dfl, 0, sizeof dfl);
      dfl.sa_handler = SIG_DFL;
      sigemptyset(&dfl.sa_mask);
      sigaction(signo, &dfl, nullptr);
    }
  }
  return w;
}

// A signalfd rather than sigtimedwait(): the signals stay blocked the
// whole time, so /proc/PID/status shows them in SigBlk, and a burst of
// queued signals is read a batch per system call.
unique_fd open_signalfd(const watched_signals& w) {
  sigset_t all = w.asked;
  for (int signo = 1; signo <= signal_max(); ++signo)
    if (sigismember(&w.fatal, signo) == 1) sigaddset(&all, signo);
  unique_fd fd(signalfd(-1, &all, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!fd) die(exit_failure, errno, _("cannot wait for signals"));
  return fd;
}

// A timer that becomes readable at UNTIL on the monotonic clock.  Absolute,
// so no restart of the wait (EINTR, SIGSTOP and SIGCONT, a tracer) can
// stretch it; none (an empty handle) when UNTIL is never or now.
unique_fd open_deadline_timer(const deadline& until) {
  if (until.is_never() || until.expired()) return unique_fd();
  unique_fd fd(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
  struct itimerspec spec {};
  clock_gettime(CLOCK_MONOTONIC, &spec.it_value);
  struct timespec left = until.remaining_timespec();
  spec.it_value.tv_sec += left.tv_sec;
  spec.it_value.tv_nsec += left.tv_nsec;
  if (spec.it_value.tv_nsec >= 1000000000) {
    spec.it_value.tv_nsec -= 1000000000;
    ++spec.it_value.tv_sec;
  }
  if (!fd || timerfd_settime(fd.get(), TFD_TIMER_ABSTIME, &spec, nullptr) != 0)
    die(exit_failure, errno, _("cannot wait for signals"));
  return fd;
}

// Reads signals until COUNT of those asked for have arrived (0: forever),
// reporting each through REPORT; dies by any other it reads.  Returns false
// when the timeout passes first.
template <class Report>
bool read_signals(const unique_fd& fd, const watched_signals& w, unsigned count,
                  const std::optional<duration>& timeout, Report report) {
  deadline until = deadline::from_option(timeout);
  unique_fd timer = open_deadline_timer(until);
  struct signalfd_siginfo batch[64];
  unsigned received = 0;
  for (;;) {
    // Never read more than the count still wants: anything read is gone
    // from the pending set, reported or not.
    std::size_t want = sizeof batch / sizeof batch[0];
    if (count != 0 && count - received < want) want = count - received;
    ssize_t n = read(fd.get(), batch, want * sizeof batch[0]);
    if (n > 0) {
      struct timespec now;
      clock_gettime(CLOCK_REALTIME, &now);
      for (std::size_t i = 0; i < static_cast<std::size_t>(n) / sizeof batch[0];
           ++i) {
        received_signal sig = from_signalfd(batch[i]);
        if (sigismember(&w.asked, sig.signo) != 1) exit_by_signal(sig.signo);
        sig.when = now;
        report(sig);
        if (++received == count) return true;
      }
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n == 0 || errno != EAGAIN)
      die(exit_failure, n == 0 ? EIO : errno, _("cannot read signals"));
    if (!until.is_never() && (!timer || until.expired())) return false;
    struct pollfd pfd[2] = {{fd.get(), POLLIN, 0}, {timer.get(), POLLIN, 0}};
    if (poll(pfd, timer ? 2 : 1, -1) < 0 && errno != EINTR)
      die(exit_failure, errno, _("cannot wait for signals"));
  }
}

}  // namespace

int main(int argc, char** argv) {
  initialize_program(argc, argv);
  settings s = parse_options(argc, argv);
  if (s.list) list_signals(argv + optind, argc - optind);
  // Refused before anything is blocked: a bad FILE leaves no trace.
  if (s.pid_path != nullptr && !check_pid_file(s.pid_path)) return exit_failure;

  watched_signals watched = block_signals(s.signals);
  unique_fd signals = open_signalfd(watched);
  // The readiness contract: the file exists only once sending is safe.
  if (s.pid_path != nullptr && !create_pid_file(s.pid_path))
    return exit_failure;

  std::string line;
  auto report = [&](const received_signal& sig) {
    if (s.quiet) return;
    line.clear();
    if (s.format)
      append_formatted(line, *s.format, sig);
    else
      append_default(line, sig);
    line += '\n';
    if (fwrite(line.data(), 1, line.size(), stdout) != line.size() ||
        fflush(stdout) != 0) {
      // A closed pipe kills us as it would have, only without the pid file.
      if (errno == EPIPE && sigismember(&watched.fatal, SIGPIPE) == 1)
        exit_by_signal(SIGPIPE);
      write_error(errno);
    }
  };
  if (!read_signals(signals, watched, s.count, s.timeout, report))
    return exit_timeout;
  return exit_ok;
}
