#include <config.h>

#include "libipcutil/program.hh"

#include <errno.h>
#include <fcntl.h>
#include <error.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <initializer_list>
#include <unistd.h>

#include "libipcutil/i18n.hh"

namespace ipcutil {

namespace {

bool closed_at_start[3];

// Gives each closed standard descriptor a placeholder.  O_PATH opens no
// device and grants neither reading nor writing, so output to a stdout
// that was closed still fails with EBADF, as it would have.
void fill_standard_descriptors() {
  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
    if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF) continue;
    closed_at_start[fd] = true;
    // The lowest free descriptor is FD itself: the lower ones are open.
    int placeholder = open("/dev/null", O_PATH);
    if (placeholder != fd) {
      // Without it, a later open could become FD: stop rather than risk
      // writing output into a queue or a socket.
      if (placeholder >= 0 || fd == STDERR_FILENO) _exit(exit_failure);
      error(exit_failure, errno, "/dev/null");
    }
  }
}

// Like gnulib's close_stdout: output that never reached its file is an
// error, however late it is found.  Runs from atexit, so it must not call
// exit() again.
void close_stdout_at_exit() {
  // A program that wrote nothing to a closed stdout has nothing to report.
  bool nothing_written = __fpending(stdout) == 0;
  // A flush that failed earlier leaves only the error flag, and fclose
  // then has nothing to write: that failure counts too.  Its errno is
  // gone; EIO stands for it, as in gnulib's close_stream.
  bool earlier_error = ferror(stdout) != 0;
  int err = 0;
  if (fclose(stdout) != 0)
    err = errno;
  else if (earlier_error)
    err = EIO;
  if (err != 0 && !(err == EBADF && nothing_written)) {
    error(0, err, _("write error"));
    _exit(exit_failure);
  }
  if (fclose(stderr) != 0) _exit(exit_failure);
}

}  // namespace

void initialize_program(int argc, char** argv) {
  fill_standard_descriptors();
  if (argc > 0 && argv[0] != nullptr) {
    // getopt_long names the program by argv[0], error() by
    // program_invocation_name: make both the bare name.
    const char* slash = strrchr(argv[0], '/');
    if (slash != nullptr) argv[0] = const_cast<char*>(slash + 1);
    program_invocation_name = argv[0];
  }
  // Only the categories the tools use: messages and the character set they
  // are converted to.  Loading all of LC_ALL costs a dozen file opens and
  // about a quarter of a millisecond per run, which scripts that run a tool
  // once per message pay every time; numbers and durations are parsed the
  // same way in every locale anyway.
  setlocale(LC_CTYPE, "");
  setlocale(LC_MESSAGES, "");
#if ENABLE_NLS
  // IPCUTILS_LOCALEDIR lets the test suite (and anyone running from a build
  // tree) use catalogs that are not installed yet.
  const char* localedir = getenv("IPCUTILS_LOCALEDIR");
  bindtextdomain(PACKAGE, localedir != nullptr && *localedir != '\0'
                              ? localedir
                              : LOCALEDIR);
  textdomain(PACKAGE);
#endif
  atexit(close_stdout_at_exit);
}

bool stdio_was_closed(int fd) {
  return fd >= STDIN_FILENO && fd <= STDERR_FILENO && closed_at_start[fd];
}

const char* program_name() { return program_invocation_name; }

namespace {
void vwarn(int errnum, const char* format, va_list args)
    __attribute__((format(printf, 2, 0)));
void vwarn(int errnum, const char* format, va_list args) {
  fflush(stdout);
  fprintf(stderr, "%s: ", program_name());
  vfprintf(stderr, format, args);
  if (errnum != 0) fprintf(stderr, ": %s", strerror(errnum));
  fputc('\n', stderr);
}
}  // namespace

void warn(int errnum, const char* format, ...) {
  va_list args;
  va_start(args, format);
  vwarn(errnum, format, args);
  va_end(args);
}

void die(int status, int errnum, const char* format, ...) {
  va_list args;
  va_start(args, format);
  vwarn(errnum, format, args);
  va_end(args);
  exit(status);
}

void try_help() {
  fprintf(stderr, _("Try '%s --help' for more information.\n"), program_name());
  exit(exit_usage);
}

void usage_error(const char* format, ...) {
  fflush(stdout);
  fprintf(stderr, "%s: ", program_name());
  va_list args;
  va_start(args, format);
  vfprintf(stderr, format, args);
  va_end(args);
  fputc('\n', stderr);
  try_help();
}

void print_version() {
  printf("%s (%s) %s\n", program_name(), PACKAGE_NAME, PACKAGE_VERSION);
  // The years and the license are facts, not prose: only the sentence is
  // translated.
  fputs("Copyright (C) 2026 the ipcutils authors.\n", stdout);
  fputs(_("License GPLv3+: GNU GPL version 3 or later "
          "<https://gnu.org/licenses/gpl.html>.\n"
          "This is free software: you are free to change and redistribute it.\n"
          "There is NO WARRANTY, to the extent permitted by law.\n"),
        stdout);
  exit(exit_ok);
}

void standard_option(int option, void (*usage)(int status)) {
  if (option == option_help) {
    // The whole help in one write at exit, so a failure to write it is
    // reported with its own reason, not found later as a bare error flag.
    static char help_buffer[1 << 16];
    setvbuf(stdout, help_buffer, _IOFBF, sizeof help_buffer);
    usage(exit_ok);
  }
  if (option == option_version) print_version();
  try_help();
}

void emit_standard_options_help() {
  fputs(_("      --help             display this help and exit\n"
          "      --version          output version information and exit\n"),
        stdout);
}

void emit_exit_status_help(bool with_timeout, bool with_command) {
  fputs(_("\nExit status:\n"
          "  0  success\n"
          "  1  the operation failed\n"
          "  2  bad option or argument\n"),
        stdout);
  if (with_timeout)
    fputs(_("  3  timed out, or --nonblock/--timeout 0 would have blocked\n"),
          stdout);
  if (with_command)
    fputs(_("  125  this program failed before or after running COMMAND\n"
            "  126  COMMAND was found but could not be run\n"
            "  127  COMMAND was not found\n"
            "  otherwise the exit status of COMMAND\n"),
          stdout);
}

void emit_help_footer() {
  printf(_("\nReport bugs to the %s issue tracker.\n"), PACKAGE_NAME);
  printf(_("Full documentation: man %s\n"), program_name());
}

void write_error(int errnum) {
  // Nothing more can reach stdout; keep close_stdout_at_exit from
  // reporting the same failure a second time.
  __fpurge(stdout);
  clearerr(stdout);
  die(exit_failure, errnum, _("write error"));
}

void flush_stdout() {
  if (fflush(stdout) != 0) write_error(errno);
}

// ---- dying by a signal ------------------------------------------------------

namespace {
void (*death_cleanups[4])();
int death_cleanup_count;
}  // namespace

void add_default_fatal_signals(sigset_t& set) {
  sigset_t blocked;
  sigprocmask(SIG_BLOCK, nullptr, &blocked);
  auto add = [&](int signo) {
    struct sigaction old;
    if (sigismember(&blocked, signo) == 0 &&
        sigaction(signo, nullptr, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
        old.sa_handler == SIG_DFL)
      sigaddset(&set, signo);
  };
  for (int signo :
       {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1, SIGUSR2,
        SIGSTKFLT, SIGIO, SIGPROF, SIGVTALRM, SIGXCPU, SIGXFSZ, SIGPWR})
    add(signo);
  for (int signo = SIGRTMIN; signo <= SIGRTMAX; ++signo) add(signo);
}

void at_signal_death(void (*fn)()) {
  if (death_cleanup_count <
      static_cast<int>(sizeof death_cleanups / sizeof death_cleanups[0]))
    death_cleanups[death_cleanup_count++] = fn;
}

void exit_by_signal(int signo) {
  for (int i = death_cleanup_count; i-- > 0;) death_cleanups[i]();
  __fpurge(stdout);
  struct sigaction dfl;
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(signo, &dfl, nullptr);
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, signo);
  // Pending at once if it was read from a signalfd; delivered on unblock.
  raise(signo);
  sigprocmask(SIG_UNBLOCK, &only, nullptr);
  // Not reached for a signal whose default action ends the process.
  _exit(128 + signo);
}

}  // namespace ipcutil
