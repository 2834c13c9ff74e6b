// The kind table (every kind complete, one description per selector form),
// check_name_for_kind, remove_if_owned on real objects of every kind (ours,
// foreign by the one rule, refused, already gone, a POSIX name that now
// refers to another object), open_posix with sem_open and shm_open handles
// (exact mode through /dev/shm/sem.NAME), open_sysv's after_create /
// after_open hooks, and wait_sem_initialised.
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "libipcutil/kinds.hh"
#include "libipcutil/object.hh"
#include "libipcutil/program.hh"
#include "objects.hh"
#include "child.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::create_options;
using ipcutil::object_kind;
using ipcutil::object_ref;
using ipcutil::object_selector;
using ipcutil::remove_result;

namespace {

// Compares against a std::string kept alive through the check.
#define ck_assert_str_eq_s(actual, expected) \
  do {                                       \
    std::string e_ = (expected);             \
    ck_assert_str_eq(actual, e_.c_str());    \
  } while (0)

char name_text[64];

void setup() {
  // A private IPC namespace when we may (System V and mqueue); /dev/shm
  // stays shared, so every name is unique to this process.
  if (unshare(CLONE_NEWIPC) != 0) {
    // Shared: only IPC_PRIVATE objects and our own names are used.
  }
  snprintf(name_text, sizeof name_text, "/test_kinds-%ld",
           static_cast<long>(getpid()));
}

void teardown() {
  mq_unlink(name_text);
  sem_unlink(name_text);
  shm_unlink(name_text);
}

#define ck_assert_describes(kind, sel, expected)   \
  do {                                             \
    std::string d_ = ipcutil::describe(kind, sel); \
    ck_assert_str_eq(d_.c_str(), expected);        \
  } while (0)

// ------------------------------------------------------------------ table

START_TEST(test_table_complete) {
  int n = 0;
  for (const ipcutil::kind_info* k = ipcutil::kinds_begin();
       k != ipcutil::kinds_end(); ++k, ++n) {
    ck_assert(k->kind == static_cast<object_kind>(n));
    ck_assert(&ipcutil::kind_of(k->kind) == k);
    if (k->posix) {
      ck_assert_ptr_nonnull(k->by_name);
      ck_assert_ptr_nonnull(k->directory);
      ck_assert_ptr_null(k->by_key);
      ck_assert_uint_gt(k->name_max, 0);
    } else {
      ck_assert_ptr_nonnull(k->by_key);
      ck_assert_ptr_nonnull(k->by_key_file);
      ck_assert_ptr_nonnull(k->by_file);
      ck_assert_ptr_nonnull(k->by_id);
      ck_assert_ptr_null(k->by_name);
      ck_assert_ptr_nonnull(k->proc_file);
      ck_assert_ptr_nonnull(k->count_limit);
      ck_assert_int_eq(access(k->proc_file, R_OK), 0);
    }
  }
  ck_assert_int_eq(n, 6);
  ck_assert_uint_eq(ipcutil::kind_of(object_kind::posix_sem).name_max, 251);
  ck_assert_uint_eq(ipcutil::kind_of(object_kind::posix_mq).name_max, 255);
  std::string p = ipcutil::posix_path(object_kind::posix_sem, "/x");
  ck_assert_str_eq(p.c_str(), "/dev/shm/sem.x");
  p = ipcutil::posix_path(object_kind::posix_shm, "/x");
  ck_assert_str_eq(p.c_str(), "/dev/shm/x");
  p = ipcutil::posix_path(object_kind::posix_mq, "/x");
  ck_assert_str_eq(p.c_str(), "/dev/mqueue/x");
}
END_TEST

START_TEST(test_describe_every_kind) {
  object_selector k = selector('k', "4660");
  ck_assert_describes(object_kind::sysv_msg, k, "message queue key 0x00001234");
  ck_assert_describes(object_kind::sysv_sem, k, "semaphore set key 0x00001234");
  ck_assert_describes(object_kind::sysv_shm, k,
                      "shared memory segment key 0x00001234");
  object_selector i = selector('i', "5");
  ck_assert_describes(object_kind::sysv_msg, i, "message queue id 5");
  ck_assert_describes(object_kind::sysv_sem, i, "semaphore set id 5");
  ck_assert_describes(object_kind::sysv_shm, i, "shared memory segment id 5");
  object_selector f = selector('f', "it's");
  ck_assert_describes(object_kind::sysv_sem, f,
                      "semaphore set with key file 'it\\'s', proj 1");
  f.key = 0x41012345;
  f.key_resolved = true;
  ck_assert_describes(
      object_kind::sysv_shm, f,
      "shared memory segment key 0x41012345 (file 'it\\'s', proj 1)");
  object_selector n = selector('n', "/x\x1b");
  ck_assert_describes(object_kind::posix_mq, n,
                      "POSIX message queue '/x\\x1b'");
  ck_assert_describes(object_kind::posix_sem, n, "POSIX semaphore '/x\\x1b'");
  ck_assert_describes(object_kind::posix_shm, n,
                      "POSIX shared memory object '/x\\x1b'");
}
END_TEST

START_TEST(test_semaphore_name_limit) {
  std::string ok = "/" + std::string(251, 'a');
  std::string long_name = "/" + std::string(252, 'a');
  ipcutil::check_name_for_kind(object_kind::posix_sem, ok);
  ipcutil::check_name_for_kind(object_kind::posix_mq, long_name);
  outcome o = run_as_program(
      [&] { ipcutil::check_name_for_kind(object_kind::posix_sem, long_name); });
  ck_assert_int_eq(o.status, ipcutil::exit_usage);
  std::string exp =
      "prog: invalid POSIX name '" + long_name +
      "': it must be '/' followed by 1 to 251 bytes, none of them '/'\n";
  ck_assert_str_eq(o.err.c_str(), exp.c_str());
}
END_TEST

START_TEST(test_sysctl_value) {
  std::string v = ipcutil::sysctl_value("kernel.msgmni");
  ck_assert_str_ne(v.c_str(), "?");
  std::string w = ipcutil::sysctl_value("/proc/sys/kernel/msgmni");
  ck_assert_str_eq(v.c_str(), w.c_str());
  std::string none = ipcutil::sysctl_value("kernel.no_such_limit");
  ck_assert_str_eq(none.c_str(), "?");
}
END_TEST

// ----------------------------------------------------- remove_if_owned: SysV

int make_sysv(object_kind kind) {
  switch (kind) {
    case object_kind::sysv_msg:
      return msgget(IPC_PRIVATE, 0600);
    case object_kind::sysv_sem:
      return semget(IPC_PRIVATE, 1, 0600);
    default:
      return shmget(IPC_PRIVATE, 4096, 0600);
  }
}

object_ref sysv_ref(object_kind kind, int id) {
  object_ref ref;
  ref.kind = kind;
  ref.id = id;
  ref.description = "the object";
  return ref;
}

START_TEST(test_remove_sysv_every_kind) {
  for (object_kind kind :
       {object_kind::sysv_msg, object_kind::sysv_sem, object_kind::sysv_shm}) {
    int id = make_sysv(kind);
    ck_assert_int_ge(id, 0);
    struct ipc_perm perm;
    ck_assert_int_eq(ipcutil::sysv_stat(kind, id, perm), 0);
    ck_assert(ipcutil::is_ours(ipcutil::owner_from(perm)));
    // REFUSE is asked, and stops the removal.
    outcome refused = run_as_program([&] {
      return ipcutil::remove_if_owned(sysv_ref(kind, id), false, [] {
               return std::string("it is busy");
             }) == remove_result::refused;
    });
    ck_assert_int_eq(refused.status, 0);
    ck_assert_str_eq(refused.err.c_str(),
                     "prog: not removing the object: it is busy\n");
    ck_assert_int_eq(ipcutil::sysv_stat(kind, id, perm), 0);
    ck_assert(ipcutil::remove_if_owned(sysv_ref(kind, id), false) ==
              remove_result::removed);
    ck_assert_int_eq(ipcutil::sysv_stat(kind, id, perm), -1);
    // Again: gone.
    outcome gone = run_as_program([&] {
      return ipcutil::remove_if_owned(sysv_ref(kind, id), false) ==
             remove_result::gone;
    });
    ck_assert_int_eq(gone.status, 0);
    ck_assert_str_eq(
        gone.err.c_str(),
        "prog: not removing the object: it was removed by another process\n");
  }
}
END_TEST

START_TEST(test_remove_sysv_foreign) {
  // Root can give an object away (IPC_SET): then it is not ours, whichever
  // of owner and creator differs, and only ALLOW_FOREIGN removes it.
  if (geteuid() != 0) return;
  int id = msgget(IPC_PRIVATE, 0600);
  ck_assert_int_ge(id, 0);
  struct msqid_ds ds;
  ck_assert_int_eq(msgctl(id, IPC_STAT, &ds), 0);
  ds.msg_perm.uid = 65534;
  ck_assert_int_eq(msgctl(id, IPC_SET, &ds), 0);
  outcome o = run_as_program([&] {
    return ipcutil::remove_if_owned(sysv_ref(object_kind::sysv_msg, id),
                                    false) == remove_result::foreign;
  });
  ck_assert_int_eq(o.status, 0);
  ck_assert_str_eq(o.err.c_str(),
                   "prog: not removing the object: it belongs to uid 65534\n");
  ck_assert_int_eq(msgctl(id, IPC_STAT, &ds), 0);
  ck_assert(ipcutil::remove_if_owned(sysv_ref(object_kind::sysv_msg, id),
                                     true) == remove_result::removed);
}
END_TEST

// ---------------------------------------------------- remove_if_owned: POSIX

START_TEST(test_remove_posix_replaced) {
  // Opened, then unlinked and made again by someone else: the name now
  // refers to another queue, which must survive (issue 6, defect 13).
  mqd_t q = mq_open(name_text, O_RDWR | O_CREAT | O_EXCL, 0600, nullptr);
  ck_assert_int_ge(q, 0);
  object_ref ref;
  ref.kind = object_kind::posix_mq;
  ref.name = name_text;
  ref.description = "the queue";
  ck_assert_int_eq(fstat(q, &ref.identity), 0);
  ck_assert_int_eq(mq_unlink(name_text), 0);
  mqd_t other = mq_open(name_text, O_RDWR | O_CREAT | O_EXCL, 0600, nullptr);
  ck_assert_int_ge(other, 0);
  outcome o = run_as_program([&] {
    return ipcutil::remove_if_owned(ref, false) == remove_result::replaced;
  });
  ck_assert_int_eq(o.status, 0);
  ck_assert_str_eq(
      o.err.c_str(),
      "prog: not removing the queue: the name now refers to another object\n");
  struct stat st;
  ck_assert_int_eq(
      ipcutil::posix_identify(object_kind::posix_mq, name_text, st), 0);
  // The one we opened now, by its own identity: removed.
  ck_assert_int_eq(fstat(other, &ref.identity), 0);
  ck_assert(ipcutil::remove_if_owned(ref, false) == remove_result::removed);
  ck_assert_int_eq(
      ipcutil::posix_identify(object_kind::posix_mq, name_text, st), -1);
  ck_assert_int_eq(errno, ENOENT);
  outcome gone = run_as_program([&] {
    return ipcutil::remove_if_owned(ref, false) == remove_result::gone;
  });
  ck_assert_int_eq(gone.status, 0);
  mq_close(q);
  mq_close(other);
}
END_TEST

// ------------------------------------------- open_posix with sem and shm
// handles

ipcutil::posix_open_function sem_opener() {
  return [](int oflag, mode_t mode) {
    // sem_open takes no access mode: O_CREAT and O_EXCL only.
    sem_t* s = sem_open(name_text, oflag & (O_CREAT | O_EXCL), mode, 0u);
    return s == SEM_FAILED ? ipcutil::posix_handle() : ipcutil::posix_handle(s);
  };
}

ipcutil::posix_open_function shm_opener() {
  return [](int oflag, mode_t mode) {
    return ipcutil::posix_handle(object_kind::posix_shm,
                                 shm_open(name_text, oflag, mode));
  };
}

START_TEST(test_open_posix_semaphore) {
  object_selector sel = selector('n', name_text);
  create_options create;
  create.create = true;
  create.mode = 0640;
  umask(077);
  ipcutil::posix_object obj;
  ck_assert(ipcutil::open_posix(sel, create, object_kind::posix_sem, O_RDWR,
                                sem_opener(), nullptr, obj));
  ck_assert(obj.created);
  ck_assert_ptr_nonnull(obj.handle.sem());
  // The mode is exact despite the umask, on the file glibc made.
  struct stat st;
  std::string path = ipcutil::posix_path(object_kind::posix_sem, name_text);
  ck_assert_int_eq(lstat(path.c_str(), &st), 0);
  ck_assert_int_eq(st.st_mode & 0777, 0640);
  ck_assert(obj.identity.st_ino == st.st_ino);
  ck_assert_int_eq(sem_post(obj.handle.sem()), 0);
  obj.handle.reset();

  // Found again, ours: opened; --exclusive refuses it.
  ipcutil::posix_object again;
  ck_assert(ipcutil::open_posix(sel, create, object_kind::posix_sem, O_RDWR,
                                sem_opener(), nullptr, again));
  ck_assert(!again.created);
  int value = -1;
  ck_assert_int_eq(sem_getvalue(again.handle.sem(), &value), 0);
  ck_assert_int_eq(value, 1);
  outcome excl = run_as_program([&] {
    create_options x;
    x.create = x.exclusive = true;
    ipcutil::posix_object o;
    return ipcutil::open_posix(sel, x, object_kind::posix_sem, O_RDWR,
                               sem_opener(), nullptr, o);
  });
  ck_assert_int_eq(excl.status, 1);
  std::string exp = std::string("prog: cannot create POSIX semaphore '") +
                    name_text + "': File exists\n";
  ck_assert_str_eq(excl.err.c_str(), exp.c_str());

  // Someone else's: refused by the one rule, then removed only when allowed.
  if (geteuid() == 0) {
    ck_assert_int_eq(chown(path.c_str(), 65534, 65534), 0);
    outcome foreign = run_as_program([&] {
      ipcutil::posix_object o;
      return ipcutil::open_posix(sel, create, object_kind::posix_sem, O_RDWR,
                                 sem_opener(), nullptr, o);
    });
    ck_assert_int_eq(foreign.status, 1);
    exp = std::string("prog: POSIX semaphore '") + name_text +
          "' exists and belongs to uid 65534; use --allow-foreign to accept\n";
    ck_assert_str_eq(foreign.err.c_str(), exp.c_str());
    object_ref ref = ipcutil::make_ref(again, sel);
    ck_assert(ref.kind == object_kind::posix_sem);
    outcome not_removed = run_as_program([&] {
      return ipcutil::remove_if_owned(ref, false) == remove_result::foreign;
    });
    ck_assert_int_eq(not_removed.status, 0);
    ck_assert_int_eq(lstat(path.c_str(), &st), 0);
  }
  ck_assert(ipcutil::remove_if_owned(ipcutil::make_ref(again, sel), true) ==
            remove_result::removed);
  ck_assert_int_eq(lstat(path.c_str(), &st), -1);
}
END_TEST

START_TEST(test_open_posix_shm) {
  object_selector sel = selector('n', name_text);
  create_options create;
  create.create = true;
  create.mode = 0604;
  umask(077);
  ipcutil::posix_object obj;
  ck_assert(ipcutil::open_posix(sel, create, object_kind::posix_shm, O_RDWR,
                                shm_opener(), nullptr, obj));
  ck_assert(obj.created);
  struct stat st;
  ck_assert_int_eq(fstat(obj.handle.fd(), &st), 0);
  ck_assert_int_eq(st.st_mode & 0777, 0604);
  object_ref ref = ipcutil::make_ref(obj, sel);
  ck_assert(ref.kind == object_kind::posix_shm);
  ck_assert_str_eq_s(
      ref.description.c_str(),
      std::string("POSIX shared memory object '") + name_text + "'");
  ck_assert(ipcutil::remove_if_owned(ref, false) == remove_result::removed);
  ck_assert_int_eq(shm_unlink(name_text), -1);
}
END_TEST

// ------------------------------------------- open_sysv hooks and semaphore
// sets

ipcutil::sysv_type sem_type(int* creates, int* opens) {
  ipcutil::sysv_type t;
  t.kind = object_kind::sysv_sem;
  t.get = [](key_t key, int flags) { return semget(key, 1, flags); };
  // The creator initialises with a semop, which sets sem_otime.
  t.after_create = [creates](int id) {
    ++*creates;
    struct sembuf op = {0, 1, 0};
    return semop(id, &op, 1) == 0;
  };
  t.after_open = [opens](int id) {
    ++*opens;
    return ipcutil::wait_sem_initialised(id, "the set",
                                         std::chrono::seconds(5));
  };
  return t;
}

START_TEST(test_open_sysv_hooks) {
  char key[32];
  snprintf(key, sizeof key, "0x%08x", 0x4b000000u | (getpid() & 0xffffff));
  object_selector sel = selector('k', key);
  create_options create;
  create.create = true;
  int creates = 0, opens = 0;
  ipcutil::sysv_object obj;
  ck_assert(
      ipcutil::open_sysv(sel, create, sem_type(&creates, &opens), 0600, obj));
  ck_assert(obj.created);
  ck_assert_int_eq(creates, 1);
  ck_assert_int_eq(opens, 0);
  ck_assert_int_eq(semctl(obj.id, 0, GETVAL), 1);
  // The second --create finds it, waits for the (done) initialisation.
  ipcutil::sysv_object again;
  ck_assert(
      ipcutil::open_sysv(sel, create, sem_type(&creates, &opens), 0600, again));
  ck_assert(!again.created);
  ck_assert_int_eq(creates, 1);
  ck_assert_int_eq(opens, 1);
  ck_assert_str_eq_s(again.description.c_str(),
                     std::string("semaphore set key ") + key);
  ck_assert(ipcutil::remove_if_owned(
                ipcutil::make_ref(again, object_kind::sysv_sem), false) ==
            remove_result::removed);
}
END_TEST

START_TEST(test_wait_sem_initialised) {
  int id = semget(IPC_PRIVATE, 1, 0600);
  ck_assert_int_ge(id, 0);
  // Never initialised: bounded, then diagnosed.
  auto start = std::chrono::steady_clock::now();
  outcome o = run_as_program([&] {
    return ipcutil::wait_sem_initialised(id, "semaphore set id 1",
                                         std::chrono::milliseconds(100));
  });
  ck_assert_int_eq(o.status, 1);
  ck_assert_str_eq(
      o.err.c_str(),
      "prog: semaphore set id 1 exists but its creator never initialised it\n");
  ck_assert(std::chrono::steady_clock::now() - start >=
            std::chrono::milliseconds(100));
  // Initialised by a semop in a child while we wait.
  pid_t pid = fork();
  if (pid == 0) {
    usleep(50000);
    struct sembuf op = {0, 1, 0};
    _exit(semop(id, &op, 1) == 0 ? 0 : 1);
  }
  ck_assert(ipcutil::wait_sem_initialised(id, "x", std::chrono::seconds(20)));
  int status;
  waitpid(pid, &status, 0);
  ck_assert_int_eq(status, 0);
  semctl(id, 0, IPC_RMID);
  // A removed set is reported as such.
  outcome gone = run_as_program([&] {
    return ipcutil::wait_sem_initialised(id, "the set",
                                         std::chrono::seconds(1));
  });
  ck_assert_int_eq(gone.status, 1);
  ck_assert_str_eq(gone.err.c_str(),
                   "prog: the set was removed by another process\n");
}
END_TEST

}  // namespace

Suite* kinds_suite() {
  Suite* s = suite_create("kinds");
  TCase* tc = tcase_create("table");
  tcase_add_test(tc, test_table_complete);
  tcase_add_test(tc, test_describe_every_kind);
  tcase_add_test(tc, test_semaphore_name_limit);
  tcase_add_test(tc, test_sysctl_value);
  suite_add_tcase(s, tc);
  tc = tcase_create("objects");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_remove_sysv_every_kind);
  tcase_add_test(tc, test_remove_sysv_foreign);
  tcase_add_test(tc, test_remove_posix_replaced);
  tcase_add_test(tc, test_open_posix_semaphore);
  tcase_add_test(tc, test_open_posix_shm);
  tcase_add_test(tc, test_open_sysv_hooks);
  tcase_add_test(tc, test_wait_sem_initialised);
  suite_add_tcase(s, tc);
  return s;
}
