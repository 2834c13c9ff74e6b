// semwait: take N units from a System V or POSIX semaphore (P, wait),
// waiting until they are free; or wait until it is zero; or hold the units
// while a command runs.
//
// With a COMMAND and System V, the units are taken with SEM_UNDO and the
// command is executed in place of semwait, with no process in between:
// the kernel gives the units back when the command's process ends, however
// it ends (kill -9 included).  semwait changes no signal disposition or
// mask before that exec, and closes again the standard descriptors it
// found closed, so the command inherits what semwait inherited.
// POSIX semaphores have no undo: semwait forks, forwards TERM, INT, HUP
// and QUIT to the command, and posts the units back when it ends.

#include <config.h>

#include <errno.h>
#include <error.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>

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
    IPCUTIL_SEM_LONG_OPTIONS,      {"zero", no_argument, nullptr, 'z'},
    IPCUTIL_TIMEOUT_LONG_OPTIONS,  IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

[[noreturn]] void usage(int status) {
  if (status != exit_ok) try_help();
  printf(_("Usage: %s [OPTION]... [--] [COMMAND [ARG]...]\n"), program_name());
  fputs(_("Take units from a System V or POSIX semaphore (the P or wait "
          "operation),\n"
          "waiting until they are free.  With COMMAND, hold them while COMMAND "
          "runs,\n"
          "give them back when it ends, and exit with its status.\n"),
        stdout);
  emit_selector_and_create_help(
      _("\nSelecting the semaphore (exactly one of -k, -f, -i, -n):\n"), true);
  fputs(_("  -V, --value=N          the value a semaphore this call creates "
          "starts\n"
          "                           with (default 1 with COMMAND, a lock; "
          "else 0)\n"),
        stdout);
  emit_sem_option_help();
  fputs(_("\nWaiting:\n"), stdout);
  fputs(_("  -N, --count=N          take N units (default 1)\n"), stdout);
  fputs(_("  -z, --zero             System V: wait until the value is zero, "
          "and take\n"
          "                           nothing\n"),
        stdout);
  fputs(_("  -w, --timeout=DURATION\n"
          "                         exit with status 3 if the units could not "
          "be\n"
          "                         taken within DURATION\n"),
        stdout);
  fputs(_("      --nonblock         never wait: same as --timeout=0\n"),
        stdout);
  fputs(_("      --show             print the current value and change "
          "nothing\n"),
        stdout);
  fputs(_("      --remove           remove the semaphore afterwards, if it is "
          "ours\n"
          "                           (not with COMMAND)\n"),
        stdout);
  emit_standard_options_help();
  emit_values_help(help_key_id_mode | help_duration);
  fputs(_("\nSystem V takes the N units in one atomic operation.  POSIX takes "
          "them one\n"
          "at a time and gives back those it took if the time runs out.\n"
          "With COMMAND, System V takes the units with SEM_UNDO and runs "
          "COMMAND in\n"
          "place of semwait: the kernel gives them back when COMMAND ends, "
          "even by\n"
          "kill -9.  POSIX semaphores have no undo: semwait waits for COMMAND "
          "and\n"
          "posts the units back, so killing semwait itself with kill -9 loses "
          "them;\n"
          "use a System V key when that matters.\n"),
        stdout);
  emit_exit_status_help(true, true);
  emit_help_footer();
  exit(exit_ok);
}

// initialize_program put placeholders on the standard descriptors that
// were closed; COMMAND gets them closed, as semwait got them.
void restore_closed_stdio() {
  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd)
    if (stdio_was_closed(fd)) close(fd);
}

// Runs COMMAND in a child, forwarding the termination signals to it, and
// posts N units back to S when it ends.  Returns the exit status.
int run_posix_command(semaphore& s, long n, char** command) {
  sigset_t forward;
  sigemptyset(&forward);
  for (int signo : {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD})
    sigaddset(&forward, signo);
  sigset_t inherited_mask;
  sigprocmask(SIG_BLOCK, &forward, &inherited_mask);
  // An inherited SIG_IGN for SIGCHLD would reap the child behind our back.
  struct sigaction inherited_chld;
  sigaction(SIGCHLD, nullptr, &inherited_chld);
  signal(SIGCHLD, SIG_DFL);

  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    // The command gets what semwait inherited.
    sigaction(SIGCHLD, &inherited_chld, nullptr);
    sigprocmask(SIG_SETMASK, &inherited_mask, nullptr);
    restore_closed_stdio();
    execvp(command[0], command);
    int err = errno;
    error(0, err, _("cannot run %s"), quote(command[0]));
    _exit(err == ENOENT ? exit_enoent : exit_cannot_invoke);
  }
  int status = 0;
  if (pid < 0) {
    error(0, errno, _("cannot run %s"), quote(command[0]));
    status = exit_cannot_run;
  } else {
    int wstatus = 0;
    for (;;) {
      int signo = sigwaitinfo(&forward, nullptr);
      if (signo < 0) continue;  // EINTR: a stop and continue
      if (signo != SIGCHLD) {
        kill(pid, signo);
        continue;
      }
      // Retried here: the SIGCHLD is taken, none would come again.
      pid_t w;
      do {
        w = waitpid(pid, &wstatus, WNOHANG);
      } while (w < 0 && errno == EINTR);
      if (w == pid) break;
    }
    status =
        WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  }
  sem_status r = s.post(static_cast<unsigned>(n));
  if (r != sem_status::ok) {
    error(0, r == sem_status::failed ? errno : 0,
          ngettext("cannot give %ld unit back to %s",
                   "cannot give %ld units back to %s", n),
          n, s.description().c_str());
    return exit_cannot_run;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  initialize_program(argc, argv);
  object_selector sel;
  create_options create;
  sem_options opts;
  std::optional<std::chrono::nanoseconds> timeout;
  bool zero = false;

  int c;
  // "+": the first operand starts COMMAND, whose options are its own.
  while (
      (c = getopt_long(
           argc, argv,
           "+" IPCUTIL_SEM_PROGRAM_SHORT_OPTIONS IPCUTIL_TIMEOUT_SHORT_OPTIONS
           "z",
           long_options, nullptr)) != -1) {
    if (take_sem_program_option(sel, create, opts, c, optarg) ||
        take_timeout_option(c, optarg, timeout))
      continue;
    if (c == 'z') {
      zero = true;
      continue;
    }
    standard_option(c, usage);
  }
  char** command = optind < argc ? argv + optind : nullptr;
  finish_sem_program_options(sel, create, opts);
  if (zero && sel.posix())
    usage_error(_("option --zero applies only to System V semaphores"));
  if (zero && opts.count)
    usage_error(_("options --zero and --count are mutually exclusive"));
  if (opts.show && (zero || timeout))
    usage_error(_("option --show cannot be combined with %s"),
                zero ? "--zero" : "--timeout");
  if (command != nullptr) {
    if (zero) usage_error(_("option --zero cannot be combined with COMMAND"));
    if (opts.show)
      usage_error(_("option --show cannot be combined with COMMAND"));
    if (opts.remove)
      usage_error(_("option --remove cannot be combined with COMMAND"));
  }
  // With COMMAND, semwait's own failures must not look like COMMAND's.
  int failure = command != nullptr ? exit_cannot_run : exit_failure;

  deadline until = deadline::from_option(timeout);
  semaphore s;
  int status =
      open_for_program(s, sel, create, opts, command != nullptr ? 1 : 0, until,
                       opts.show ? 0400 : 0600, failure);
  if (status != exit_ok) return status;
  if (opts.show) return show_value(s, failure);

  long n = opts.count.value_or(1);
  // SEM_UNDO only when holding the units for a command run in place.
  bool undo = command != nullptr && !s.posix();
  sem_status r =
      zero ? s.wait_zero(until) : s.take(static_cast<unsigned>(n), until, undo);
  if (r != sem_status::ok) {
    bool never_wait = until.is_immediate();
    const char* reason =
        r == sem_status::would_block
            ? (never_wait ? _("not available without waiting") : _("timed out"))
        : r == sem_status::removed      ? _("it was removed")
        : r == sem_status::out_of_range ? _("the index is not in the set")
                                        : strerror(errno);
    if (zero)
      error(0, 0, _("cannot wait for %s to be zero: %s"),
            s.description().c_str(), reason);
    else
      error(0, 0,
            ngettext("cannot take %ld unit of %s: %s",
                     "cannot take %ld units of %s: %s", n),
            n, s.description().c_str(), reason);
    return r == sem_status::would_block ? exit_timeout : failure;
  }

  if (command == nullptr)
    return opts.remove ? remove_if_ours(s, create, failure) : exit_ok;
  if (s.posix()) return run_posix_command(s, n, command);

  // Nothing was written to stdout; the exec would drop it anyway.
  fflush(stdout);
  restore_closed_stdio();
  execvp(command[0], command);
  int err = errno;
  s.post(static_cast<unsigned>(n), true);
  error(0, err, _("cannot run %s"), quote(command[0]));
  return err == ENOENT ? exit_enoent : exit_cannot_invoke;
}
