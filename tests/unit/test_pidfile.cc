// pidfile: what check_pid_file accepts and refuses, what create_pid_file
// writes, and when the file is removed (exit, death by a signal) or left
// (no longer ours), each run in a child process in a fresh directory.
#include <config.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "libipcutil/pidfile.hh"
#include "libipcutil/program.hh"
#include "child.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

namespace {

std::string dir;

void make_dir() {
  char templ[] = "/tmp/check-pidfile.XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(templ));
  dir = templ;
}

void remove_dir() {
  std::string cmd = "rm -rf '" + dir + "'";
  ck_assert_int_eq(system(cmd.c_str()), 0);
}

std::string at(const char* name) { return dir + "/" + name; }

std::string read_text(const std::string& path) {
  std::string text;
  FILE* f = fopen(path.c_str(), "r");
  if (f == nullptr) return "<none>";
  int c;
  while ((c = getc(f)) != EOF) text += static_cast<char>(c);
  fclose(f);
  return text;
}

void write_text(const std::string& path, const char* text) {
  FILE* f = fopen(path.c_str(), "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  ck_assert_int_eq(fclose(f), 0);
}

// The names in dir, sorted, space-separated.
std::string listing() {
  std::string cmd = "ls -A '" + dir + "' | tr '\\n' ' '";
  FILE* p = popen(cmd.c_str(), "r");
  std::string text;
  int c;
  while ((c = getc(p)) != EOF) text += static_cast<char>(c);
  pclose(p);
  return text;
}

// The path the child works on (a static: the bodies capture nothing).
std::string path;

outcome check(const std::string& p) {
  path = p;
  return run_as_program([] { return ipcutil::check_pid_file(path.c_str()); });
}

START_TEST(test_check_accepts) {
  make_dir();
  outcome o = check(at("absent"));
  ck_assert(o.returned && o.status == 0);
  for (const char* text : {"", "4242\n", "4242", "0"}) {
    write_text(at("stale"), text);
    o = check(at("stale"));
    ck_assert_msg(o.returned && o.status == 0, "refused '%s'", text);
    ck_assert_str_eq(o.err.c_str(), "");
  }
  remove_dir();
}
END_TEST

START_TEST(test_check_refuses) {
  make_dir();
  write_text(at("data"), "precious\n");
  write_text(at("two"), "1\n2\n");
  write_text(at("spaced"), " 42\n");
  ck_assert_int_eq(mkfifo(at("fifo").c_str(), 0600), 0);
  ck_assert_int_eq(mkdir(at("dir").c_str(), 0700), 0);
  ck_assert_int_eq(symlink("data", at("link").c_str()), 0);
  ck_assert_int_eq(symlink("nowhere", at("dangling").c_str()), 0);
  struct {
    const char* name;
    const char* why;
  } cases[] = {
      {"data", "exists and holds something other than a process ID"},
      {"two", "exists and holds something other than a process ID"},
      {"spaced", "exists and holds something other than a process ID"},
      {"fifo", "exists and is not a regular file"},
      {"dir", "exists and is not a regular file"},
      {"link", "is a symbolic link; not replacing it"},
      {"dangling", "is a symbolic link; not replacing it"},
  };
  for (const auto& c : cases) {
    outcome o = check(at(c.name));
    ck_assert(o.returned);
    ck_assert_int_eq(o.status, 1);
    std::string want = "prog: pid file '" + at(c.name) + "' " + c.why + "\n";
    ck_assert_str_eq(o.err.c_str(), want.c_str());
  }
  std::string data = read_text(at("data"));
  ck_assert_str_eq(data.c_str(), "precious\n");
  std::string names = listing();
  ck_assert_str_eq(names.c_str(), "dangling data dir fifo link spaced two ");
  outcome o = check("");
  ck_assert(!o.returned);
  ck_assert_int_eq(o.status, 2);
  ck_assert_str_eq(o.err.c_str(), "prog: invalid pid file: ''\n");
  remove_dir();
}
END_TEST

// Written whole under the final name, 0644 less the umask, nothing else
// left in the directory; removed by exit.
START_TEST(test_create_and_remove_at_exit) {
  make_dir();
  path = at("pf");
  outcome o = run_as_program([] {
    umask(027);
    if (!ipcutil::create_pid_file(path.c_str())) return;
    struct stat st;
    stat(path.c_str(), &st);
    printf("%s|%o|%s", read_text(path).c_str(), st.st_mode & 07777,
           listing().c_str());
    fflush(stdout);
    printf("|%ld", static_cast<long>(getpid()));
  });
  ck_assert_int_eq(o.status, 0);
  std::string pid = o.out.substr(o.out.rfind('|') + 1);
  std::string want = pid + "\n|640|pf |" + pid;
  ck_assert_str_eq(o.out.c_str(), want.c_str());
  std::string names = listing();
  ck_assert_str_eq(names.c_str(), "");
  remove_dir();
}
END_TEST

START_TEST(test_create_fails) {
  make_dir();
  path = at("nodir/pf");
  outcome o =
      run_as_program([] { return ipcutil::create_pid_file(path.c_str()); });
  ck_assert(o.returned);
  ck_assert_int_eq(o.status, 1);
  std::string want = "prog: cannot create pid file '" + path +
                     "': No such file or directory\n";
  ck_assert_str_eq(o.err.c_str(), want.c_str());
  path = at("fifo");
  ck_assert_int_eq(mkfifo(path.c_str(), 0600), 0);
  o = run_as_program([] { return ipcutil::create_pid_file(path.c_str()); });
  ck_assert_int_eq(o.status, 1);
  std::string names = listing();
  ck_assert_str_eq(names.c_str(), "fifo ");
  remove_dir();
}
END_TEST

// A death by signal removes it too.
START_TEST(test_removed_before_signal_death) {
  make_dir();
  path = at("pf");
  outcome o = run_as_program([] {
    if (ipcutil::create_pid_file(path.c_str()))
      ipcutil::exit_by_signal(SIGTERM);
  });
  ck_assert_int_eq(o.status, 128 + SIGTERM);
  std::string names = listing();
  ck_assert_str_eq(names.c_str(), "");
  remove_dir();
}
END_TEST

// No longer ours: replaced by another file, rewritten in place, replaced by
// a FIFO.  Left alone at exit.
START_TEST(test_not_ours_is_left) {
  make_dir();
  path = at("pf");
  static const char* how;
  for (const char* h : {"replace", "rewrite", "fifo"}) {
    how = h;
    outcome o = run_as_program([] {
      if (!ipcutil::create_pid_file(path.c_str())) return;
      if (strcmp(how, "replace") == 0) {
        write_text(path + ".new", "1\n");
        rename((path + ".new").c_str(), path.c_str());
      } else if (strcmp(how, "rewrite") == 0) {
        write_text(path, "1\n");
      } else {
        mkfifo((path + ".new").c_str(), 0600);
        rename((path + ".new").c_str(), path.c_str());
      }
    });
    ck_assert_int_eq(o.status, 0);
    ck_assert_msg(listing() == "pf ", "%s: %s", how, listing().c_str());
    ck_assert_int_eq(unlink(path.c_str()), 0);
  }
  remove_dir();
}
END_TEST

}  // namespace

Suite* pidfile_suite() {
  Suite* s = suite_create("pidfile");
  TCase* tc = tcase_create("pidfile");
  tcase_add_test(tc, test_check_accepts);
  tcase_add_test(tc, test_check_refuses);
  tcase_add_test(tc, test_create_and_remove_at_exit);
  tcase_add_test(tc, test_create_fails);
  tcase_add_test(tc, test_removed_before_signal_death);
  tcase_add_test(tc, test_not_ours_is_left);
  suite_add_tcase(s, tc);
  return s;
}
