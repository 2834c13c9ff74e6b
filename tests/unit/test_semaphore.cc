// semaphore over real System V sets and POSIX named semaphores: creation
// with the initial value by semop (sem_otime set), the bounded wait for
// an uninitialised set, post and take with deadlines, SEM_UNDO, overflow,
// members out of range, removal while waiting, and refusing files in
// /dev/shm that are not semaphores.  Each test runs in its own process
// (Check's fork mode) and, where allowed, its own IPC namespace; the key
// and name are the test's own and removed in teardown.
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "libipcutil/object.hh"
#include "libipcutil/semaphore.hh"
#include "objects.hh"
#include "child.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::create_options;
using ipcutil::deadline;
using ipcutil::object_selector;
using ipcutil::sem_status;
using ipcutil::semaphore;
using namespace std::chrono_literals;

namespace {

char key_text[32];
char name_text[64];

key_t test_key() { return static_cast<key_t>(strtoul(key_text, nullptr, 16)); }

std::string sem_path() {
  return std::string("/dev/shm/sem.") + (name_text + 1);
}

void setup() {
  unshare(CLONE_NEWIPC);  // a private namespace when we may
  snprintf(key_text, sizeof key_text, "0x%08x",
           0x53000000u | (getpid() & 0xffffff));
  snprintf(name_text, sizeof name_text, "/test_semaphore-%ld",
           static_cast<long>(getpid()));
}

void teardown() {
  int id = semget(test_key(), 0, 0);
  if (id >= 0) semctl(id, 0, IPC_RMID);
  sem_unlink(name_text);
  unlink(sem_path().c_str());
}

long elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now() - start)
      .count();
}

struct semid_ds stat_set() {
  struct semid_ds ds;
  ck_assert_int_eq(semctl(semget(test_key(), 0, 0), 0, IPC_STAT, &ds), 0);
  return ds;
}

// ---------------------------------------------------------------- System V

START_TEST(test_sysv_create_initialises) {
  semaphore s;
  object_selector sel = selector('k', key_text);
  ck_assert(s.open(sel, creating(0640), 3, 2, deadline::never()));
  ck_assert(s.created());
  ck_assert(!s.posix());
  ck_assert_uint_eq(s.size(), 2);
  ck_assert_int_eq(s.max_value(), 32767);
  struct semid_ds ds = stat_set();
  // The initial value came by semop: sem_otime tells the others it is set.
  ck_assert_int_ne(ds.sem_otime, 0);
  ck_assert_int_eq(ds.sem_perm.mode & 0777, 0640);
  ck_assert_int_eq(s.value(), 3);
  s.select(1);
  ck_assert_int_eq(s.value(), 3);

  // A second --create finds it initialised and does not wait or reset it.
  semaphore again;
  object_selector sel2 = selector('k', key_text);
  auto start = std::chrono::steady_clock::now();
  ck_assert(again.open(sel2, creating(), 7, 1, deadline::never()));
  ck_assert(!again.created());
  ck_assert_int_lt(elapsed_ms(start), 500);
  ck_assert_int_eq(again.value(), 3);
  ck_assert_uint_eq(again.size(), 2);
  std::string exp = std::string("semaphore set key ") + key_text;
  ck_assert_str_eq(again.description().c_str(), exp.c_str());
}
END_TEST

START_TEST(test_sysv_post_take) {
  semaphore s;
  object_selector sel = selector('k', key_text);
  ck_assert(s.open(sel, creating(), 0, 1, deadline::never()));
  ck_assert(s.post(2) == sem_status::ok);
  ck_assert_int_eq(s.value(), 2);
  ck_assert(s.take(3, deadline::after(0ns)) == sem_status::would_block);
  ck_assert_int_eq(s.value(), 2);  // atomic: nothing taken
  ck_assert(s.take(2, deadline::after(0ns)) == sem_status::ok);
  ck_assert_int_eq(s.value(), 0);

  auto start = std::chrono::steady_clock::now();
  ck_assert(s.take(1, deadline::after(200ms)) == sem_status::would_block);
  long ms = elapsed_ms(start);
  ck_assert_int_ge(ms, 200);
  ck_assert_int_lt(ms, 2000);

  // Without --create an existing set opens at once.
  semaphore plain;
  object_selector sel2 = selector('k', key_text);
  ck_assert(plain.open(sel2, create_options{}, 0, 0, deadline::never()));
  ck_assert(!plain.created());
  ck_assert(plain.post(1) == sem_status::ok);
  ck_assert(s.wait_zero(deadline::after(0ns)) == sem_status::would_block);
  ck_assert(s.take(1, deadline::never()) == sem_status::ok);
  ck_assert(s.wait_zero(deadline::after(0ns)) == sem_status::ok);
}
END_TEST

START_TEST(test_sysv_overflow_and_range) {
  semaphore s;
  object_selector sel = selector('k', key_text);
  ck_assert(s.open(sel, creating(), 5, 1, deadline::never()));
  ck_assert(s.post(32763) == sem_status::overflow);
  ck_assert_int_eq(s.value(), 5);
  ck_assert(s.post(32762) == sem_status::ok);
  ck_assert_int_eq(s.value(), 32767);
  ck_assert(s.post(1) == sem_status::overflow);
  ck_assert(s.post(40000) == sem_status::overflow);
  ck_assert_int_eq(s.value(), 32767);
  s.select(1);
  ck_assert(s.post(1) == sem_status::out_of_range);
  ck_assert(s.take(1, deadline::after(0ns)) == sem_status::out_of_range);
}
END_TEST

START_TEST(test_sysv_undo) {
  semaphore s;
  object_selector sel = selector('k', key_text);
  ck_assert(s.open(sel, creating(), 2, 1, deadline::never()));
  for (bool undo : {true, false}) {
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
      _exit(s.take(1, deadline::never(), undo) == sem_status::ok ? 0 : 1);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_int_eq(status, 0);
    // SEM_UNDO gives the unit back when the process ends; without it the
    // take stays.
    ck_assert_int_eq(s.value(), undo ? 2 : 1);
  }
  // A post with UNDO cancels the adjustment of a take with UNDO: nothing
  // more is given back at exit.
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0)
    _exit(s.take(1, deadline::never(), true) == sem_status::ok &&
                  s.post(1, true) == sem_status::ok
              ? 0
              : 1);
  int status;
  ck_assert_int_eq(waitpid(pid, &status, 0), pid);
  ck_assert_int_eq(status, 0);
  ck_assert_int_eq(s.value(), 1);
}
END_TEST

START_TEST(test_sysv_removed_while_waiting) {
  semaphore s;
  object_selector sel = selector('k', key_text);
  ck_assert(s.open(sel, creating(), 0, 1, deadline::never()));
  int id = semget(test_key(), 0, 0);
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    // Remove the set once the parent waits on it (semncnt 1).
    for (int i = 0; i < 2000 && semctl(id, 0, GETNCNT) == 0; ++i) usleep(5000);
    semctl(id, 0, IPC_RMID);
    _exit(0);
  }
  ck_assert(s.take(1, deadline::after(20s)) == sem_status::removed);
  int status;
  waitpid(pid, &status, 0);
  ck_assert(s.post(1) == sem_status::removed);
}
END_TEST

START_TEST(test_sysv_uninitialised_set) {
  // A set made the SETVAL way (ipcmk -S, the tutorial): sem_otime stays 0.
  int id = semget(test_key(), 1, IPC_CREAT | IPC_EXCL | 0600);
  ck_assert_int_ge(id, 0);
  // With no time left, --create gives up with a diagnostic...
  std::string key = key_text;
  outcome o = run_as_program([&] {
    semaphore s;
    object_selector sel = selector('k', key.c_str());
    bool ok = s.open(sel, creating(), 1, 1, deadline::after(0ns));
    return !ok && errno == ETIMEDOUT;
  });
  ck_assert_int_eq(o.status, 0);
  ck_assert(o.returned);
  std::string exp = "prog: semaphore set key " + key +
                    " exists but its creator has not set its value yet\n";
  ck_assert_str_eq(o.err.c_str(), exp.c_str());

  // ...but with time, it uses the set after the grace, without changing
  // its value.
  semaphore s;
  object_selector sel = selector('k', key_text);
  auto start = std::chrono::steady_clock::now();
  ck_assert(s.open(sel, creating(), 1, 1, deadline::never()));
  ck_assert_int_lt(elapsed_ms(start), 3000);
  ck_assert(!s.created());
  ck_assert_int_eq(s.value(), 0);

  // Without --create nobody waits.
  semaphore plain;
  object_selector sel2 = selector('k', key_text);
  ck_assert(plain.open(sel2, create_options{}, 0, 0, deadline::after(0ns)));

  // A creator's semop ends the wait as soon as it comes.
  semctl(id, 0, IPC_RMID);
  id = semget(test_key(), 1, IPC_CREAT | IPC_EXCL | 0600);
  ck_assert_int_ge(id, 0);
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    struct sembuf op = {0, 4, 0};
    _exit(semop(id, &op, 1) == 0 ? 0 : 1);
  }
  semaphore late;
  object_selector sel3 = selector('k', key_text);
  ck_assert(late.open(sel3, creating(), 1, 1, deadline::after(10s)));
  int status;
  waitpid(pid, &status, 0);
  ck_assert_int_eq(status, 0);
  // The value is the creator's, whenever its semop ran.
  ck_assert(late.take(4, deadline::after(10s)) == sem_status::ok);
}
END_TEST

START_TEST(test_sysv_missing) {
  std::string key = key_text;
  outcome o = run_as_program([&] {
    semaphore s;
    object_selector sel = selector('k', key.c_str());
    return s.open(sel, create_options{}, 0, 0, deadline::never());
  });
  ck_assert_int_eq(o.status, 1);
  std::string exp = "prog: semaphore set key " + key + " does not exist\n";
  ck_assert_str_eq(o.err.c_str(), exp.c_str());
}
END_TEST

// ------------------------------------------------------------------- POSIX

START_TEST(test_posix_create_take_post) {
  umask(077);
  semaphore s;
  object_selector sel = selector('n', name_text);
  ck_assert(s.open(sel, creating(0644), 2, 1, deadline::never()));
  ck_assert(s.created());
  ck_assert(s.posix());
  ck_assert_uint_eq(s.size(), 1);
  struct stat st;
  ck_assert_int_eq(stat(sem_path().c_str(), &st), 0);
  ck_assert_int_eq(st.st_mode & 0777,
                   0644);  // exactly --mode, whatever the umask
  ck_assert_int_eq(s.value(), 2);

  // Three cannot be taken: the two taken are given back at the deadline.
  auto start = std::chrono::steady_clock::now();
  ck_assert(s.take(3, deadline::after(100ms)) == sem_status::would_block);
  ck_assert_int_ge(elapsed_ms(start), 100);
  ck_assert_int_eq(s.value(), 2);
  ck_assert(s.take(2, deadline::after(0ns)) == sem_status::ok);
  ck_assert(s.take(1, deadline::after(0ns)) == sem_status::would_block);
  ck_assert(s.post(5) == sem_status::ok);
  ck_assert_int_eq(s.value(), 5);
  ck_assert(s.post(SEM_VALUE_MAX) == sem_status::overflow);
  ck_assert_int_eq(s.value(), 5);
  ck_assert(s.wait_zero(deadline::never()) == sem_status::failed);

  semaphore again;
  object_selector sel2 = selector('n', name_text);
  ck_assert(again.open(sel2, creating(), 0, 1, deadline::never()));
  ck_assert(!again.created());
  ck_assert_int_eq(again.value(), 5);
  ck_assert(s.remove());
  ck_assert_int_ne(access(sem_path().c_str(), F_OK), 0);
}
END_TEST

START_TEST(test_posix_exclusive_and_missing) {
  std::string name = name_text;
  outcome o = run_as_program([&] {
    semaphore s;
    object_selector sel = selector('n', name.c_str());
    return s.open(sel, create_options{}, 0, 1, deadline::never());
  });
  ck_assert_int_eq(o.status, 1);
  std::string exp = "prog: POSIX semaphore '" + name + "' does not exist\n";
  ck_assert_str_eq(o.err.c_str(), exp.c_str());

  sem_t* raw = sem_open(name_text, O_CREAT, 0600, 0);
  ck_assert(raw != SEM_FAILED);
  sem_close(raw);
  o = run_as_program([&] {
    semaphore s;
    object_selector sel = selector('n', name.c_str());
    create_options c = creating();
    c.exclusive = true;
    return s.open(sel, c, 0, 1, deadline::never());
  });
  ck_assert_int_eq(o.status, 1);
  exp = "prog: cannot create POSIX semaphore '" + name + "': File exists\n";
  ck_assert_str_eq(o.err.c_str(), exp.c_str());
}
END_TEST

START_TEST(test_posix_refuses_non_semaphores) {
  std::string name = name_text;
  std::string path = sem_path();
  auto attempt = [&](bool create) {
    return run_as_program([&] {
      semaphore s;
      object_selector sel = selector('n', name.c_str());
      return s.open(sel, create ? creating() : create_options{}, 0, 1,
                    deadline::never());
    });
  };
  // A symbolic link, a FIFO, a short file: refused, and left as they were.
  ck_assert_int_eq(symlink("/etc/passwd", path.c_str()), 0);
  for (bool create : {false, true}) {
    outcome o = attempt(create);
    ck_assert_int_eq(o.status, 1);
    std::string exp = "prog: refusing POSIX semaphore '" + name + "': '" +
                      path + "' is not a regular file\n";
    ck_assert_str_eq(o.err.c_str(), exp.c_str());
  }
  unlink(path.c_str());
  ck_assert_int_eq(mkfifo(path.c_str(), 0600), 0);
  ck_assert_int_eq(attempt(false).status, 1);
  unlink(path.c_str());
  FILE* f = fopen(path.c_str(), "w");
  ck_assert_ptr_nonnull(f);
  fputs("short", f);
  fclose(f);
  outcome o = attempt(false);
  ck_assert_int_eq(o.status, 1);
  std::string exp = "prog: refusing POSIX semaphore '" + name + "': '" + path +
                    "' has 5 bytes, not 32\n";
  ck_assert_str_eq(o.err.c_str(), exp.c_str());
  struct stat st;
  ck_assert_int_eq(stat(path.c_str(), &st), 0);
  ck_assert_int_eq(st.st_size, 5);
}
END_TEST

}  // namespace

Suite* semaphore_suite() {
  Suite* s = suite_create("semaphore");
  TCase* tc = tcase_create("sysv");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, test_sysv_create_initialises);
  tcase_add_test(tc, test_sysv_post_take);
  tcase_add_test(tc, test_sysv_overflow_and_range);
  tcase_add_test(tc, test_sysv_undo);
  tcase_add_test(tc, test_sysv_removed_while_waiting);
  tcase_add_test(tc, test_sysv_uninitialised_set);
  tcase_add_test(tc, test_sysv_missing);
  suite_add_tcase(s, tc);

  tc = tcase_create("posix");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_posix_create_take_post);
  tcase_add_test(tc, test_posix_exclusive_and_missing);
  tcase_add_test(tc, test_posix_refuses_non_semaphores);
  suite_add_tcase(s, tc);
  return s;
}
