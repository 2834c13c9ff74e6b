// deadline: never, zero and short timeouts, the remaining time and its
// timespec, saturation of huge timeouts; interrupt_timer: a blocking read()
// fails with EINTR once the deadline has passed, not before, keeps failing
// while the timer lives, and stops when it is destroyed.
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <optional>

#include "libipcutil/deadline.hh"
#include "libipcutil/fd.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using namespace std::literals;
using ipcutil::deadline;
using ipcutil::interrupt_timer;
using std::chrono::nanoseconds;
using steady = std::chrono::steady_clock;

namespace {

void sleep_for(nanoseconds d) {
  struct timespec ts = {static_cast<time_t>(d.count() / 1000000000),
                        static_cast<long>(d.count() % 1000000000)};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

long long ms(nanoseconds d) {
  return static_cast<long long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

START_TEST(test_never) {
  deadline d = deadline::never();
  ck_assert(d.is_never());
  ck_assert(!d.expired());
  ck_assert(d.remaining() == nanoseconds::max());
  struct timespec ts = d.remaining_timespec();
  ck_assert_int_ge(ts.tv_sec, 9223372036);  // about 292 years
  ck_assert_int_ge(ts.tv_nsec, 0);
  ck_assert_int_lt(ts.tv_nsec, 1000000000);
}
END_TEST

START_TEST(test_zero_expires_at_once) {
  deadline d = deadline::after(0ns);
  ck_assert(!d.is_never());
  ck_assert(d.is_immediate());
  // Expired later is not immediate: it was a real wait that ran out.
  ck_assert(!deadline::after(1ns).is_immediate());
  ck_assert(!deadline::never().is_immediate());
  ck_assert(d.expired());
  ck_assert(d.remaining() == 0ns);
  struct timespec ts = d.remaining_timespec();
  ck_assert_int_eq(ts.tv_sec, 0);
  ck_assert_int_eq(ts.tv_nsec, 0);
  // A negative timeout is the same as zero, never "forever".
  deadline past = deadline::after(-5s);
  ck_assert(!past.is_never());
  ck_assert(past.expired());
  ck_assert(past.remaining() == 0ns);
}
END_TEST

START_TEST(test_short_timeout) {
  deadline d = deadline::after(100ms);
  ck_assert(!d.is_never());
  ck_assert(!d.expired());
  nanoseconds first = d.remaining();
  ck_assert(first > 0ns);
  ck_assert(first <= 100ms);
  sleep_for(30ms);
  nanoseconds second = d.remaining();
  ck_assert_msg(second < first,
                "remaining did not decrease: %lld ms then %lld ms", ms(first),
                ms(second));
  ck_assert(second <= 70ms);
  sleep_for(second + 1ms);
  ck_assert(d.expired());
  ck_assert(d.remaining() == 0ns);
}
END_TEST

START_TEST(test_remaining_timespec_normalised) {
  deadline d = deadline::after(2500ms);
  struct timespec ts = d.remaining_timespec();
  ck_assert_int_ge(ts.tv_nsec, 0);
  ck_assert_int_lt(ts.tv_nsec, 1000000000);
  long long total =
      static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
  ck_assert_int_le(total, 2500000000LL);
  ck_assert_int_gt(total, 2000000000LL);
  ck_assert_int_eq(ts.tv_sec, 2);
  // Several whole seconds and no fraction to speak of.
  struct timespec big = deadline::after(3h).remaining_timespec();
  ck_assert_int_ge(big.tv_nsec, 0);
  ck_assert_int_lt(big.tv_nsec, 1000000000);
  ck_assert_int_ge(big.tv_sec, 3 * 3600 - 1);
  ck_assert_int_le(big.tv_sec, 3 * 3600);
}
END_TEST

START_TEST(test_huge_saturates_to_never) {
  ck_assert(deadline::after(nanoseconds::max()).is_never());
  ck_assert(deadline::after(nanoseconds::max() - 1ns).is_never());
  ck_assert(deadline::after(nanoseconds::max() - 1s).is_never());
  // Far but representable: a real deadline, nowhere near expiring.
  deadline far = deadline::after(24h * 365 * 100);
  ck_assert(!far.is_never());
  ck_assert(!far.expired());
}
END_TEST

START_TEST(test_from_option) {
  ck_assert(deadline::from_option(std::nullopt).is_never());
  ck_assert(deadline::from_option(0ns).expired());
  deadline d = deadline::from_option(std::optional<nanoseconds>(1h));
  ck_assert(!d.is_never());
  ck_assert(!d.expired());
  ck_assert(deadline::from_option(nanoseconds::max()).is_never());
}
END_TEST

// ----------------------------------------------------------- interrupt_timer

struct empty_pipe {
  ipcutil::unique_fd read_end, write_end;  // the write end stays open: no EOF
  empty_pipe() {
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    read_end.reset(p[0]);
    write_end.reset(p[1]);
  }
};

START_TEST(test_interrupts_blocking_read) {
  empty_pipe p;
  auto start = steady::now();
  deadline d = deadline::after(200ms);
  interrupt_timer timer(d);
  ck_assert(timer.ok());
  char c;
  errno = 0;
  ssize_t n = read(p.read_end.get(), &c, 1);
  auto waited = steady::now() - start;
  ck_assert_int_eq(n, -1);
  ck_assert_int_eq(errno, EINTR);
  ck_assert_msg(waited >= 200ms, "interrupted early, after %lld ms",
                ms(waited));
  ck_assert_msg(waited < 700ms, "interrupted late, after %lld ms", ms(waited));
  ck_assert(d.expired());
}
END_TEST

// After the first expiry the timer repeats, so a call that starts blocking
// later is interrupted too: the race the repeat exists for.
START_TEST(test_keeps_interrupting) {
  empty_pipe p;
  deadline d = deadline::after(20ms);
  interrupt_timer timer(d);
  ck_assert(timer.ok());
  char c;
  for (int i = 0; i < 3; ++i) {
    auto start = steady::now();
    errno = 0;
    ck_assert_int_eq(read(p.read_end.get(), &c, 1), -1);
    ck_assert_int_eq(errno, EINTR);
    if (i > 0)
      ck_assert_msg(steady::now() - start < 500ms, "repeat %d took too long",
                    i);
  }
}
END_TEST

// Once destroyed, the timer no longer interrupts anything.
START_TEST(test_destroyed_timer_is_silent) {
  empty_pipe p;
  {
    interrupt_timer timer(deadline::after(10ms));
    ck_assert(timer.ok());
    char c;
    ck_assert_int_eq(read(p.read_end.get(), &c, 1), -1);
    ck_assert_int_eq(errno, EINTR);
  }
  struct pollfd pfd = {p.read_end.get(), POLLIN, 0};
  errno = 0;
  ck_assert_int_eq(poll(&pfd, 1, 100), 0);  // times out, not EINTR
}
END_TEST

// An already expired deadline interrupts at once (a zero it_value would
// have disarmed the timer instead).
START_TEST(test_expired_deadline_interrupts_at_once) {
  empty_pipe p;
  deadline d = deadline::after(0ns);
  auto start = steady::now();
  interrupt_timer timer(d);
  ck_assert(timer.ok());
  char c;
  ck_assert_int_eq(read(p.read_end.get(), &c, 1), -1);
  ck_assert_int_eq(errno, EINTR);
  ck_assert(steady::now() - start < 500ms);
}
END_TEST

// A deadline that never expires installs nothing.
START_TEST(test_never_does_nothing) {
  struct sigaction before;
  ck_assert_int_eq(sigaction(SIGALRM, nullptr, &before), 0);
  {
    interrupt_timer timer(deadline::never());
    ck_assert(timer.ok());
    struct sigaction during;
    ck_assert_int_eq(sigaction(SIGALRM, nullptr, &during), 0);
    ck_assert(during.sa_handler == before.sa_handler);
    empty_pipe p;
    struct pollfd pfd = {p.read_end.get(), POLLIN, 0};
    ck_assert_int_eq(poll(&pfd, 1, 50), 0);
  }
}
END_TEST

// A SIGALRM blocked by the caller's inherited mask would never interrupt:
// the timer unblocks it.
START_TEST(test_unblocks_sigalrm) {
  sigset_t alarm_only;
  sigemptyset(&alarm_only);
  sigaddset(&alarm_only, SIGALRM);
  ck_assert_int_eq(sigprocmask(SIG_BLOCK, &alarm_only, nullptr), 0);
  empty_pipe p;
  interrupt_timer timer(deadline::after(20ms));
  ck_assert(timer.ok());
  char c;
  ck_assert_int_eq(read(p.read_end.get(), &c, 1), -1);
  ck_assert_int_eq(errno, EINTR);
}
END_TEST

// -w DURATION and --nonblock fill the optional timeout; other options are
// left alone.
START_TEST(test_take_timeout_option) {
  std::optional<std::chrono::nanoseconds> timeout;
  ck_assert(!ipcutil::take_timeout_option('N', "5", timeout));
  ck_assert(!timeout.has_value());
  ck_assert(ipcutil::take_timeout_option('w', "1.5", timeout));
  ck_assert(timeout.has_value() && *timeout == 1500ms);
  ck_assert(
      ipcutil::take_timeout_option(ipcutil::option_nonblock, nullptr, timeout));
  ck_assert(timeout.has_value() && timeout->count() == 0);
}
END_TEST

}  // namespace

Suite* deadline_suite() {
  Suite* s = suite_create("deadline");
  TCase* tc = tcase_create("deadline");
  tcase_add_test(tc, test_never);
  tcase_add_test(tc, test_zero_expires_at_once);
  tcase_add_test(tc, test_short_timeout);
  tcase_add_test(tc, test_remaining_timespec_normalised);
  tcase_add_test(tc, test_huge_saturates_to_never);
  tcase_add_test(tc, test_from_option);
  tcase_add_test(tc, test_take_timeout_option);
  suite_add_tcase(s, tc);

  tc = tcase_create("interrupt_timer");
  tcase_add_test(tc, test_interrupts_blocking_read);
  tcase_add_test(tc, test_keeps_interrupting);
  tcase_add_test(tc, test_destroyed_timer_is_silent);
  tcase_add_test(tc, test_expired_deadline_interrupts_at_once);
  tcase_add_test(tc, test_never_does_nothing);
  tcase_add_test(tc, test_unblocks_sigalrm);
  suite_add_tcase(s, tc);
  return s;
}
