#include <config.h>

#include "libipcutil/termination.hh"

#include "libipcutil/program.hh"

#include <string.h>
#include <sys/time.h>
#include <unistd.h>

namespace ipcutil {

namespace {

volatile sig_atomic_t stop_signo = 0;
bool pipe_ignored = false;

void on_alarm(int) {}

void on_termination(int signo) {
  if (stop_signo == 0) stop_signo = signo;
  // A blocking call that starts just after this handler ran would block
  // with the flag already set: a 10 ms repeating alarm interrupts it too.
  // (setitimer is a plain system call on Linux, safe here.)
  struct itimerval kick = {{0, 10000}, {0, 10000}};
  int saved = errno;
  setitimer(ITIMER_REAL, &kick, nullptr);
  errno = saved;
}

void install(int signo, void (*handler)(int)) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;  // no SA_RESTART: a blocking call must return
  sigemptyset(&sa.sa_mask);
  for (int s : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&sa.sa_mask, s);
  sigaction(signo, &sa, nullptr);
}

}  // namespace

bool install_alarm_handler() {
  // Installed each time: a caller may have replaced it meanwhile.
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;  // no SA_RESTART: the point is the EINTR
  sigemptyset(&sa.sa_mask);
  sigset_t alarm_only;
  sigemptyset(&alarm_only);
  sigaddset(&alarm_only, SIGALRM);
  if (sigaction(SIGALRM, &sa, nullptr) != 0 ||
      sigprocmask(SIG_UNBLOCK, &alarm_only, nullptr) != 0)
    return false;
  return true;
}

void setup_termination() {
  sigset_t unblock;
  sigemptyset(&unblock);
  for (int signo : {SIGTERM, SIGINT, SIGHUP}) {
    struct sigaction old;
    if (sigaction(signo, nullptr, &old) == 0 && old.sa_handler == SIG_IGN)
      continue;
    install(signo, on_termination);
    sigaddset(&unblock, signo);
  }
  sigprocmask(SIG_UNBLOCK, &unblock, nullptr);
  install_alarm_handler();

  struct sigaction old;
  pipe_ignored =
      sigaction(SIGPIPE, nullptr, &old) == 0 && old.sa_handler == SIG_IGN;
  signal(SIGPIPE, SIG_IGN);
}

int stop_signal() { return stop_signo; }

const volatile sig_atomic_t* stop_flag() { return &stop_signo; }

bool sigpipe_was_ignored() { return pipe_ignored; }

void die_by_signal(int signo) {
  // The kick timer must not outlive us into a handler-less SIGALRM death.
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, nullptr);
  exit_by_signal(signo);  // runs the at_signal_death cleanups first
}

void die_if_stopped() {
  if (int signo = stop_signo; signo != 0) die_by_signal(signo);
}

}  // namespace ipcutil
