// unique_fd owns exactly one descriptor (closed on destruction, reset and
// move assignment, handed over by move and release); read_full and
// write_full move every byte across pipes despite short transfers, EINTR
// and a non-blocking descriptor that fills up.
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include "libipcutil/fd.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::read_full;
using ipcutil::unique_fd;
using ipcutil::write_full;

namespace {

bool is_open(int fd) { return fcntl(fd, F_GETFD) != -1; }

bool is_closed(int fd) { return fcntl(fd, F_GETFD) == -1 && errno == EBADF; }

int open_null() {
  int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  ck_assert_int_ge(fd, 0);
  return fd;
}

void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

// Waits for a forked child and returns its exit status (128 + signal).
int wait_child(pid_t pid) {
  int wstatus;
  ck_assert_int_eq(waitpid(pid, &wstatus, 0), pid);
  return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
}

// The byte at OFFSET of a test stream: not periodic in any pipe-sized block.
char pattern(std::size_t offset) {
  return static_cast<char>((offset * 7 + offset / 251) & 0xff);
}

std::vector<char> make_pattern(std::size_t len) {
  std::vector<char> data(len);
  for (std::size_t i = 0; i < len; ++i) data[i] = pattern(i);
  return data;
}

// ---------------------------------------------------------------- unique_fd

START_TEST(test_default_is_empty) {
  unique_fd u;
  ck_assert_int_eq(u.get(), -1);
  ck_assert(!u);
  ck_assert_int_eq(u.release(), -1);
  u.reset();  // resetting nothing is harmless
  ck_assert(!u);
}
END_TEST

START_TEST(test_closes_on_destruction) {
  int fd = open_null();
  {
    unique_fd u(fd);
    ck_assert(u);
    ck_assert_int_eq(u.get(), fd);
    ck_assert(is_open(fd));
  }
  ck_assert(is_closed(fd));
}
END_TEST

START_TEST(test_reset) {
  int a = open_null();
  int b = open_null();
  unique_fd u(a);
  u.reset(b);
  ck_assert(is_closed(a));
  ck_assert(is_open(b));
  ck_assert_int_eq(u.get(), b);
  u.reset();
  ck_assert(is_closed(b));
  ck_assert(!u);
  ck_assert_int_eq(u.get(), -1);
}
END_TEST

START_TEST(test_move_construct) {
  int fd = open_null();
  unique_fd a(fd);
  {
    unique_fd b(std::move(a));
    ck_assert_int_eq(a.get(), -1);  // moved from: owns nothing
    ck_assert_int_eq(b.get(), fd);
    ck_assert(is_open(fd));
  }
  ck_assert(is_closed(fd));
  a.reset();  // the moved-from handle owns nothing to close
}
END_TEST

START_TEST(test_move_assign) {
  int a_fd = open_null();
  int b_fd = open_null();
  unique_fd a(a_fd);
  unique_fd b(b_fd);
  b = std::move(a);
  ck_assert(is_closed(b_fd));  // the old descriptor of the target is closed
  ck_assert(is_open(a_fd));
  ck_assert_int_eq(b.get(), a_fd);
  ck_assert_int_eq(a.get(), -1);
  // Self-assignment keeps the descriptor.
  unique_fd& alias = b;
  b = std::move(alias);
  ck_assert_int_eq(b.get(), a_fd);
  ck_assert(is_open(a_fd));
  b = unique_fd();
  ck_assert(is_closed(a_fd));
}
END_TEST

START_TEST(test_release) {
  int fd = open_null();
  {
    unique_fd u(fd);
    ck_assert_int_eq(u.release(), fd);
    ck_assert(!u);
  }
  ck_assert(is_open(fd));
  close(fd);
}
END_TEST

// ---------------------------------------------------------------- read_full

START_TEST(test_read_full_pieces_and_eof) {
  int p[2];
  ck_assert_int_eq(pipe(p), 0);
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    close(p[0]);
    for (const char* piece : {"he", "llo", " ", "wor", "ld"}) {
      if (write(p[1], piece, strlen(piece)) < 0) _exit(1);
      sleep_ms(5);  // each piece arrives in its own read()
    }
    _exit(0);
  }
  close(p[1]);
  unique_fd in(p[0]);
  char buf[64];
  // Exactly what was asked for, although it came in pieces...
  ck_assert_int_eq(read_full(in.get(), buf, 4), 4);
  ck_assert_int_eq(memcmp(buf, "hell", 4), 0);
  // ...and short only at end of file.
  ck_assert_int_eq(read_full(in.get(), buf, sizeof buf), 7);
  ck_assert_int_eq(memcmp(buf, "o world", 7), 0);
  ck_assert_int_eq(read_full(in.get(), buf, sizeof buf), 0);
  ck_assert_int_eq(wait_child(pid), 0);
}
END_TEST

START_TEST(test_read_full_zero_length) {
  int fd = open_null();
  unique_fd u(fd);
  char c;
  ck_assert_int_eq(read_full(u.get(), &c, 0), 0);
  ck_assert_int_eq(read_full(u.get(), &c, 1), 0);
}
END_TEST

START_TEST(test_read_full_bad_fd) {
  int fd = open_null();
  close(fd);
  char c;
  errno = 0;
  ck_assert_int_eq(read_full(fd, &c, 1), -1);
  ck_assert_int_eq(errno, EBADF);
}
END_TEST

void on_alarm(int) {}

// A signal handled without SA_RESTART interrupts read(); read_full carries on.
START_TEST(test_read_full_eintr) {
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigemptyset(&sa.sa_mask);
  ck_assert_int_eq(sigaction(SIGALRM, &sa, &old), 0);
  int p[2];
  ck_assert_int_eq(pipe(p), 0);
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    close(p[0]);
    sleep_ms(150);
    _exit(write(p[1], "late", 4) == 4 ? 0 : 1);
  }
  close(p[1]);
  unique_fd in(p[0]);
  struct itimerval every_20ms = {{0, 20000}, {0, 20000}};
  ck_assert_int_eq(setitimer(ITIMER_REAL, &every_20ms, nullptr), 0);
  char buf[8];
  ssize_t n = read_full(in.get(), buf, sizeof buf);
  struct itimerval off = {};
  setitimer(ITIMER_REAL, &off, nullptr);
  sigaction(SIGALRM, &old, nullptr);
  ck_assert_int_eq(n, 4);
  ck_assert_int_eq(memcmp(buf, "late", 4), 0);
  ck_assert_int_eq(wait_child(pid), 0);
}
END_TEST

// --------------------------------------------------------------- write_full

// A child reads LEN bytes from FD (after DELAY_MS, in small slow reads if
// SLOW) and exits 0 if they match pattern() and EOF follows.
pid_t spawn_checker(int read_fd, int write_fd, std::size_t len, long delay_ms,
                    bool slow) {
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    close(write_fd);
    sleep_ms(delay_ms);
    std::vector<char> got(len + 1);
    std::size_t done = 0;
    for (;;) {
      std::size_t want = slow ? 1000 : got.size() - done;
      if (want > got.size() - done) want = got.size() - done;
      if (want == 0) _exit(2);  // more data than expected
      ssize_t n = read(read_fd, got.data() + done, want);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) _exit(3);
      if (n == 0) break;
      done += static_cast<std::size_t>(n);
    }
    if (done != len) _exit(4);
    for (std::size_t i = 0; i < len; ++i)
      if (got[i] != pattern(i)) _exit(5);
    _exit(0);
  }
  close(read_fd);
  return pid;
}

START_TEST(test_write_full_pipe) {
  const std::size_t len = 1 << 20;  // 16 times the default pipe buffer
  std::vector<char> data = make_pattern(len);
  int p[2];
  ck_assert_int_eq(pipe(p), 0);
  pid_t pid = spawn_checker(p[0], p[1], len, 0, false);
  unique_fd out(p[1]);
  ck_assert(write_full(out.get(), data.data(), len));
  out.reset();
  ck_assert_int_eq(wait_child(pid), 0);
}
END_TEST

// The pipe fills while the reader sleeps: write() says EAGAIN and
// write_full waits for room instead of failing or spinning.
START_TEST(test_write_full_nonblocking) {
  const std::size_t len = 512 * 1024;
  std::vector<char> data = make_pattern(len);
  int p[2];
  ck_assert_int_eq(pipe(p), 0);
  ck_assert_int_eq(fcntl(p[1], F_SETFL, O_NONBLOCK), 0);  // our end only
  pid_t pid = spawn_checker(p[0], p[1], len, 100, true);
  unique_fd out(p[1]);
  // Prove the pipe really does fill up: a plain write() hits EAGAIN.
  std::size_t sent = 0;
  for (;;) {
    ssize_t n = write(out.get(), data.data() + sent, len - sent);
    if (n < 0) {
      ck_assert_int_eq(errno, EAGAIN);
      break;
    }
    sent += static_cast<std::size_t>(n);
    ck_assert_uint_lt(sent, len);
  }
  struct rusage before, after;
  getrusage(RUSAGE_SELF, &before);
  ck_assert(write_full(out.get(), data.data() + sent, len - sent));
  getrusage(RUSAGE_SELF, &after);
  out.reset();
  ck_assert_int_eq(wait_child(pid), 0);
  // Waiting is poll(), not a busy loop: well under the reader's 100+ ms.
  long cpu_us = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) * 1000000L +
                (after.ru_utime.tv_usec - before.ru_utime.tv_usec) +
                (after.ru_stime.tv_sec - before.ru_stime.tv_sec) * 1000000L +
                (after.ru_stime.tv_usec - before.ru_stime.tv_usec);
  ck_assert_int_lt(cpu_us, 80000);
}
END_TEST

START_TEST(test_write_full_closed_pipe) {
  signal(SIGPIPE, SIG_IGN);
  int p[2];
  ck_assert_int_eq(pipe(p), 0);
  close(p[0]);
  unique_fd out(p[1]);
  errno = 0;
  ck_assert(!write_full(out.get(), "x", 1));
  ck_assert_int_eq(errno, EPIPE);
  signal(SIGPIPE, SIG_DFL);
}
END_TEST

START_TEST(test_write_full_bad_fd) {
  int fd = open_null();
  close(fd);
  errno = 0;
  ck_assert(!write_full(fd, "x", 1));
  ck_assert_int_eq(errno, EBADF);
  ck_assert(write_full(fd, "", 0));  // nothing to write is not an error
}
END_TEST

START_TEST(test_write_full_dev_full) {
  int fd = open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) return;  // no /dev/full in this sandbox: nothing to prove
  unique_fd u(fd);
  errno = 0;
  ck_assert(!write_full(u.get(), "x", 1));
  ck_assert_int_eq(errno, ENOSPC);
}
END_TEST

}  // namespace

Suite* fd_suite() {
  Suite* s = suite_create("fd");
  TCase* tc = tcase_create("unique_fd");
  tcase_add_test(tc, test_default_is_empty);
  tcase_add_test(tc, test_closes_on_destruction);
  tcase_add_test(tc, test_reset);
  tcase_add_test(tc, test_move_construct);
  tcase_add_test(tc, test_move_assign);
  tcase_add_test(tc, test_release);
  suite_add_tcase(s, tc);

  tc = tcase_create("io");
  tcase_add_test(tc, test_read_full_pieces_and_eof);
  tcase_add_test(tc, test_read_full_zero_length);
  tcase_add_test(tc, test_read_full_bad_fd);
  tcase_add_test(tc, test_read_full_eintr);
  tcase_add_test(tc, test_write_full_pipe);
  tcase_add_test(tc, test_write_full_nonblocking);
  tcase_add_test(tc, test_write_full_closed_pipe);
  tcase_add_test(tc, test_write_full_bad_fd);
  tcase_add_test(tc, test_write_full_dev_full);
  suite_add_tcase(s, tc);
  return s;
}
