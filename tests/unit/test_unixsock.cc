// UNIX domain socket addresses and safe binding: the 107-byte limit for
// paths and abstract names (never truncated), the probe that tells a
// stale socket from a live one (of any type) and from nothing, binding
// with an exact mode under any umask, removal only of the very socket or
// stale file meant, and autobind for datagram clients.
#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <string>

#include "libipcutil/fd.hh"
#include "libipcutil/unixsock.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::address_error;
using ipcutil::make_unix_address;
using ipcutil::probe_result;
using ipcutil::stale_removal;
using ipcutil::unique_fd;
using ipcutil::unix_address;

namespace {

std::string dir;

void setup() {
  char tmpl[] = "/tmp/test_unixsock.XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(tmpl));
  dir = tmpl;
}

void teardown() {
  std::string cmd = "rm -rf '" + dir + "'";
  ck_assert_int_eq(system(cmd.c_str()), 0);
}

unix_address address(const std::string& text) {
  unix_address a;
  ck_assert(make_unix_address(text, a) == address_error::ok);
  return a;
}

// Binds ADDR with MODE; asserts success.
unique_fd bind_ok(const unix_address& a, int type, mode_t mode, dev_t* dev,
                  ino_t* ino) {
  unique_fd fd;
  ck_assert_int_eq(ipcutil::bind_unix_socket(a, type, mode, 8, fd, dev, ino),
                   0);
  ck_assert(static_cast<bool>(fd));
  return fd;
}

START_TEST(test_address_limits) {
  unix_address a;
  std::string p107(107, 'p');
  ck_assert(make_unix_address(p107, a) == address_error::ok);
  ck_assert(!a.abstract);
  ck_assert_int_eq(a.len, offsetof(sockaddr_un, sun_path) + 108);
  ck_assert_str_eq(a.path(), p107.c_str());
  ck_assert(make_unix_address(p107 + "q", a) == address_error::too_long);
  ck_assert(make_unix_address("", a) == address_error::empty);
  ck_assert(make_unix_address("@", a) == address_error::empty);
  ck_assert(make_unix_address(std::string("a\0b", 3), a) ==
            address_error::has_nul);
  ck_assert_uint_eq(ipcutil::unix_address_length("@" + p107), 107);

  // Abstract: a NUL, then exactly the name; the length says where it ends.
  ck_assert(make_unix_address("@demo", a) == address_error::ok);
  ck_assert(a.abstract);
  ck_assert_ptr_null(a.path());
  ck_assert_int_eq(a.addr.sun_path[0], 0);
  ck_assert_int_eq(memcmp(a.addr.sun_path + 1, "demo", 4), 0);
  ck_assert_int_eq(a.len, offsetof(sockaddr_un, sun_path) + 5);
  ck_assert(make_unix_address("@" + p107, a) == address_error::ok);
  ck_assert(make_unix_address("@" + p107 + "q", a) == address_error::too_long);
}
END_TEST

START_TEST(test_probe) {
  unix_address a = address(dir + "/s");
  ck_assert(ipcutil::probe_unix_address(a, SOCK_STREAM) ==
            probe_result::absent);
  dev_t dev;
  ino_t ino;
  {
    unique_fd fd = bind_ok(a, SOCK_STREAM, 0600, &dev, &ino);
    ck_assert(ipcutil::probe_unix_address(a, SOCK_STREAM) ==
              probe_result::live);
    // A listener of another type is live too.
    ck_assert(ipcutil::probe_unix_address(a, SOCK_SEQPACKET) ==
              probe_result::live);
  }
  // Closed, the file stays: stale.
  ck_assert(ipcutil::probe_unix_address(a, SOCK_STREAM) == probe_result::stale);
  // Nobody on an abstract name is simply absent.
  unix_address abs = address("@test_unixsock." + std::to_string(getpid()));
  ck_assert(ipcutil::probe_unix_address(abs, SOCK_STREAM) ==
            probe_result::absent);
  unique_fd live = bind_ok(abs, SOCK_STREAM, 0600, &dev, &ino);
  ck_assert(ipcutil::probe_unix_address(abs, SOCK_STREAM) ==
            probe_result::live);
  // A datagram socket bound there answers a datagram probe.
  unix_address d = address(dir + "/d");
  unique_fd dg = bind_ok(d, SOCK_DGRAM, 0600, &dev, &ino);
  ck_assert(ipcutil::probe_unix_address(d, SOCK_DGRAM) == probe_result::live);
}
END_TEST

START_TEST(test_bind_mode) {
  mode_t old = umask(0);
  for (mode_t mode : {0600, 0660, 0666, 0700, 0}) {
    unix_address a = address(dir + "/m");
    dev_t dev;
    ino_t ino;
    unique_fd fd = bind_ok(a, SOCK_STREAM, mode, &dev, &ino);
    struct stat st;
    ck_assert_int_eq(lstat(a.path(), &st), 0);
    ck_assert_uint_eq(st.st_mode & 07777, mode);
    ck_assert_uint_eq(st.st_ino, ino);
    // The umask is back as it was.
    mode_t now = umask(0);
    ck_assert_uint_eq(now, 0);
    ck_assert(ipcutil::remove_bound_socket(a.path(), dev, ino));
    ck_assert_int_eq(lstat(a.path(), &st), -1);
  }
  umask(022);
  // An address in use: EADDRINUSE, and nothing changed.
  unix_address a = address(dir + "/busy");
  dev_t dev;
  ino_t ino;
  unique_fd first = bind_ok(a, SOCK_STREAM, 0600, &dev, &ino);
  unique_fd second;
  dev_t dev2 = 0;
  ino_t ino2 = 0;
  ck_assert_int_eq(
      ipcutil::bind_unix_socket(a, SOCK_STREAM, 0600, 8, second, &dev2, &ino2),
      EADDRINUSE);
  ck_assert(!second);
  umask(old);
}
END_TEST

START_TEST(test_removal_only_of_ours) {
  unix_address a = address(dir + "/r");
  dev_t dev;
  ino_t ino;
  unique_fd fd = bind_ok(a, SOCK_STREAM, 0600, &dev, &ino);
  // Replaced by another socket: not ours to remove.
  std::string moved = dir + "/r.old";
  ck_assert_int_eq(rename(a.path(), moved.c_str()), 0);
  dev_t dev2;
  ino_t ino2;
  unique_fd other = bind_ok(a, SOCK_STREAM, 0600, &dev2, &ino2);
  ck_assert(!ipcutil::remove_bound_socket(a.path(), dev, ino));
  struct stat st;
  ck_assert_int_eq(lstat(a.path(), &st), 0);
  ck_assert_uint_eq(st.st_ino, ino2);

  // remove_stale_socket: the file it was told about, nothing else.
  ck_assert_int_eq(lstat(moved.c_str(), &st), 0);
  struct stat other_st;
  ck_assert_int_eq(lstat(a.path(), &other_st), 0);
  ck_assert(ipcutil::remove_stale_socket(moved.c_str(), other_st) ==
            stale_removal::replaced);
  ck_assert_int_eq(access(moved.c_str(), F_OK), 0);
  ck_assert(ipcutil::remove_stale_socket(moved.c_str(), st) ==
            stale_removal::removed);
  ck_assert_int_eq(access(moved.c_str(), F_OK), -1);
}
END_TEST

START_TEST(test_unsafe_directory) {
  if (geteuid() != 0) return;  // needs a directory of another user
  std::string open_dir = dir + "/open";
  ck_assert_int_eq(mkdir(open_dir.c_str(), 0777), 0);
  unix_address a = address(open_dir + "/s");
  dev_t dev;
  ino_t ino;
  { unique_fd fd = bind_ok(a, SOCK_STREAM, 0600, &dev, &ino); }
  ck_assert_int_eq(chown(open_dir.c_str(), 65534, 65534), 0);
  ck_assert_int_eq(chmod(open_dir.c_str(), 0777), 0);
  struct stat st;
  ck_assert_int_eq(lstat(a.path(), &st), 0);
  ck_assert(ipcutil::remove_stale_socket(a.path(), st) ==
            stale_removal::unsafe_dir);
  ck_assert_int_eq(chmod(open_dir.c_str(), 01777), 0);
  ck_assert(ipcutil::remove_stale_socket(a.path(), st) ==
            stale_removal::removed);
}
END_TEST

START_TEST(test_autobind) {
  unique_fd fd(socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  ck_assert(ipcutil::autobind_unix_socket(fd.get()));
  sockaddr_un got{};
  socklen_t len = sizeof got;
  ck_assert_int_eq(
      getsockname(fd.get(), reinterpret_cast<sockaddr*>(&got), &len), 0);
  // An abstract name chosen by the kernel: no file anywhere.
  ck_assert_uint_gt(len, sizeof(sa_family_t));
  ck_assert_int_eq(got.sun_path[0], 0);
}
END_TEST

}  // namespace

Suite* unixsock_suite() {
  Suite* s = suite_create("unixsock");
  TCase* tc = tcase_create("sockets");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_address_limits);
  tcase_add_test(tc, test_probe);
  tcase_add_test(tc, test_bind_mode);
  tcase_add_test(tc, test_removal_only_of_ours);
  tcase_add_test(tc, test_unsafe_directory);
  tcase_add_test(tc, test_autobind);
  suite_add_tcase(s, tc);
  return s;
}
