#include <config.h>

#include "libipcutil/deadline.hh"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include "libipcutil/i18n.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/termination.hh"

namespace ipcutil {

using std::chrono::nanoseconds;

bool take_timeout_option(int option, const char* arg,
                         std::optional<nanoseconds>& timeout) {
  if (option == 'w') {
    timeout = xparse_duration(arg, _("invalid timeout"));
    return true;
  }
  if (option == option_nonblock) {
    timeout = nanoseconds::zero();
    return true;
  }
  return false;
}

deadline deadline::after(nanoseconds timeout) {
  deadline d;
  if (timeout == nanoseconds::max()) return d;
  auto now = clock::now();
  // Saturate rather than overflow: a timeout past the clock's range is
  // the same as no timeout.
  if (timeout > clock::time_point::max() - now) return d;
  d.when_ = now + std::max(timeout, nanoseconds::zero());
  d.never_ = false;
  d.immediate_ = timeout <= nanoseconds::zero();
  return d;
}

deadline deadline::from_option(const std::optional<nanoseconds>& timeout) {
  return timeout ? after(*timeout) : never();
}

bool deadline::expired() const { return !never_ && clock::now() >= when_; }

nanoseconds deadline::remaining() const {
  if (never_) return nanoseconds::max();
  auto left = when_ - clock::now();
  return left > nanoseconds::zero()
             ? std::chrono::duration_cast<nanoseconds>(left)
             : nanoseconds::zero();
}

struct timespec deadline::remaining_timespec() const {
  auto left = remaining();
  struct timespec ts;
  ts.tv_sec = static_cast<time_t>(left.count() / 1000000000);
  ts.tv_nsec = static_cast<long>(left.count() % 1000000000);
  return ts;
}

interrupt_timer::interrupt_timer(const deadline& when) {
  if (when.is_never()) return;
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGALRM;
  if (!install_alarm_handler() ||
      timer_create(CLOCK_MONOTONIC, &ev, &timer_) != 0) {
    ok_ = false;
    return;
  }
  armed_ = true;
  struct itimerspec spec;
  spec.it_value = when.remaining_timespec();
  if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0)
    spec.it_value.tv_nsec = 1;  // zero would disarm instead of firing now
  spec.it_interval.tv_sec = 0;
  spec.it_interval.tv_nsec = 10 * 1000 * 1000;
  if (timer_settime(timer_, 0, &spec, nullptr) != 0) ok_ = false;
}

interrupt_timer::~interrupt_timer() {
  if (!armed_) return;
  int saved = errno;
  timer_delete(timer_);
  errno = saved;
}

}  // namespace ipcutil
