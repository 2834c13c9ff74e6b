#include <config.h>

#include "libipcutil/procscan.hh"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

#include "libipcutil/fd.hh"

namespace ipcutil {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The next blank-separated token of TEXT from POS on; empty at the end.
std::string_view next_token(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && is_blank(text[pos])) ++pos;
  std::size_t start = pos;
  while (pos < text.size() && !is_blank(text[pos])) ++pos;
  return text.substr(start, pos - start);
}

template <class T>
bool to_number(std::string_view s, T& out, int base = 10) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return ec == std::errc() && end == s.data() + s.size();
}

// The next line of TEXT from POS on, without its newline; false at the end.
bool next_line(std::string_view text, std::size_t& pos,
               std::string_view& line) {
  if (pos >= text.size()) return false;
  std::size_t nl = text.find('\n', pos);
  if (nl == std::string_view::npos) nl = text.size();
  line = text.substr(pos, nl - pos);
  pos = nl + 1;
  return true;
}

// The columns each table must have, and where each lands in sysv_entry.
enum class col {
  key,
  id,
  perms,
  size,
  cpid,
  lpid,
  nattch,
  uid,
  gid,
  cuid,
  cgid,
  atime,
  dtime,
  ctime,
  nsems,
  otime,
  cbytes,
  qnum,
  lspid,
  lrpid,
  stime,
  rtime,
  other
};

col column_of(std::string_view name, sysv_table table) {
  static constexpr std::pair<std::string_view, col> common[] = {
      {"key", col::key},     {"perms", col::perms}, {"uid", col::uid},
      {"gid", col::gid},     {"cuid", col::cuid},   {"cgid", col::cgid},
      {"ctime", col::ctime},
  };
  for (auto& [n, c] : common)
    if (n == name) return c;
  switch (table) {
    case sysv_table::shm: {
      static constexpr std::pair<std::string_view, col> cols[] = {
          {"shmid", col::id},    {"size", col::size},     {"cpid", col::cpid},
          {"lpid", col::lpid},   {"nattch", col::nattch}, {"atime", col::atime},
          {"dtime", col::dtime},
      };
      for (auto& [n, c] : cols)
        if (n == name) return c;
      break;
    }
    case sysv_table::sem: {
      static constexpr std::pair<std::string_view, col> cols[] = {
          {"semid", col::id},
          {"nsems", col::nsems},
          {"otime", col::otime},
      };
      for (auto& [n, c] : cols)
        if (n == name) return c;
      break;
    }
    case sysv_table::msg: {
      static constexpr std::pair<std::string_view, col> cols[] = {
          {"msqid", col::id},    {"cbytes", col::cbytes}, {"qnum", col::qnum},
          {"lspid", col::lspid}, {"lrpid", col::lrpid},   {"stime", col::stime},
          {"rtime", col::rtime},
      };
      for (auto& [n, c] : cols)
        if (n == name) return c;
      break;
    }
  }
  return col::other;
}

bool store(sysv_entry& e, col c, std::string_view v) {
  switch (c) {
    case col::key: {
      // Printed as a signed decimal int: 0xffffffff is -1.
      long long k;
      if (!to_number(v, k) || k < INT32_MIN || k > UINT32_MAX) return false;
      e.key = static_cast<key_t>(static_cast<std::uint32_t>(k));
      return true;
    }
    case col::id:
      return to_number(v, e.id) && e.id >= 0;
    case col::perms: {
      unsigned m;
      if (!to_number(v, m, 8)) return false;
      e.perms = m;
      return true;
    }
    case col::size:
      return to_number(v, e.size);
    case col::cpid:
      return to_number(v, e.cpid) && e.cpid >= 0;
    case col::lpid:
      return to_number(v, e.lpid) && e.lpid >= 0;
    case col::nattch:
      return to_number(v, e.nattch);
    case col::uid:
      return to_number(v, e.uid);
    case col::gid:
      return to_number(v, e.gid);
    case col::cuid:
      return to_number(v, e.cuid);
    case col::cgid:
      return to_number(v, e.cgid);
    case col::atime:
      return to_number(v, e.atime);
    case col::dtime:
      return to_number(v, e.dtime);
    case col::ctime:
      return to_number(v, e.ctime);
    case col::nsems:
      return to_number(v, e.nsems);
    case col::otime:
      return to_number(v, e.otime);
    case col::cbytes:
      return to_number(v, e.cbytes);
    case col::qnum:
      return to_number(v, e.qnum);
    case col::lspid:
      return to_number(v, e.lspid) && e.lspid >= 0;
    case col::lrpid:
      return to_number(v, e.lrpid) && e.lrpid >= 0;
    case col::stime:
      return to_number(v, e.stime);
    case col::rtime:
      return to_number(v, e.rtime);
    case col::other:
      return true;
  }
  return false;
}

}  // namespace

bool parse_sysvipc(std::string_view text, sysv_table table,
                   std::vector<sysv_entry>& out) {
  std::size_t pos = 0;
  std::string_view line;
  if (!next_line(text, pos, line)) return false;
  std::vector<col> cols;
  std::size_t tpos = 0;
  for (std::string_view name; !(name = next_token(line, tpos)).empty();)
    cols.push_back(column_of(name, table));
  // The columns every table must have for the proof.
  std::vector<col> needed = {col::key, col::id,   col::perms, col::uid,
                             col::gid, col::cuid, col::cgid,  col::ctime};
  switch (table) {
    case sysv_table::shm:
      needed.insert(needed.end(), {col::size, col::cpid, col::lpid, col::nattch,
                                   col::atime, col::dtime});
      break;
    case sysv_table::sem:
      needed.insert(needed.end(), {col::nsems, col::otime});
      break;
    case sysv_table::msg:
      needed.insert(needed.end(), {col::cbytes, col::qnum, col::lspid,
                                   col::lrpid, col::stime, col::rtime});
      break;
  }
  for (col c : needed)
    if (std::count(cols.begin(), cols.end(), c) != 1) return false;

  while (next_line(text, pos, line)) {
    tpos = 0;
    sysv_entry e;
    std::size_t i = 0;
    for (std::string_view v; !(v = next_token(line, tpos)).empty(); ++i) {
      if (i >= cols.size() || !store(e, cols[i], v)) return false;
    }
    if (i == 0) continue;  // a blank line
    if (i != cols.size()) return false;
    out.push_back(e);
  }
  return true;
}

bool parse_proc_stat(std::string_view text, proc_stat& out) {
  std::size_t open = text.find(" (");
  std::size_t close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos ||
      close < open + 2)
    return false;
  if (!to_number(text.substr(0, open), out.pid) || out.pid <= 0) return false;
  out.comm.assign(text.substr(open + 2, close - open - 2));
  // After the name: state (field 3), ..., num_threads (20), ...,
  // starttime (22).
  std::size_t pos = close + 1;
  std::string_view state = next_token(text, pos);
  if (state.size() != 1) return false;
  out.state = state[0];
  for (int field = 4; field <= 22; ++field) {
    std::string_view v = next_token(text, pos);
    if (v.empty()) return false;
    if (field == 9 && !to_number(v, out.flags)) return false;
    if (field == 20 && !to_number(v, out.num_threads)) return false;
    if (field == 22 && !to_number(v, out.starttime)) return false;
  }
  return true;
}

std::optional<time_t> parse_btime(std::string_view text) {
  std::size_t pos = 0;
  std::string_view line;
  while (next_line(text, pos, line)) {
    std::size_t tpos = 0;
    if (next_token(line, tpos) != "btime") continue;
    time_t t;
    std::string_view v = next_token(line, tpos);
    if (!to_number(v, t) || t < 0 || !next_token(line, tpos).empty())
      return std::nullopt;
    return t;
  }
  return std::nullopt;
}

bool parse_maps_line(std::string_view line, maps_line& out) {
  std::size_t pos = 0;
  std::string_view range = next_token(line, pos);
  std::string_view perms = next_token(line, pos);
  std::string_view offset = next_token(line, pos);
  std::string_view dev = next_token(line, pos);
  std::string_view inode = next_token(line, pos);
  if (range.find('-') == std::string_view::npos || perms.size() != 4 ||
      offset.empty())
    return false;
  std::size_t colon = dev.find(':');
  unsigned major, minor;
  if (colon == std::string_view::npos ||
      !to_number(dev.substr(0, colon), major, 16) ||
      !to_number(dev.substr(colon + 1), minor, 16))
    return false;
  unsigned long long ino;
  if (!to_number(inode, ino)) return false;
  out.dev = makedev(major, minor);
  out.ino = static_cast<ino_t>(ino);
  while (pos < line.size() && is_blank(line[pos])) ++pos;
  out.path = line.substr(pos);
  return true;
}

int sysv_shmid_of_map(const maps_line& line) {
  if (line.path.substr(0, 5) != "/SYSV" ||
      line.ino > static_cast<ino_t>(INT32_MAX))
    return -1;
  return static_cast<int>(line.ino);
}

std::optional<blocked_call> parse_syscall(std::string_view text) {
  std::size_t pos = 0;
  std::string_view nr = next_token(text, pos);
  std::string_view arg1 = next_token(text, pos);
  blocked_call call;
  if (!to_number(nr, call.nr) || call.nr < 0) return std::nullopt;
  if (arg1.substr(0, 2) != "0x" || !to_number(arg1.substr(2), call.arg1, 16))
    return std::nullopt;
  return call;
}

int sysv_id_waited_on(const blocked_call& call, bool is_msg) {
  bool match = false;
#ifdef SYS_msgrcv
  if (is_msg) match = call.nr == SYS_msgrcv || call.nr == SYS_msgsnd;
#endif
#ifdef SYS_semop
  if (!is_msg) match = call.nr == SYS_semop;
#endif
#ifdef SYS_semtimedop
  if (!is_msg && call.nr == SYS_semtimedop) match = true;
#endif
  // The id is an int passed in a register: only its low 32 bits count.
  if (!match) return -1;
  auto id = static_cast<std::int32_t>(static_cast<std::uint32_t>(call.arg1));
  return id >= 0 ? id : -1;
}

bool parse_mqueue_status(std::string_view text, mqueue_status& out) {
  std::size_t pos = 0;
  bool seen[4] = {};
  for (std::string_view t; !(t = next_token(text, pos)).empty();) {
    std::size_t colon = t.find(':');
    if (colon == std::string_view::npos) return false;
    std::string_view name = t.substr(0, colon), v = t.substr(colon + 1);
    bool ok;
    int which;
    if (name == "QSIZE")
      which = 0, ok = to_number(v, out.qsize);
    else if (name == "NOTIFY")
      which = 1, ok = to_number(v, out.notify);
    else if (name == "SIGNO")
      which = 2, ok = to_number(v, out.signo);
    else if (name == "NOTIFY_PID")
      which = 3, ok = to_number(v, out.notify_pid) && out.notify_pid >= 0;
    else
      continue;  // a field a later kernel may add
    if (!ok || seen[which]) return false;
    seen[which] = true;
  }
  return seen[0] && seen[3];
}

// ---- I/O
// -----------------------------------------------------------------------

bool read_file(int dirfd, const char* path, std::string& out) {
  unique_fd fd(openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd) return false;
  out.clear();
  std::size_t used = 0;
  out.resize(4096);
  for (;;) {
    if (out.size() - used < 4096) out.resize(out.size() * 2);
    ssize_t n = read(fd.get(), &out[used], out.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  out.resize(used);
  return true;
}

double process_start(const proc_stat& st, time_t btime) {
  static const long hz = sysconf(_SC_CLK_TCK);
  return static_cast<double>(btime) +
         static_cast<double>(st.starttime) /
             static_cast<double>(hz > 0 ? hz : 100);
}

namespace {

bool all_digits(const char* s) {
  if (*s == '\0') return false;
  for (; *s != '\0'; ++s)
    if (*s < '0' || *s > '9') return false;
  return true;
}

// Maps and open files of one process, read through its /proc directory.
bool read_maps(int piddir, std::string& buf, process_info& p) {
  if (!read_file(piddir, "maps", buf)) return false;
  std::size_t pos = 0;
  std::string_view line;
  while (next_line(buf, pos, line)) {
    maps_line m;
    if (!parse_maps_line(line, m)) continue;
    // Segment 0 has inode 0, like anonymous memory: test the path first.
    int shmid = sysv_shmid_of_map(m);
    if (shmid >= 0)
      p.shmids.push_back(shmid);
    else if (m.ino != 0)
      p.mapped.push_back({m.dev, m.ino});
  }
  auto dedup = [](auto& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  dedup(p.shmids);
  dedup(p.mapped);
  return true;
}

bool read_fds(int piddir, process_info& p) {
  unique_fd dfd(openat(piddir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dfd) return false;
  DIR* d = fdopendir(dfd.get());
  if (d == nullptr) return false;
  int fd = dfd.release();
  bool ok = true;
  // errno is reset before each readdir: the calls in the loop set it too.
  for (errno = 0; struct dirent* e = readdir(d); errno = 0) {
    if (e->d_name[0] == '.') continue;
    // Only files with a path can be POSIX objects: sockets, pipes and
    // anonymous inodes read as "socket:[N]" and the like.
    char target[16];
    ssize_t n = readlinkat(fd, e->d_name, target, sizeof target);
    if (n <= 0 || target[0] != '/') continue;
    struct stat st;
    if (fstatat(fd, e->d_name, &st, 0) == 0)
      p.open.push_back({st.st_dev, st.st_ino});
  }
  if (errno != 0) ok = false;
  closedir(d);
  std::sort(p.open.begin(), p.open.end());
  p.open.erase(std::unique(p.open.begin(), p.open.end()), p.open.end());
  return ok;
}

bool read_syscall(int dirfd, const char* path, std::string& buf,
                  process_info& p) {
  if (!read_file(dirfd, path, buf)) return false;
  if (auto call = parse_syscall(buf)) p.blocked.push_back(*call);
  return true;
}

bool read_syscalls(int piddir, long threads, std::string& buf,
                   process_info& p) {
  if (threads <= 1) return read_syscall(piddir, "syscall", buf, p);
  unique_fd tfd(openat(piddir, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!tfd) return false;
  DIR* d = fdopendir(tfd.get());
  if (d == nullptr) return false;
  int fd = tfd.release();
  bool ok = true;
  for (errno = 0; struct dirent* e = readdir(d); errno = 0) {
    if (!all_digits(e->d_name)) continue;
    std::string path = std::string(e->d_name) + "/syscall";
    if (!read_syscall(fd, path.c_str(), buf, p) && errno != ENOENT &&
        errno != ESRCH)
      ok = false;
  }
  if (errno != 0) ok = false;  // the listing was cut short
  closedir(d);
  return ok;
}

}  // namespace

bool scan_processes(const scan_request& what, std::vector<process_info>& out) {
  out.clear();
  std::string buf;
  if (!read_file(AT_FDCWD, "/proc/stat", buf)) return false;
  std::optional<time_t> btime = parse_btime(buf);
  if (!btime) {
    errno = EINVAL;
    return false;
  }
  unique_fd procfd(open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!procfd) return false;
  DIR* d = fdopendir(procfd.get());
  if (d == nullptr) return false;
  int proc = procfd.release();
  pid_t self = getpid();
  // readdir says "error" only through errno: a scan cut short by one
  // must fail, not pass for a /proc without the processes left unread.
  for (errno = 0; struct dirent* e = readdir(d); errno = 0) {
    if (!all_digits(e->d_name)) continue;
    unique_fd piddir(
        openat(proc, e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!piddir) continue;  // gone already
    proc_stat st;
    struct stat dst;
    if (!read_file(piddir.get(), "stat", buf) || !parse_proc_stat(buf, st) ||
        fstat(piddir.get(), &dst) != 0 || st.pid == self)
      continue;
    // Kernel threads (PF_KTHREAD) hold no IPC objects.
    if ((st.flags & 0x00200000) != 0) continue;
    process_info p;
    p.pid = st.pid;
    p.comm = std::move(st.comm);
    p.uid = dst.st_uid;
    p.start = process_start(st, *btime);
    p.zombie = st.state == 'Z' || st.state == 'X';
    if (!p.zombie) {
      // A part that cannot be read while the process still exists leaves
      // it uninspected; one that vanished with the process does not matter.
      auto check = [&](bool ok) {
        if (!ok && errno != ENOENT && errno != ESRCH) p.inspected = false;
      };
      if (what.maps) check(read_maps(piddir.get(), buf, p));
      if (what.fds) check(read_fds(piddir.get(), p));
      if (what.syscalls)
        check(read_syscalls(piddir.get(), st.num_threads, buf, p));
      // Empty maps of a live process: a kernel thread, or access refused
      // without an error (maps reads empty for a process we may not trace).
    }
    out.push_back(std::move(p));
  }
  if (int err = errno; err != 0) {
    closedir(d);
    errno = err;
    return false;
  }
  closedir(d);
  std::sort(out.begin(), out.end(),
            [](const process_info& a, const process_info& b) {
              return a.pid < b.pid;
            });
  return true;
}

}  // namespace ipcutil
