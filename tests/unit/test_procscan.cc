// The /proc parsers behind ipcclean, fed from fixture text as the kernel
// prints it (and from the running kernel): /proc/sysvipc tables found by
// their header names, /proc/PID/stat with hostile command names, btime,
// maps lines and System V segments in them, /proc/PID/syscall, and the
// mqueue status line; malformed text is refused, never half-read.  Then
// scan_processes() finds this process's own child, its segment and files.
#include <config.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "libipcutil/procscan.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using namespace ipcutil;
using namespace std::literals;

namespace {

// As Linux 6.x prints them (shm has gained rss and swap columns).
constexpr std::string_view shm_text =
    "       key      shmid perms                  size  cpid  lpid nattch   "
    "uid   gid  cuid  cgid"
    "      atime      dtime      ctime                   rss                  "
    "swap\n"
    "      4660          3  1600                  1024   101   102      1  "
    "1000   100     0     0"
    " 1764583200 1764583300 1764583100                  4096                   "
    "  0\n"
    "        -1          7   666               1048576  4242     0      0     "
    "0     0     0     0"
    "          0          0 1764583000                     0                   "
    "  0\n";

constexpr std::string_view sem_text =
    "       key      semid perms      nsems   uid   gid  cuid  cgid      otime "
    "     ctime\n"
    "  12345678      32768   600          3  1000  1000  1000  1000 1764583200 "
    "1764583100\n";

constexpr std::string_view msg_text =
    "       key      msqid perms      cbytes       qnum lspid lrpid   uid   "
    "gid  cuid  cgid"
    "      stime      rtime      ctime\n"
    "1090584838          1   644          30          2   200   201     0     "
    "0     0     0"
    " 1764583200          0 1764583100\n";

START_TEST(test_sysvipc_shm) {
  std::vector<sysv_entry> rows;
  ck_assert(parse_sysvipc(shm_text, sysv_table::shm, rows));
  ck_assert_uint_eq(rows.size(), 2);
  const sysv_entry& a = rows[0];
  ck_assert_int_eq(a.key, 0x1234);
  ck_assert_int_eq(a.id, 3);
  ck_assert_uint_eq(a.perms, 01600);  // octal, SHM_DEST included
  ck_assert_uint_eq(a.size, 1024);
  ck_assert_int_eq(a.cpid, 101);
  ck_assert_int_eq(a.lpid, 102);
  ck_assert_uint_eq(a.nattch, 1);
  ck_assert_uint_eq(a.uid, 1000);
  ck_assert_uint_eq(a.gid, 100);
  ck_assert_uint_eq(a.cuid, 0);
  ck_assert_int_eq(a.atime, 1764583200);
  ck_assert_int_eq(a.dtime, 1764583300);
  ck_assert_int_eq(a.ctime, 1764583100);
  // Key 0xffffffff is printed as -1.
  ck_assert_int_eq(rows[1].key, static_cast<key_t>(0xffffffff));
  ck_assert_uint_eq(rows[1].size, 1048576);
}
END_TEST

START_TEST(test_sysvipc_sem_msg) {
  std::vector<sysv_entry> rows;
  ck_assert(parse_sysvipc(sem_text, sysv_table::sem, rows));
  ck_assert_uint_eq(rows.size(), 1);
  ck_assert_int_eq(rows[0].key, 12345678);
  ck_assert_int_eq(rows[0].id, 32768);
  ck_assert_uint_eq(rows[0].perms, 0600);
  ck_assert_uint_eq(rows[0].nsems, 3);
  ck_assert_int_eq(rows[0].otime, 1764583200);
  rows.clear();
  ck_assert(parse_sysvipc(msg_text, sysv_table::msg, rows));
  ck_assert_uint_eq(rows.size(), 1);
  ck_assert_int_eq(rows[0].key, 0x41010106);
  ck_assert_uint_eq(rows[0].cbytes, 30);
  ck_assert_uint_eq(rows[0].qnum, 2);
  ck_assert_int_eq(rows[0].lspid, 200);
  ck_assert_int_eq(rows[0].lrpid, 201);
  ck_assert_int_eq(rows[0].stime, 1764583200);
  ck_assert_int_eq(rows[0].rtime, 0);
}
END_TEST

START_TEST(test_sysvipc_columns_by_name) {
  // Another column order, an unknown column, no trailing newline.
  std::vector<sysv_entry> rows;
  ck_assert(parse_sysvipc(
      "semid key nsems future perms uid gid cuid cgid ctime otime\n"
      "5 -2 1 x 600 1 2 3 4 10 20",
      sysv_table::sem, rows));
  ck_assert_uint_eq(rows.size(), 1);
  ck_assert_int_eq(rows[0].id, 5);
  ck_assert_int_eq(rows[0].key, -2);
  ck_assert_uint_eq(rows[0].cgid, 4);
  ck_assert_int_eq(rows[0].otime, 20);
  // Only the header: no objects.
  rows.clear();
  ck_assert(parse_sysvipc(sem_text.substr(0, sem_text.find('\n') + 1),
                          sysv_table::sem, rows));
  ck_assert_uint_eq(rows.size(), 0);
}
END_TEST

START_TEST(test_sysvipc_malformed) {
  std::vector<sysv_entry> rows;
  const std::string_view bad[] = {
      "",
      // a needed column missing (no nattch), or twice
      "key shmid perms size cpid lpid uid gid cuid cgid atime dtime ctime\n",
      "key key semid perms nsems uid gid cuid cgid otime ctime\n",
      // the msg header read as a sem table
      msg_text,
  };
  for (std::string_view t : bad) {
    rows.clear();
    ck_assert_msg(!parse_sysvipc(t, sysv_table::sem, rows), "accepted: %.40s",
                  std::string(t).c_str());
  }
  std::string head(sem_text.substr(0, sem_text.find('\n') + 1));
  const char* rows_bad[] = {
      "1 2 600 3 1 1 1 1 0\n",             // a field short
      "1 2 600 3 1 1 1 1 0 0 9\n",         // a field too many
      "1 2 689 3 1 1 1 1 0 0\n",           // perms not octal
      "1 -2 600 3 1 1 1 1 0 0\n",          // negative id
      "1 2 600 3x 1 1 1 1 0 0\n",          // junk after a number
      "4294967296 2 600 3 1 1 1 1 0 0\n",  // key beyond 32 bits
      "1 2 600 3 99999999999 1 1 1 0 0\n"  // uid beyond uid_t
  };
  for (const char* r : rows_bad) {
    rows.clear();
    ck_assert_msg(!parse_sysvipc(head + r, sysv_table::sem, rows),
                  "accepted row: %s", r);
  }
}
END_TEST

START_TEST(test_sysvipc_live) {
  // The running kernel's tables parse (this process may see any number
  // of objects, including none).
  for (auto [path, table] : {std::pair{"/proc/sysvipc/shm", sysv_table::shm},
                             std::pair{"/proc/sysvipc/sem", sysv_table::sem},
                             std::pair{"/proc/sysvipc/msg", sysv_table::msg}}) {
    std::string text;
    std::vector<sysv_entry> rows;
    ck_assert(read_file(AT_FDCWD, path, text));
    ck_assert_msg(parse_sysvipc(text, table, rows), "%s", path);
  }
}
END_TEST

START_TEST(test_proc_stat) {
  proc_stat st;
  ck_assert(parse_proc_stat(
      "4242 (postgres) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 3 0 "
      "987654 1000000 200 18446744073709551615\n",
      st));
  ck_assert_int_eq(st.pid, 4242);
  ck_assert_str_eq(st.comm.c_str(), "postgres");
  ck_assert_int_eq(st.state, 'S');
  ck_assert_uint_eq(st.flags, 4194560);
  ck_assert_int_eq(st.num_threads, 3);
  ck_assert_uint_eq(st.starttime, 987654);
  // A name with blanks, parentheses and a fake state: the last ')' ends it.
  ck_assert(parse_proc_stat(
      "7 (a) Z 1 (b)) R 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0", st));
  ck_assert_str_eq(st.comm.c_str(), "a) Z 1 (b)");
  ck_assert_int_eq(st.state, 'R');
  ck_assert_uint_eq(st.starttime, 55);
  ck_assert(
      parse_proc_stat("8 () Z 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9", st));
  ck_assert_str_eq(st.comm.c_str(), "");
  ck_assert_int_eq(st.state, 'Z');
  const char* bad[] = {
      "",
      "4242 postgres S 1",
      "x (p) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9",
      "0 (p) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9",
      "1 (p) SS 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9",
      "1 (p) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0",     // no starttime
      "1 (p) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 -9",  // negative
      "1 (p S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 9",
  };
  for (const char* t : bad)
    ck_assert_msg(!parse_proc_stat(t, st), "accepted: %s", t);
  // This process, as the kernel prints it.
  std::string text;
  ck_assert(read_file(AT_FDCWD, "/proc/self/stat", text));
  ck_assert(parse_proc_stat(text, st));
  ck_assert_int_eq(st.pid, getpid());
  ck_assert_int_eq(st.num_threads, 1);
}
END_TEST

START_TEST(test_btime) {
  ck_assert_int_eq(
      *parse_btime("cpu  1 2 3\nintr 5\nbtime 1796119292\nprocesses 9\n"),
      1796119292);
  ck_assert_int_eq(*parse_btime("btime 1"), 1);
  ck_assert(!parse_btime("cpu 1\n"));
  ck_assert(!parse_btime("btime\n"));
  ck_assert(!parse_btime("btime x\n"));
  ck_assert(!parse_btime("btime -5\n"));
  ck_assert(!parse_btime("btime 5 6\n"));
  ck_assert(!parse_btime("xbtime 5\n"));
  std::string text;
  ck_assert(read_file(AT_FDCWD, "/proc/stat", text));
  std::optional<time_t> b = parse_btime(text);
  ck_assert(b && *b > 0 && *b <= time(nullptr));
  // This process started after boot and not after now.
  proc_stat st;
  ck_assert(read_file(AT_FDCWD, "/proc/self/stat", text) &&
            parse_proc_stat(text, st));
  double start = process_start(st, *b);
  ck_assert(start >= static_cast<double>(*b) &&
            start <= static_cast<double>(time(nullptr)) + 2);
}
END_TEST

START_TEST(test_maps) {
  maps_line m;
  ck_assert(
      parse_maps_line("7f25616d1000-7f25616d2000 rw-s 00000000 00:01 5    "
                      "               /SYSV00001234 (deleted)",
                      m));
  ck_assert_uint_eq(major(m.dev), 0);
  ck_assert_uint_eq(minor(m.dev), 1);
  ck_assert_uint_eq(m.ino, 5);
  ck_assert_int_eq(sysv_shmid_of_map(m), 5);
  ck_assert(m.path == "/SYSV00001234 (deleted)");
  ck_assert(parse_maps_line(
      "7f00-7f01 rw-s 00000000 fd:1a 123456 /dev/shm/sem.lock", m));
  ck_assert_uint_eq(major(m.dev), 0xfd);
  ck_assert_uint_eq(minor(m.dev), 0x1a);
  ck_assert_uint_eq(m.ino, 123456);
  ck_assert_int_eq(sysv_shmid_of_map(m), -1);
  ck_assert(m.path == "/dev/shm/sem.lock");
  ck_assert(parse_maps_line("7f00-7f01 ---p 00000000 00:00 0 ", m));
  ck_assert(m.path.empty());
  ck_assert(parse_maps_line("7f00-7f01 r--p 00000000 00:00 0", m));
  ck_assert(m.path.empty());
  const char* bad[] = {"",
                       "7f00-7f01",
                       "7f00 rw-s 0 00:01 5 /x",
                       "7f00-7f01 rw-s 0 0001 5 /x",
                       "7f00-7f01 rw-s 0 00:01 x /x",
                       "7f00-7f01 rw 0 00:01 5 /x",
                       "7f00-7f01 rw-s 0 zz:01 5 /x"};
  for (const char* t : bad)
    ck_assert_msg(!parse_maps_line(t, m), "accepted: %s", t);
}
END_TEST

START_TEST(test_syscall) {
  auto c = parse_syscall(
      "70 0x5 0x7ffc28005758 0x80 0x1 0x0 0x0 0x7ffc28005740 0x7f256184b2ad\n");
  ck_assert(c);
  ck_assert_int_eq(c->nr, 70);
  ck_assert_uint_eq(c->arg1, 5);
  ck_assert(!parse_syscall("running\n"));
  ck_assert(!parse_syscall("-1 0x7ffc28005758 0x7f256184b2ad\n"));
  ck_assert(!parse_syscall(""));
  ck_assert(!parse_syscall("70 5 0x0"));
  ck_assert(!parse_syscall("70 0x 0x0"));
  ck_assert(!parse_syscall("70x 0x5 0x0"));
  // What the numbers mean on this machine's architecture.
  blocked_call call;
  call.arg1 = 9;
#ifdef SYS_msgrcv
  call.nr = SYS_msgrcv;
  ck_assert_int_eq(sysv_id_waited_on(call, true), 9);
  ck_assert_int_eq(sysv_id_waited_on(call, false), -1);
  call.nr = SYS_msgsnd;
  ck_assert_int_eq(sysv_id_waited_on(call, true), 9);
#endif
#ifdef SYS_semtimedop
  call.nr = SYS_semtimedop;
  ck_assert_int_eq(sysv_id_waited_on(call, false), 9);
  ck_assert_int_eq(sysv_id_waited_on(call, true), -1);
#endif
  call.nr = SYS_read;
  ck_assert_int_eq(sysv_id_waited_on(call, true), -1);
  ck_assert_int_eq(sysv_id_waited_on(call, false), -1);
  // Only the int in the register counts: a negative id is no id.
#ifdef SYS_msgrcv
  call.nr = SYS_msgrcv;
  call.arg1 = 0xffffffff00000007ul;
  ck_assert_int_eq(sysv_id_waited_on(call, true), 7);
  call.arg1 = 0xfffffffful;
  ck_assert_int_eq(sysv_id_waited_on(call, true), -1);
#endif
}
END_TEST

START_TEST(test_mqueue_status) {
  mqueue_status mq;
  ck_assert(parse_mqueue_status(
      "QSIZE:30         NOTIFY:0     SIGNO:10    NOTIFY_PID:4242  \n", mq));
  ck_assert_uint_eq(mq.qsize, 30);
  ck_assert_int_eq(mq.notify, 0);
  ck_assert_int_eq(mq.signo, 10);
  ck_assert_int_eq(mq.notify_pid, 4242);
  ck_assert(parse_mqueue_status("QSIZE:0 NOTIFY_PID:0 EXTRA:1", mq));
  ck_assert_int_eq(mq.notify_pid, 0);
  const char* bad[] = {"",
                       "QSIZE:0",
                       "NOTIFY_PID:0",
                       "QSIZE:x NOTIFY_PID:0",
                       "QSIZE:0 NOTIFY_PID:-1",
                       "QSIZE:0 QSIZE:1 NOTIFY_PID:0",
                       "QSIZE 0 NOTIFY_PID:0",
                       "QSIZE:0 NOTIFY_PID:"};
  for (const char* t : bad)
    ck_assert_msg(!parse_mqueue_status(t, mq), "accepted: %s", t);
}
END_TEST

START_TEST(test_scan_finds_child) {
  // A child attached to a segment, mapping a file and holding it open.
  int shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
  ck_assert_int_ge(shmid, 0);
  char path[] = "/tmp/procscan-XXXXXX";
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(ftruncate(fd, 4096), 0);
  struct stat st;
  ck_assert_int_eq(fstat(fd, &st), 0);
  int ready[2];
  ck_assert_int_eq(pipe(ready), 0);
  pid_t child = fork();
  if (child == 0) {
    void* a = shmat(shmid, nullptr, 0);
    void* m = mmap(nullptr, 4096, PROT_READ, MAP_SHARED, fd, 0);
    if (a == reinterpret_cast<void*>(-1) || m == MAP_FAILED) _exit(1);
    char c = 'r';
    if (write(ready[1], &c, 1) != 1) _exit(1);
    pause();
    _exit(0);
  }
  char c;
  ck_assert_int_eq(read(ready[0], &c, 1), 1);
  scan_request what;
  what.maps = what.fds = what.syscalls = true;
  std::vector<process_info> procs;
  ck_assert(scan_processes(what, procs));
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  shmctl(shmid, IPC_RMID, nullptr);
  close(fd);
  unlink(path);
  close(ready[0]);
  close(ready[1]);

  ck_assert(std::is_sorted(procs.begin(), procs.end(),
                           [](auto& a, auto& b) { return a.pid < b.pid; }));
  auto self = std::find_if(procs.begin(), procs.end(),
                           [](auto& p) { return p.pid == getpid(); });
  ck_assert(self == procs.end());  // the scanner leaves itself out
  auto it = std::find_if(procs.begin(), procs.end(),
                         [&](auto& p) { return p.pid == child; });
  ck_assert(it != procs.end());
  ck_assert(it->inspected);
  ck_assert(!it->zombie);
  ck_assert_uint_eq(it->uid, geteuid());
  ck_assert(std::count(it->shmids.begin(), it->shmids.end(), shmid) == 1);
  file_id f{st.st_dev, st.st_ino};
  ck_assert(std::binary_search(it->mapped.begin(), it->mapped.end(), f));
  ck_assert(
      std::binary_search(it->open.begin(), it->open.end(), f));  // inherited fd
  ck_assert(it->start <= static_cast<double>(time(nullptr)) + 2);
}
END_TEST

// Round trips: random values (fixed seed) written as the kernel writes
// them parse back to the same values, whatever the width of each field.
struct seeded {
  std::uint64_t x = 14;
  std::uint64_t next() {
    x = x * 6364136223846793005u + 1442695040888963407u;
    return x >> 11;  // 53 bits
  }
  template <class T>
  T below(std::uint64_t n) {
    return static_cast<T>(next() % n);
  }
};

START_TEST(test_round_trip_sysvipc) {
  seeded r;
  for (int round = 0; round < 200; ++round) {
    std::string text =
        "       key      shmid perms                  size  cpid  lpid nattch"
        "   uid   gid  cuid  cgid      atime      dtime      ctime  rss swap\n";
    std::vector<sysv_entry> want;
    for (int row = 0; row < 5; ++row) {
      sysv_entry e;
      e.key = static_cast<key_t>(static_cast<std::uint32_t>(r.next()));
      e.id = r.below<int>(0x80000000u);
      e.perms = r.below<mode_t>(010000);
      e.size = r.next() << (r.next() % 12);
      e.cpid = r.below<pid_t>(4194305);
      e.lpid = r.below<pid_t>(4194305);
      e.nattch = r.below<std::uint64_t>(100000);
      e.uid = r.below<uid_t>(0xffffffffu);
      e.gid = r.below<gid_t>(0xffffffffu);
      e.cuid = r.below<uid_t>(0xffffffffu);
      e.cgid = r.below<gid_t>(0xffffffffu);
      e.atime = r.below<time_t>(1u << 31);
      e.dtime = r.below<time_t>(1u << 31);
      e.ctime = r.below<time_t>(1u << 31);
      char line[400];
      snprintf(line, sizeof line,
               "%10d %10d %4o %21llu %5d %5d %6llu %5u %5u %5u %5u %10lld "
               "%10lld %10lld %21d %21d\n",
               static_cast<int>(e.key), e.id, static_cast<unsigned>(e.perms),
               static_cast<unsigned long long>(e.size), static_cast<int>(e.cpid),
               static_cast<int>(e.lpid),
               static_cast<unsigned long long>(e.nattch),
               static_cast<unsigned>(e.uid), static_cast<unsigned>(e.gid),
               static_cast<unsigned>(e.cuid), static_cast<unsigned>(e.cgid),
               static_cast<long long>(e.atime), static_cast<long long>(e.dtime),
               static_cast<long long>(e.ctime), 4096, 0);
      text += line;
      want.push_back(e);
    }
    std::vector<sysv_entry> got;
    ck_assert(parse_sysvipc(text, sysv_table::shm, got));
    ck_assert_uint_eq(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      const sysv_entry &a = got[i], &b = want[i];
      ck_assert_int_eq(a.key, b.key);
      ck_assert_int_eq(a.id, b.id);
      ck_assert_uint_eq(a.perms, b.perms);
      ck_assert_uint_eq(a.size, b.size);
      ck_assert_int_eq(a.cpid, b.cpid);
      ck_assert_int_eq(a.lpid, b.lpid);
      ck_assert_uint_eq(a.nattch, b.nattch);
      ck_assert_uint_eq(a.uid, b.uid);
      ck_assert_uint_eq(a.gid, b.gid);
      ck_assert_uint_eq(a.cuid, b.cuid);
      ck_assert_uint_eq(a.cgid, b.cgid);
      ck_assert_int_eq(a.atime, b.atime);
      ck_assert_int_eq(a.dtime, b.dtime);
      ck_assert_int_eq(a.ctime, b.ctime);
    }
  }
}
END_TEST

START_TEST(test_round_trip_stat_mqueue) {
  seeded r;
  static constexpr std::string_view name_bytes = "ab) (x\t:0";
  for (int round = 0; round < 2000; ++round) {
    proc_stat st;
    st.pid = 1 + r.below<pid_t>(4194304);
    for (std::size_t n = r.below<std::size_t>(16); n > 0; --n)
      st.comm += name_bytes[r.below<std::size_t>(name_bytes.size())];
    st.state = "RSDZTtXI"[r.below<int>(8)];
    st.flags = r.below<unsigned long>(1u << 31);
    st.num_threads = 1 + r.below<long>(10000);
    st.starttime = r.next();
    std::string text = std::to_string(st.pid) + " (" + st.comm + ") " + st.state;
    for (int field = 4; field <= 52; ++field)
      text += " " + (field == 9    ? std::to_string(st.flags)
                     : field == 20 ? std::to_string(st.num_threads)
                     : field == 22 ? std::to_string(st.starttime)
                                   : "-1"s);
    proc_stat got;
    ck_assert_msg(parse_proc_stat(text + "\n", got), "refused: %s",
                  text.c_str());
    ck_assert_int_eq(got.pid, st.pid);
    ck_assert_str_eq(got.comm.c_str(), st.comm.c_str());
    ck_assert_int_eq(got.state, st.state);
    ck_assert_uint_eq(got.flags, st.flags);
    ck_assert_int_eq(got.num_threads, st.num_threads);
    ck_assert_uint_eq(got.starttime, st.starttime);

    mqueue_status mq;
    mq.qsize = r.next();
    mq.notify = r.below<int>(3);
    mq.signo = r.below<int>(65);
    mq.notify_pid = r.below<pid_t>(4194305);
    char line[160];
    snprintf(line, sizeof line,
             "QSIZE:%-10llu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
             static_cast<unsigned long long>(mq.qsize), mq.notify, mq.signo,
             static_cast<int>(mq.notify_pid));
    mqueue_status mgot;
    ck_assert(parse_mqueue_status(line, mgot));
    ck_assert_uint_eq(mgot.qsize, mq.qsize);
    ck_assert_int_eq(mgot.notify, mq.notify);
    ck_assert_int_eq(mgot.signo, mq.signo);
    ck_assert_int_eq(mgot.notify_pid, mq.notify_pid);
  }
}
END_TEST

}  // namespace

Suite* procscan_suite() {
  Suite* s = suite_create("procscan");
  TCase* parse = tcase_create("parse");
  tcase_add_test(parse, test_sysvipc_shm);
  tcase_add_test(parse, test_sysvipc_sem_msg);
  tcase_add_test(parse, test_sysvipc_columns_by_name);
  tcase_add_test(parse, test_sysvipc_malformed);
  tcase_add_test(parse, test_sysvipc_live);
  tcase_add_test(parse, test_proc_stat);
  tcase_add_test(parse, test_btime);
  tcase_add_test(parse, test_maps);
  tcase_add_test(parse, test_syscall);
  tcase_add_test(parse, test_mqueue_status);
  tcase_add_test(parse, test_round_trip_sysvipc);
  tcase_add_test(parse, test_round_trip_stat_mqueue);
  suite_add_tcase(s, parse);
  TCase* scan = tcase_create("scan");
  tcase_add_test(scan, test_scan_finds_child);
  suite_add_tcase(s, scan);
  return s;
}
