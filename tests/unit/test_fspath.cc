// Creation options for filesystem paths: describe_path, the usage errors,
// check_existing_path (missing, a symlink, the wrong type, someone else's,
// --allow-foreign), mkfifo_exact under any umask, and prepare_fifo with
// --create, --exclusive and without --create.
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <string>

#include "libipcutil/fspath.hh"
#include "libipcutil/object.hh"
#include "libipcutil/program.hh"
#include "child.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::create_options;
using ipcutil::path_check;
using ipcutil::path_type;

namespace {

// Compares against a std::string kept alive through the check.
#define ck_assert_str_eq_s(actual, expected) \
  do {                                       \
    std::string e_ = (expected);             \
    ck_assert_str_eq(actual, e_.c_str());    \
  } while (0)

std::string dir;

void setup() {
  char tmpl[] = "/tmp/test_fspath.XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(tmpl));
  dir = tmpl;
}

void teardown() {
  std::string cmd = "rm -rf '" + dir + "'";
  ck_assert_int_eq(system(cmd.c_str()), 0);
}

START_TEST(test_describe_path) {
  std::string d = ipcutil::describe_path(path_type::fifo, "a'b");
  ck_assert_str_eq(d.c_str(), "FIFO 'a\\'b'");
  d = ipcutil::describe_path(path_type::socket, "/run/s");
  ck_assert_str_eq(d.c_str(), "socket '/run/s'");
}
END_TEST

START_TEST(test_path_usage_errors) {
  outcome mode = run_as_program([] {
    create_options c;
    ipcutil::take_create_option(c, 'm', "0600");
    ipcutil::finish_path_create_options(c);
  });
  ck_assert_int_eq(mode.status, ipcutil::exit_usage);
  ck_assert_str_eq(mode.err.c_str(),
                   "prog: option --mode needs --create\n"
                   "Try 'prog --help' for more information.\n");
  outcome foreign = run_as_program([] {
    create_options c;
    ipcutil::take_create_option(c, ipcutil::option_allow_foreign, nullptr);
    ipcutil::finish_path_create_options(c);
  });
  ck_assert_int_eq(foreign.status, ipcutil::exit_usage);
  outcome ok = run_as_program([] {
    create_options c;
    ipcutil::take_create_option(c, 'c', nullptr);
    ipcutil::take_create_option(c, 'm', "0644");
    ipcutil::take_create_option(c, ipcutil::option_allow_foreign, nullptr);
    ipcutil::finish_path_create_options(c);
  });
  ck_assert_int_eq(ok.status, 0);
}
END_TEST

START_TEST(test_mkfifo_exact) {
  std::string p = dir + "/f";
  for (mode_t mask : {0000, 0022, 0077, 0777}) {
    umask(mask);
    ck_assert_int_eq(ipcutil::mkfifo_exact(p, 0660), 0);
    struct stat st;
    ck_assert_int_eq(lstat(p.c_str(), &st), 0);
    ck_assert(S_ISFIFO(st.st_mode));
    ck_assert_int_eq(st.st_mode & 07777, 0660);
    // The umask is back as it was.
    ck_assert_int_eq(umask(mask), mask);
    unlink(p.c_str());
  }
  ck_assert_int_eq(ipcutil::mkfifo_exact(dir + "/no/such/dir", 0600), -1);
  ck_assert_int_eq(errno, ENOENT);
}
END_TEST

START_TEST(test_check_existing_path) {
  std::string fifo = dir + "/fifo", file = dir + "/file", link = dir + "/link",
              sock = dir + "/sock";
  ck_assert(ipcutil::check_existing_path(fifo, path_type::fifo, false) ==
            path_check::missing);
  ck_assert_int_eq(mkfifo(fifo.c_str(), 0600), 0);
  struct stat st;
  ck_assert(ipcutil::check_existing_path(fifo, path_type::fifo, false, &st) ==
            path_check::ok);
  ck_assert(S_ISFIFO(st.st_mode));
  int fd = open(file.c_str(), O_CREAT | O_WRONLY, 0600);
  ck_assert_int_ge(fd, 0);
  close(fd);
  ck_assert_int_eq(symlink(fifo.c_str(), link.c_str()), 0);
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un addr = {};
  addr.sun_family = AF_UNIX;
  ck_assert_uint_lt(sock.size(), sizeof addr.sun_path);
  memcpy(addr.sun_path, sock.c_str(), sock.size() + 1);
  ck_assert_int_eq(
      bind(s, reinterpret_cast<struct sockaddr*>(&addr), sizeof addr), 0);
  close(s);
  ck_assert(ipcutil::check_existing_path(sock, path_type::socket, false) ==
            path_check::ok);

  struct {
    std::string path;
    path_type type;
    std::string err;
  } refusals[] = {
      {link, path_type::fifo,
       "prog: FIFO '" + link + "' is a symbolic link; refusing to follow it\n"},
      {file, path_type::fifo,
       "prog: FIFO '" + file + "' exists and is not a FIFO\n"},
      {fifo, path_type::socket,
       "prog: socket '" + fifo + "' exists and is not a socket\n"},
  };
  for (auto& r : refusals) {
    outcome o = run_as_program([&] {
      return ipcutil::check_existing_path(r.path, r.type, true) ==
             path_check::refused;
    });
    ck_assert_int_eq(o.status, 0);
    ck_assert_str_eq(o.err.c_str(), r.err.c_str());
  }
  // Someone else's: refused unless --allow-foreign.
  if (geteuid() == 0) {
    ck_assert_int_eq(chown(fifo.c_str(), 65534, 65534), 0);
    outcome o = run_as_program([&] {
      return ipcutil::check_existing_path(fifo, path_type::fifo, false) ==
             path_check::refused;
    });
    ck_assert_int_eq(o.status, 0);
    std::string exp =
        "prog: FIFO '" + fifo +
        "' exists and belongs to uid 65534; use --allow-foreign to accept\n";
    ck_assert_str_eq(o.err.c_str(), exp.c_str());
    ck_assert(ipcutil::check_existing_path(fifo, path_type::fifo, true) ==
              path_check::ok);
  }
}
END_TEST

START_TEST(test_prepare_fifo) {
  std::string p = dir + "/chat";
  create_options none;
  outcome missing = run_as_program([&] {
    bool created;
    return ipcutil::prepare_fifo(p, none, &created);
  });
  ck_assert_int_eq(missing.status, 1);
  ck_assert_str_eq_s(missing.err.c_str(),
                     "prog: FIFO '" + p + "' does not exist\n");

  create_options create;
  create.create = true;
  create.mode = 0620;
  umask(077);
  bool created = false;
  ck_assert(ipcutil::prepare_fifo(p, create, &created));
  ck_assert(created);
  struct stat st;
  ck_assert_int_eq(lstat(p.c_str(), &st), 0);
  ck_assert_int_eq(st.st_mode & 07777, 0620);
  // Found again, ours: used as it is.
  ck_assert(ipcutil::prepare_fifo(p, create, &created));
  ck_assert(!created);
  ck_assert(ipcutil::prepare_fifo(p, none, &created));
  outcome excl = run_as_program([&] {
    create_options x;
    x.create = x.exclusive = true;
    bool c;
    return ipcutil::prepare_fifo(p, x, &c);
  });
  ck_assert_int_eq(excl.status, 1);
  ck_assert_str_eq_s(excl.err.c_str(),
                     "prog: cannot create FIFO '" + p + "': File exists\n");
  // A symlink in its place is never followed, with or without --create.
  unlink(p.c_str());
  std::string target = dir + "/target";
  ck_assert_int_eq(symlink(target.c_str(), p.c_str()), 0);
  outcome link = run_as_program([&] {
    bool c;
    return ipcutil::prepare_fifo(p, create, &c);
  });
  ck_assert_int_eq(link.status, 1);
  ck_assert_str_eq_s(
      link.err.c_str(),
      "prog: FIFO '" + p + "' is a symbolic link; refusing to follow it\n");
  ck_assert_int_eq(access(target.c_str(), F_OK), -1);
}
END_TEST

}  // namespace

Suite* fspath_suite() {
  Suite* s = suite_create("fspath");
  TCase* tc = tcase_create("paths");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_describe_path);
  tcase_add_test(tc, test_path_usage_errors);
  tcase_add_test(tc, test_mkfifo_exact);
  tcase_add_test(tc, test_check_existing_path);
  tcase_add_test(tc, test_prepare_fifo);
  suite_add_tcase(s, tc);
  return s;
}
