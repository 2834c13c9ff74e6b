// Fuzzes the /proc parsers of libipcutil/procscan, each over the whole
// input: the three /proc/sysvipc tables, /proc/PID/stat, /proc/stat's
// btime line, each line as a /proc/PID/maps line, /proc/PID/syscall and a
// POSIX message queue's status line.  What each accepts is written back
// in the kernel's format and must parse to the same values.
#include <config.h>

#include <sys/sysmacros.h>

#include <charconv>
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz.hh"
#include "libipcutil/procscan.hh"

using namespace ipcutil;

namespace {

template <class T>
std::string decimal(T v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

bool same(const sysv_entry& a, const sysv_entry& b) {
  return a.key == b.key && a.id == b.id && a.perms == b.perms &&
         a.uid == b.uid && a.cuid == b.cuid && a.gid == b.gid &&
         a.cgid == b.cgid && a.ctime == b.ctime && a.size == b.size &&
         a.cpid == b.cpid && a.lpid == b.lpid && a.nattch == b.nattch &&
         a.atime == b.atime && a.dtime == b.dtime && a.nsems == b.nsems &&
         a.otime == b.otime && a.cbytes == b.cbytes && a.qnum == b.qnum &&
         a.lspid == b.lspid && a.lrpid == b.lrpid && a.stime == b.stime &&
         a.rtime == b.rtime;
}

// The table as the kernel prints it (ipc/util.c's sysvipc_*_proc_show).
std::string write_table(sysv_table t, const std::vector<sysv_entry>& rows) {
  std::string out;
  switch (t) {
    case sysv_table::shm:
      out = "key shmid perms size cpid lpid nattch uid gid cuid cgid atime "
            "dtime ctime rss swap\n";
      break;
    case sysv_table::sem:
      out = "key semid perms nsems uid gid cuid cgid otime ctime\n";
      break;
    case sysv_table::msg:
      out = "key msqid perms cbytes qnum lspid lrpid uid gid cuid cgid stime "
            "rtime ctime\n";
      break;
  }
  for (const sysv_entry& e : rows) {
    char perms[16];
    snprintf(perms, sizeof perms, "%o", static_cast<unsigned>(e.perms));
    std::string head = decimal(static_cast<std::int32_t>(e.key)) + ' ' +
                       decimal(e.id) + ' ' + perms + ' ';
    std::string ids = decimal(e.uid) + ' ' + decimal(e.gid) + ' ' +
                      decimal(e.cuid) + ' ' + decimal(e.cgid) + ' ';
    switch (t) {
      case sysv_table::shm:
        out += head + decimal(e.size) + ' ' + decimal(e.cpid) + ' ' +
               decimal(e.lpid) + ' ' + decimal(e.nattch) + ' ' + ids +
               decimal(e.atime) + ' ' + decimal(e.dtime) + ' ' +
               decimal(e.ctime) + " 4096 0\n";
        break;
      case sysv_table::sem:
        out += head + decimal(e.nsems) + ' ' + ids + decimal(e.otime) + ' ' +
               decimal(e.ctime) + '\n';
        break;
      case sysv_table::msg:
        out += head + decimal(e.cbytes) + ' ' + decimal(e.qnum) + ' ' +
               decimal(e.lspid) + ' ' + decimal(e.lrpid) + ' ' + ids +
               decimal(e.stime) + ' ' + decimal(e.rtime) + ' ' +
               decimal(e.ctime) + '\n';
        break;
    }
  }
  return out;
}

void check_sysvipc(std::string_view text) {
  for (sysv_table t : {sysv_table::msg, sysv_table::sem, sysv_table::shm}) {
    std::vector<sysv_entry> rows;
    bool ok = parse_sysvipc(text, t, rows);
    // Rows before a malformed one are kept; each is valid either way.
    for (const sysv_entry& e : rows) {
      FUZZ_CHECK(e.id >= 0 && e.cpid >= 0 && e.lpid >= 0 && e.lspid >= 0 &&
                 e.lrpid >= 0);
    }
    if (!ok) continue;
    std::vector<sysv_entry> again;
    FUZZ_CHECK(parse_sysvipc(write_table(t, rows), t, again));
    FUZZ_CHECK(again.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
      FUZZ_CHECK(same(rows[i], again[i]));
  }
}

void check_stat(std::string_view text) {
  proc_stat st;
  if (parse_proc_stat(text, st)) {
    FUZZ_CHECK(st.pid > 0);
    // The name is everything between the first " (" and the last ')'.
    std::size_t open = text.find(" (");
    std::size_t close = text.rfind(')');
    FUZZ_CHECK(open != text.npos && close != text.npos);
    FUZZ_CHECK(st.comm == text.substr(open + 2, close - open - 2));
    std::string back = decimal(st.pid) + " (" + st.comm + ") " + st.state;
    for (int field = 4; field <= 52; ++field) {
      back += ' ';
      back += field == 9    ? decimal(st.flags)
              : field == 20 ? decimal(st.num_threads)
              : field == 22 ? decimal(st.starttime)
                            : "0";
    }
    back += '\n';
    proc_stat again;
    FUZZ_CHECK(parse_proc_stat(back, again));
    FUZZ_CHECK(again.pid == st.pid && again.comm == st.comm &&
               again.state == st.state && again.flags == st.flags &&
               again.num_threads == st.num_threads &&
               again.starttime == st.starttime);
  }
  if (std::optional<time_t> b = parse_btime(text)) {
    FUZZ_CHECK(*b >= 0);
    std::optional<time_t> again =
        parse_btime("cpu 1 2 3\nbtime " + decimal(*b) + "\nprocesses 9\n");
    FUZZ_CHECK(again && *again == *b);
  }
}

void check_maps(std::string_view text) {
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == text.npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    maps_line m;
    if (!parse_maps_line(line, m)) continue;
    FUZZ_CHECK(m.path.data() >= line.data() &&
               m.path.data() + m.path.size() == line.data() + line.size());
    int shmid = sysv_shmid_of_map(m);
    FUZZ_CHECK(shmid >= -1);
    if (shmid >= 0)
      FUZZ_CHECK(m.path.substr(0, 5) == "/SYSV" &&
                 static_cast<ino_t>(shmid) == m.ino);
    char head[128];
    snprintf(head, sizeof head, "7f00-7f01 rw-s 00000000 %x:%x %llu ",
             major(m.dev), minor(m.dev),
             static_cast<unsigned long long>(m.ino));
    std::string back = head + std::string(m.path);
    maps_line again;
    FUZZ_CHECK(parse_maps_line(back, again));
    FUZZ_CHECK(again.dev == m.dev && again.ino == m.ino &&
               again.path == m.path);
  }
}

void check_syscall(std::string_view text) {
  std::optional<blocked_call> call = parse_syscall(text);
  if (!call) return;
  FUZZ_CHECK(call->nr >= 0);
  for (bool is_msg : {false, true}) {
    int id = sysv_id_waited_on(*call, is_msg);
    FUZZ_CHECK(id >= -1);
  }
  char buf[128];
  snprintf(buf, sizeof buf, "%ld 0x%lx 0x0 0x0 0x0 0x0 0x0 0x7ffd 0x7f00\n",
           call->nr, call->arg1);
  std::optional<blocked_call> again = parse_syscall(buf);
  FUZZ_CHECK(again && again->nr == call->nr && again->arg1 == call->arg1);
}

void check_mqueue(std::string_view text) {
  mqueue_status st;
  if (!parse_mqueue_status(text, st)) return;
  FUZZ_CHECK(st.notify_pid >= 0);
  char buf[160];
  snprintf(buf, sizeof buf,
           "QSIZE:%-10llu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n",
           static_cast<unsigned long long>(st.qsize), st.notify, st.signo,
           static_cast<int>(st.notify_pid));
  mqueue_status again;
  FUZZ_CHECK(parse_mqueue_status(buf, again));
  FUZZ_CHECK(again.qsize == st.qsize && again.notify == st.notify &&
             again.signo == st.signo && again.notify_pid == st.notify_pid);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view text = as_text(data, size);
  check_sysvipc(text);
  check_stat(text);
  check_maps(text);
  check_syscall(text);
  check_mqueue(text);
  return 0;
}
