// shared_memory and shm_lock over real System V segments and POSIX
// objects: creation with a size, the limits checked before creating,
// copies in and out (straight from a descriptor, at offsets, up to a NUL,
// between regular files and the segment),
// a POSIX object shrunk under a reader or a writer giving "shrunk" and
// never SIGBUS, --remove refusing while others are attached, and the lock
// (value 1 when made, SEM_UNDO, timing out when held).  Each test runs in
// its own process (Check's fork mode) and, where allowed, its own IPC
// namespace; elsewhere it uses a key and name of its own and removes them.
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "libipcutil/kinds.hh"
#include "libipcutil/object.hh"
#include "libipcutil/shm.hh"
#include "objects.hh"
#include "child.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::create_options;
using ipcutil::deadline;
using ipcutil::lock_result;
using ipcutil::object_selector;
using ipcutil::remove_result;
using ipcutil::shared_memory;
using ipcutil::shm_access;
using ipcutil::shm_lock;
using ipcutil::shm_status;
using namespace std::chrono_literals;

namespace {

char key_text[32];
char name_text[64];

key_t test_key() { return static_cast<key_t>(strtoul(key_text, nullptr, 16)); }

void setup() {
  if (unshare(CLONE_NEWIPC) != 0) {
    // Shared namespace: our own key and name, removed in teardown.
  }
  snprintf(key_text, sizeof key_text, "0x%08x",
           0x53000000u | (getpid() & 0xffffff));
  snprintf(name_text, sizeof name_text, "/test_shm-%ld",
           static_cast<long>(getpid()));
}

void teardown() {
  int id = shmget(test_key(), 0, 0);
  if (id >= 0) shmctl(id, IPC_RMID, nullptr);
  id = semget(test_key(), 0, 0);
  if (id >= 0) semctl(id, 0, IPC_RMID);
  shm_unlink(name_text);
  sem_unlink(name_text);
}

bool open_segment(shared_memory& seg, bool posix, shm_access how,
                  std::uint64_t size, bool create = true) {
  object_selector sel =
      posix ? selector('n', name_text) : selector('k', key_text);
  return seg.open(sel, create ? creating() : create_options{}, how, size);
}

// Reads everything from FD.
std::string drain(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    out.append(buf, static_cast<std::size_t>(n));
  return out;
}

// write_to into a pipe, returning what came out.
std::string copy_out(shared_memory& seg, std::uint64_t offset,
                     std::uint64_t len, bool up_to_nul,
                     shm_status expect = shm_status::ok) {
  int p[2];
  ck_assert_int_eq(pipe(p), 0);
  fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
  std::uint64_t done = 0;
  ck_assert(seg.write_to(p[1], offset, len, up_to_nul, &done) == expect);
  close(p[1]);
  std::string out = drain(p[0]);
  close(p[0]);
  ck_assert_uint_eq(out.size(), done);
  return out;
}

void round_trip(bool posix) {
  shared_memory seg;
  ck_assert(open_segment(seg, posix, shm_access::write, 4096));
  ck_assert(seg.created());
  ck_assert_uint_eq(seg.size(), 4096);
  ck_assert_int_eq(seg.mode(), 0600);
  ck_assert(seg.write_at(0, "hello\0world", 11) == shm_status::ok);
  ck_assert(seg.zero(11, 4096 - 11) == shm_status::ok);
  // From a descriptor, straight into the segment.
  int p[2];
  ck_assert_int_eq(pipe(p), 0);
  ck_assert_int_eq(write(p[1], "piped", 5), 5);
  close(p[1]);
  std::size_t got = 0;
  ck_assert(seg.read_from(p[0], 100, 64, &got) == shm_status::ok);
  ck_assert_uint_eq(got, 5);
  close(p[0]);
  seg.close();

  shared_memory reader;
  ck_assert(open_segment(reader, posix, shm_access::read, 0, false));
  ck_assert(!reader.created());
  ck_assert_uint_eq(reader.size(), 4096);
  std::string got1 = copy_out(reader, 0, 4096, true);
  ck_assert_str_eq(got1.c_str(), "hello");
  ck_assert(copy_out(reader, 0, 11, false) == std::string("hello\0world", 11));
  std::string got2 = copy_out(reader, 6, 5, true);
  ck_assert_str_eq(got2.c_str(), "world");
  std::string got3 = copy_out(reader, 100, 3996, true);
  ck_assert_str_eq(got3.c_str(), "piped");
  std::string all = copy_out(reader, 0, 4096, false);
  ck_assert_uint_eq(all.size(), 4096);
  ck_assert(all.substr(105) == std::string(4096 - 105, '\0'));
  char buf[5];
  ck_assert(reader.read_at(100, buf, 5) == shm_status::ok);
  ck_assert(memcmp(buf, "piped", 5) == 0);
}

// An unnamed temporary file holding TEXT, its position at 0.
int temp_file(const std::string& text) {
  FILE* f = tmpfile();
  ck_assert_ptr_nonnull(f);
  int fd = dup(fileno(f));
  fclose(f);
  ck_assert_int_eq(write(fd, text.data(), text.size()),
                   static_cast<ssize_t>(text.size()));
  ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
  return fd;
}

// Between regular files and the segment (sendfile where the segment opens
// as a file): the input is read from its position on and left where a
// read() would leave it; a file shorter than asked gives what it has; the
// bytes around the range stay; the output gets exactly the range.
void file_round_trip(bool posix) {
  std::string data;
  for (int i = 0; i < 70000; i++) data += static_cast<char>(i * 7 % 256);
  shared_memory seg;
  ck_assert(open_segment(seg, posix, shm_access::write, 100000));
  int in = temp_file("skip" + data);
  ck_assert_int_eq(lseek(in, 4, SEEK_SET), 4);
  std::size_t got = 0;
  ck_assert(seg.read_from(in, 1000, data.size(), &got) == shm_status::ok);
  ck_assert_uint_eq(got, data.size());
  ck_assert_int_eq(lseek(in, 0, SEEK_CUR), 4 + static_cast<off_t>(data.size()));
  // At the end of the file: asked for more than it has.
  ck_assert_int_eq(lseek(in, -10, SEEK_END),
                   4 + static_cast<off_t>(data.size()) - 10);
  ck_assert(seg.read_from(in, 90000, 500, &got) == shm_status::ok);
  ck_assert_uint_eq(got, 10);
  close(in);
  seg.close();

  shared_memory reader;
  ck_assert(open_segment(reader, posix, shm_access::read, 0, false));
  int out = temp_file("");
  std::uint64_t done = 0;
  ck_assert(reader.write_to(out, 0, 100000, false, &done) == shm_status::ok);
  ck_assert_uint_eq(done, 100000);
  ck_assert_int_eq(lseek(out, 0, SEEK_SET), 0);
  std::string all = drain(out);
  close(out);
  ck_assert_uint_eq(all.size(), 100000);
  ck_assert(all.substr(0, 1000) == std::string(1000, '\0'));
  ck_assert(all.substr(1000, data.size()) == data);
  ck_assert(all.substr(1000 + data.size(), 90000 - 1000 - data.size()) ==
            std::string(90000 - 1000 - data.size(), '\0'));
  ck_assert(all.substr(90000, 10) == data.substr(data.size() - 10));
  ck_assert(all.substr(90010) == std::string(100000 - 90010, '\0'));
}

// ------------------------------------------------------------------ tests

START_TEST(test_sysv_round_trip) { round_trip(false); }
END_TEST

START_TEST(test_posix_round_trip) { round_trip(true); }
END_TEST

START_TEST(test_sysv_file_round_trip) { file_round_trip(false); }
END_TEST

START_TEST(test_posix_file_round_trip) { file_round_trip(true); }
END_TEST

// An input of 4 MiB or more is read ahead on a second thread: the same
// bytes, the same position afterwards, and a shorter file gives what it
// has.  (A POSIX object always takes the buffered way.)
START_TEST(test_read_ahead) {
  std::string data;
  for (int i = 0; i < (6 << 20) + 5; i++)
    data += static_cast<char>(i * 13 % 251);
  shared_memory seg;
  ck_assert(open_segment(seg, true, shm_access::write, data.size() + 10));
  int in = temp_file(data);
  std::size_t got = 0;
  ck_assert(seg.read_from(in, 3, data.size() + 7, &got) == shm_status::ok);
  ck_assert_uint_eq(got, data.size());
  ck_assert_int_eq(lseek(in, 0, SEEK_CUR), static_cast<off_t>(data.size()));
  close(in);
  seg.close();
  int fd = shm_open(name_text, O_RDONLY, 0);
  ck_assert_int_ge(fd, 0);
  std::string all = drain(fd);
  close(fd);
  ck_assert_uint_eq(all.size(), data.size() + 10);
  ck_assert(all.substr(0, 3) == std::string(3, '\0'));
  ck_assert(all.substr(3, data.size()) == data);
}
END_TEST

START_TEST(test_descriptions) {
  shared_memory a, b;
  ck_assert(open_segment(a, false, shm_access::write, 10));
  std::string expected = std::string("shared memory segment key ") + key_text;
  ck_assert_str_eq(a.description().c_str(), expected.c_str());
  ck_assert_int_eq(a.key(), test_key());
  ck_assert(open_segment(b, true, shm_access::write, 10));
  expected = std::string("POSIX shared memory object '") + name_text + "'";
  ck_assert_str_eq(b.description().c_str(), expected.c_str());
}
END_TEST

START_TEST(test_limits_checked_before_creating) {
  // Bigger than kernel.shmmax, and a zero size: diagnosed, nothing made.
  std::uint64_t max = ipcutil::sysv_shm_max();
  outcome r = run_as_program([&] {
    shared_memory seg;
    return open_segment(seg, false, shm_access::write,
                        max == UINT64_MAX ? max : max + 1);
  });
  ck_assert(r.returned);
  ck_assert_int_eq(r.status, 1);
  ck_assert(r.err.find("kernel.shmmax=") != std::string::npos);
  r = run_as_program([&] {
    shared_memory seg;
    return open_segment(seg, false, shm_access::write, 0);
  });
  ck_assert_int_eq(r.status, 1);
  ck_assert(r.err.find("at least 1 byte") != std::string::npos);
  ck_assert_int_lt(shmget(test_key(), 0, 0), 0);
  // More than /dev/shm can hold.
  std::uint64_t room = ipcutil::posix_shm_room();
  if (room < UINT64_MAX / 2) {
    r = run_as_program([&] {
      shared_memory seg;
      return open_segment(seg, true, shm_access::write, room * 2 + 4096);
    });
    ck_assert_int_eq(r.status, 1);
    ck_assert(r.err.find("free in /dev/shm") != std::string::npos);
    ck_assert_int_lt(shm_open(name_text, O_RDONLY, 0), 0);
  }
}
END_TEST

START_TEST(test_missing) {
  outcome r = run_as_program([&] {
    shared_memory seg;
    return open_segment(seg, true, shm_access::read, 0, false);
  });
  ck_assert(r.returned);
  ck_assert_int_eq(r.status, 1);
  std::string expected = std::string("prog: POSIX shared memory object '") +
                         name_text + "' does not exist\n";
  ck_assert_str_eq(r.err.c_str(), expected.c_str());
}
END_TEST

START_TEST(test_posix_shrunk) {
  shared_memory writer;
  ck_assert(open_segment(writer, true, shm_access::write, 1 << 20));
  ck_assert(writer.zero(0, 1 << 20) == shm_status::ok);
  shared_memory reader;
  ck_assert(open_segment(reader, true, shm_access::read, 0, false));
  int fd = shm_open(name_text, O_RDWR, 0);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(ftruncate(fd, 4096), 0);
  // Reading past the new end: a status, not a signal.
  std::vector<char> buf(1 << 20);
  ck_assert(reader.read_at(0, buf.data(), buf.size()) == shm_status::shrunk);
  copy_out(reader, 0, 1 << 20, false, shm_status::shrunk);
  // Writing past it: refused, the object is not grown back.
  ck_assert(writer.write_at(8192, "x", 1) == shm_status::shrunk);
  ck_assert(writer.zero(0, 8192) == shm_status::shrunk);
  int p[2];
  ck_assert_int_eq(pipe(p), 0);
  ck_assert_int_eq(write(p[1], "data", 4), 4);
  close(p[1]);
  std::size_t got = 0;
  ck_assert(writer.read_from(p[0], 8192, 4, &got) == shm_status::shrunk);
  close(p[0]);
  struct stat st;
  ck_assert_int_eq(fstat(fd, &st), 0);
  ck_assert_int_eq(st.st_size, 4096);
  close(fd);
}
END_TEST

START_TEST(test_remove_refused_while_attached) {
  shared_memory seg;
  ck_assert(open_segment(seg, false, shm_access::write, 100));
  void* other = shmat(shmget(test_key(), 0, 0), nullptr, SHM_RDONLY);
  ck_assert(other != reinterpret_cast<void*>(-1));
  ck_assert_int_eq(seg.other_attachments(), 1);
  outcome r = run_as_program([&] {
    shared_memory s;
    open_segment(s, false, shm_access::read, 0, false);
    return s.remove_if_owned(false, false) == remove_result::removed;
  });
  ck_assert_int_eq(r.status, 1);
  // (The child inherits our attachments: the count is the kernel's.)
  ck_assert(
      r.err.rfind(std::string("prog: not removing shared memory segment key ") +
                      key_text + ": ",
                  0) == 0);
  ck_assert(r.err.find(" other processes have it attached; use --force to "
                       "remove it anyway\n") != std::string::npos);
  ck_assert_int_ge(shmget(test_key(), 0, 0), 0);
  shmdt(other);
  ck_assert(seg.remove_if_owned(false, true) == remove_result::removed);
  ck_assert_int_lt(shmget(test_key(), 0, 0), 0);
}
END_TEST

START_TEST(test_lock_sysv) {
  shared_memory seg;
  ck_assert(open_segment(seg, false, shm_access::write, 100));
  {
    shm_lock lock;
    ck_assert(lock.acquire(seg, deadline::never()) == lock_result::ok);
    int id = semget(test_key(), 0, 0);
    ck_assert_int_ge(id, 0);
    ck_assert_int_eq(semctl(id, 0, GETVAL), 0);
    // Held: another taker times out, after about the time asked.
    auto start = std::chrono::steady_clock::now();
    outcome r = run_as_program([&] {
      shm_lock other;
      return other.acquire(seg, deadline::after(100ms)) ==
             lock_result::timed_out;
    });
    ck_assert_int_eq(r.status, 0);
    ck_assert(std::chrono::steady_clock::now() - start >= 100ms);
    lock.release();
    ck_assert_int_eq(semctl(id, 0, GETVAL), 1);
    ck_assert(lock.acquire(seg, deadline::after(0ms)) == lock_result::ok);
  }
  // Given back by the destructor.
  ck_assert_int_eq(semctl(semget(test_key(), 0, 0), 0, GETVAL), 1);
  // A holder that dies holding it: SEM_UNDO gives it back.
  outcome r = run_as_program([&] {
    shm_lock held;
    if (held.acquire(seg, deadline::never()) != lock_result::ok) return false;
    _exit(9);
  });
  ck_assert_int_eq(r.status, 9);
  ck_assert_int_eq(semctl(semget(test_key(), 0, 0), 0, GETVAL), 1);
}
END_TEST

START_TEST(test_lock_posix) {
  shared_memory seg;
  ck_assert(open_segment(seg, true, shm_access::write, 100));
  shm_lock lock;
  ck_assert(lock.acquire(seg, deadline::never()) == lock_result::ok);
  std::string expected = std::string("POSIX semaphore '") + name_text + "'";
  ck_assert_str_eq(lock.description().c_str(), expected.c_str());
  outcome r = run_as_program([&] {
    shm_lock other;
    return other.acquire(seg, deadline::after(0ms)) == lock_result::timed_out;
  });
  ck_assert_int_eq(r.status, 0);
  lock.release();
  r = run_as_program([&] {
    shm_lock other;
    return other.acquire(seg, deadline::after(0ms)) == lock_result::ok;
  });
  ck_assert_int_eq(r.status, 0);
}
END_TEST

}  // namespace

Suite* shm_suite() {
  Suite* s = suite_create("shm");
  TCase* tc = tcase_create("copy");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_sysv_round_trip);
  tcase_add_test(tc, test_posix_round_trip);
  tcase_add_test(tc, test_sysv_file_round_trip);
  tcase_add_test(tc, test_posix_file_round_trip);
  tcase_add_test(tc, test_read_ahead);
  tcase_add_test(tc, test_descriptions);
  tcase_add_test(tc, test_limits_checked_before_creating);
  tcase_add_test(tc, test_missing);
  tcase_add_test(tc, test_posix_shrunk);
  tcase_add_test(tc, test_remove_refused_while_attached);
  suite_add_tcase(s, tc);

  tc = tcase_create("lock");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_lock_sysv);
  tcase_add_test(tc, test_lock_posix);
  suite_add_tcase(s, tc);
  return s;
}
