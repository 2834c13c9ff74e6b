// termination: the stop flag set by TERM/INT/HUP, interrupting a blocking
// call; die_by_signal dying by that signal; SIGPIPE ignored; SIGALRM owned
// here.  attempt_until: an immediate deadline never blocks, a hook before
// blocking can end the wait, a termination signal interrupts it.

#include <config.h>

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>

#include "libipcutil/deadline.hh"
#include "libipcutil/termination.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::attempt_status;
using ipcutil::attempt_until;
using ipcutil::deadline;
using namespace std::chrono_literals;

namespace {

// Sends SIGNO to us from a child after 100 ms.
void signal_soon(int signo) {
  pid_t parent = getpid();
  pid_t child = fork();
  ck_assert_int_ge(child, 0);
  if (child == 0) {
    usleep(100 * 1000);
    kill(parent, signo);
    _exit(0);
  }
}

}  // namespace

START_TEST(test_stop_flag_interrupts_read) {
  ipcutil::setup_termination();
  ck_assert_int_eq(ipcutil::stop_signal(), 0);
  int fds[2];
  ck_assert_int_eq(pipe(fds), 0);
  signal_soon(SIGHUP);
  char c;
  ck_assert_int_eq(read(fds[0], &c, 1), -1);
  ck_assert_int_eq(errno, EINTR);
  ck_assert_int_eq(ipcutil::stop_signal(), SIGHUP);
  ck_assert_int_eq(*ipcutil::stop_flag(), SIGHUP);
  wait(nullptr);
}
END_TEST

START_TEST(test_sigpipe_ignored) {
  ipcutil::setup_termination();
  ck_assert(!ipcutil::sigpipe_was_ignored());
  int fds[2];
  ck_assert_int_eq(pipe(fds), 0);
  close(fds[0]);
  ck_assert_int_eq(write(fds[1], "x", 1), -1);
  ck_assert_int_eq(errno, EPIPE);
}
END_TEST

START_TEST(test_die_by_signal) {
  pid_t child = fork();
  ck_assert_int_ge(child, 0);
  if (child == 0) {
    ipcutil::setup_termination();
    raise(SIGTERM);  // caught: only the flag
    ipcutil::die_if_stopped();
    _exit(0);
  }
  int status;
  ck_assert_int_eq(waitpid(child, &status, 0), child);
  ck_assert(WIFSIGNALED(status));
  ck_assert_int_eq(WTERMSIG(status), SIGTERM);
}
END_TEST

START_TEST(test_attempt_immediate_never_blocks) {
  int now = 0, blocking = 0;
  auto r = attempt_until(
      deadline::after(0s),
      [&] {
        ++now;
        errno = EAGAIN;
        return -1;
      },
      [&] {
        ++blocking;
        return 0;
      },
      [](int err) { return err == EAGAIN; });
  ck_assert(r == attempt_status::would_block);
  ck_assert_int_eq(now, 1);
  ck_assert_int_eq(blocking, 0);
}
END_TEST

START_TEST(test_attempt_never_goes_straight_to_blocking) {
  int now = 0, blocking = 0;
  auto r = attempt_until(
      deadline::never(),
      [&] {
        ++now;
        return 0;
      },
      [&] {
        ++blocking;
        return 0;
      },
      [](int) { return true; });
  ck_assert(r == attempt_status::ok);
  ck_assert_int_eq(now, 0);
  ck_assert_int_eq(blocking, 1);
}
END_TEST

START_TEST(test_attempt_before_blocking_ends) {
  int blocking = 0;
  auto r = attempt_until(
      deadline::never(),
      [] {
        errno = EAGAIN;
        return -1;
      },
      [&] {
        ++blocking;
        return 0;
      },
      [](int err) { return err == EAGAIN; },
      [] { return std::optional<attempt_status>(attempt_status::failed); });
  ck_assert(r == attempt_status::failed);
  ck_assert_int_eq(blocking, 0);
}
END_TEST

START_TEST(test_attempt_interrupted) {
  ipcutil::setup_termination();
  int fds[2];
  ck_assert_int_eq(pipe(fds), 0);
  signal_soon(SIGTERM);
  char c;
  auto r = attempt_until(
      deadline::after(10s),
      [] {
        errno = EAGAIN;
        return -1;
      },
      [&] { return static_cast<int>(read(fds[0], &c, 1)); },
      [](int err) { return err == EAGAIN; });
  ck_assert(r == attempt_status::interrupted);
  wait(nullptr);
}
END_TEST

Suite* termination_suite() {
  Suite* s = suite_create("termination");
  TCase* tc = tcase_create("termination");
  tcase_add_test(tc, test_stop_flag_interrupts_read);
  tcase_add_test(tc, test_sigpipe_ignored);
  tcase_add_test(tc, test_die_by_signal);
  suite_add_tcase(s, tc);
  tc = tcase_create("attempt_until");
  tcase_add_test(tc, test_attempt_immediate_never_blocks);
  tcase_add_test(tc, test_attempt_never_goes_straight_to_blocking);
  tcase_add_test(tc, test_attempt_before_blocking_ends);
  tcase_add_test(tc, test_attempt_interrupted);
  suite_add_tcase(s, tc);
  return s;
}
