// ipcclean: list the IPC objects this user can see, each with a verdict
// (in-use, orphan, unknown) and the evidence for it, and with --remove
// remove the proven orphans, re-checking each one right before.
//
// Everything is read once: each /proc/sysvipc table, the POSIX
// directories, and one scan of /proc for the processes (their start times,
// and where the proof needs them, their maps, open files and the system
// call each thread is blocked in).  The verdicts are then worked out from
// those tables, never by asking the kernel once per object and process.

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <mqueue.h>
#include <pwd.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "libipcutil/fd.hh"
#include "libipcutil/help.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/object.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/procscan.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

using namespace ipcutil;

namespace {

// ---- kinds
// -----------------------------------------------------------------------

using kind = object_kind;
constexpr kind all_kinds[] = {kind::sysv_msg, kind::sysv_sem,  kind::sysv_shm,
                              kind::posix_mq, kind::posix_sem, kind::posix_shm};

// util-linux's names (lsipc, ipcmk): the values of --type.
const char* type_name(kind k) {
  switch (k) {
    case kind::sysv_msg:
      return "msg";
    case kind::sysv_sem:
      return "sem";
    case kind::sysv_shm:
      return "shm";
    case kind::posix_mq:
      return "pmsg";
    case kind::posix_sem:
      return "psem";
    case kind::posix_shm:
      return "pshm";
  }
  return "?";
}

bool is_sysv(kind k) { return !kind_of(k).posix; }

// A full IPC_STAT of a System V object (kinds.hh's sysv_stat reads only the
// owner) in the shape /proc/sysvipc gives, so the scan and the re-check
// compare like with like.  0, or -1 with errno.
int stat_entry(kind k, int id, sysv_entry& e) {
  e.id = id;
  switch (k) {
    case kind::sysv_shm: {
      struct shmid_ds ds;
      if (shmctl(id, IPC_STAT, &ds) != 0) return -1;
      e.key = ds.shm_perm.__key;
      e.perms = ds.shm_perm.mode;
      e.uid = ds.shm_perm.uid, e.cuid = ds.shm_perm.cuid;
      e.gid = ds.shm_perm.gid, e.cgid = ds.shm_perm.cgid;
      e.size = ds.shm_segsz;
      e.cpid = ds.shm_cpid, e.lpid = ds.shm_lpid;
      e.nattch = ds.shm_nattch;
      e.atime = ds.shm_atime, e.dtime = ds.shm_dtime, e.ctime = ds.shm_ctime;
      return 0;
    }
    case kind::sysv_sem: {
      struct semid_ds ds;
      if (semctl(id, 0, IPC_STAT, &ds) != 0) return -1;
      e.key = ds.sem_perm.__key;
      e.perms = ds.sem_perm.mode;
      e.uid = ds.sem_perm.uid, e.cuid = ds.sem_perm.cuid;
      e.gid = ds.sem_perm.gid, e.cgid = ds.sem_perm.cgid;
      e.nsems = ds.sem_nsems;
      e.otime = ds.sem_otime, e.ctime = ds.sem_ctime;
      return 0;
    }
    case kind::sysv_msg: {
      struct msqid_ds ds;
      if (msgctl(id, IPC_STAT, &ds) != 0) return -1;
      e.key = ds.msg_perm.__key;
      e.perms = ds.msg_perm.mode;
      e.uid = ds.msg_perm.uid, e.cuid = ds.msg_perm.cuid;
      e.gid = ds.msg_perm.gid, e.cgid = ds.msg_perm.cgid;
      e.cbytes = ds.__msg_cbytes;
      e.qnum = ds.msg_qnum;
      e.lspid = ds.msg_lspid, e.lrpid = ds.msg_lrpid;
      e.stime = ds.msg_stime, e.rtime = ds.msg_rtime, e.ctime = ds.msg_ctime;
      return 0;
    }
    default:
      errno = EINVAL;
      return -1;
  }
}

// The kinds table's whole description of one object: by id or by name.
std::string describe_one(kind k, int id, const std::string& name) {
  object_selector sel;
  if (is_sysv(k)) {
    sel.kind = selector_kind::id;
    sel.id = id;
  } else {
    sel.kind = selector_kind::name;
    sel.name = name;
  }
  return describe(k, sel);
}

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char* s = nullptr;
  int n = vasprintf(&s, fmt, ap);
  va_end(ap);
  std::string out = n >= 0 ? s : "?";
  free(s);
  return out;
}

// ---- objects
// -----------------------------------------------------------------------

enum class verdict { in_use, orphan, unknown };

enum class outcome {
  none,  // not an orphan, or no --remove
  removed,
  gone,     // removed by someone else first: done all the same
  kept,     // the re-check found it changed or in use
  refused,  // not ours to remove (owner rule, system user)
  failed,
};

struct object {
  kind k;
  int id = -1;  // System V
  key_t key = 0;
  std::string name;  // POSIX: "/NAME"
  owner who;         // kinds.hh: owner and creator
  gid_t gid = 0;
  mode_t mode = 0;
  std::uint64_t size =
      0;  // bytes; semaphores in a set; a POSIX semaphore's value
  bool size_known = true;
  time_t last_use = 0;
  sysv_entry sysv;  // the scan's view, for the re-check
  file_id file;     // POSIX: matched against the processes' maps and fds
  struct stat identity {};  // POSIX: the scan's lstat, for the re-check
  pid_t notify_pid = 0;     // POSIX queues
  verdict v = verdict::unknown;
  std::vector<std::string> reasons;
  outcome result = outcome::none;
  std::string result_detail;
};

// ---- settings
// ------------------------------------------------------------------------

enum : int { option_older_than = CHAR_MAX + 1, option_remove };

const struct option long_options[] = {
    {"type", required_argument, nullptr, 't'},
    {"user", required_argument, nullptr, 'u'},
    {"key", required_argument, nullptr, 'k'},
    {"key-file", required_argument, nullptr, 'f'},
    {"proj", required_argument, nullptr, 'j'},
    {"id", required_argument, nullptr, 'i'},
    {"name", required_argument, nullptr, 'n'},
    {"older-than", required_argument, nullptr, option_older_than},
    {"remove", no_argument, nullptr, option_remove},
    {"json", no_argument, nullptr, 'J'},
    IPCUTIL_STANDARD_LONG_OPTIONS,
    {nullptr, 0, nullptr, 0},
};

struct settings {
  bool types[6] = {true, true, true, true, true, true};
  bool types_given = false;
  std::optional<uid_t> user;
  object_selector sel;
  kind sel_kind = kind::sysv_shm;
  duration older_than = std::chrono::hours(1);
  bool remove = false;
  bool json = false;
};

[[noreturn]] void usage(int status) {
  if (status != exit_ok) try_help();
  printf(_("Usage: %s [OPTION]...\n"), program_name());
  fputs(_("List the System V and POSIX IPC objects you can see, each with a "
          "verdict and\n"
          "the evidence for it: in-use, orphan (proven unused), or unknown "
          "(the proof\n"
          "needs what cannot be checked).  Nothing is removed unless --remove "
          "is given,\n"
          "and then only proven orphans.\n"),
        stdout);
  emit_mandatory_arguments_help();
  fputs(_("  -t, --type=LIST        only these kinds: a comma-separated list "
          "of msg,\n"
          "                           sem, shm (System V), pmsg, psem, pshm "
          "(POSIX);\n"
          "                           default all\n"
          "  -u, --user=USER        only objects owned or created by USER (a "
          "name or\n"
          "                           a uid); default: your own, or every "
          "user's for\n"
          "                           root\n"
          "  -k, --key=KEY          only the System V object with this key "
          "(needs\n"
          "                           one System V --type)\n"
          "  -f, --key-file=PATH    the key ftok(PATH, ID) makes, with -j, "
          "--proj=ID\n"
          "  -i, --id=ID            only the System V object with this id\n"
          "  -n, --name=/NAME       only the POSIX object with this name "
          "(needs one\n"
          "                           POSIX --type)\n"
          "      --older-than=DURATION\n"
          "                         never call an object an orphan if it was "
          "used\n"
          "                         less than DURATION ago (default 1h)\n"
          "      --remove           remove the orphans, re-checking each one "
          "first\n"
          "  -J, --json             print a JSON array instead of a table\n"),
        stdout);
  emit_standard_options_help();
  emit_values_help(help_key_id_mode | help_duration);
  fputs(
      _("\nAn object is an orphan only when nothing uses it: no process "
        "attached to it,\n"
        "maps it, holds it open or waits on it, every process recorded on it "
        "has\n"
        "exited (a reused pid is a newer process), and it has been idle for "
        "the\n"
        "--older-than time.  System V semaphore sets and message queues are "
        "also\n"
        "kept while a process of their user holds a segment of that user "
        "attached.\n"
        "As root, --remove leaves objects of uid 0 and of system users alone "
        "unless\n"
        "--user names them; other users remove only objects they both own and\n"
        "created.  A summary goes to standard error.\n"),
      stdout);
  fputs(_("\nExit status:\n"
          "  0  success\n"
          "  1  an object selected with --key, --id or --name does not exist, "
          "a table\n"
          "     could not be read, or a removal failed\n"
          "  2  bad option or argument\n"),
        stdout);
  emit_help_footer();
  exit(exit_ok);
}

std::size_t index(kind k) { return static_cast<std::size_t>(k); }

void parse_types(settings& s, const char* arg) {
  std::vector<std::string_view> items;
  if (!split_list(arg, items))
    die(exit_usage, 0, _("invalid type list: %s: empty item"), quote(arg));
  for (bool& t : s.types) t = false;
  for (std::string_view item : items) {
    bool found = false;
    for (kind k : all_kinds)
      if (item == type_name(k)) {
        s.types[index(k)] = true;
        found = true;
      }
    if (!found)
      die(exit_usage, 0,
          _("invalid type: %s: must be msg, sem, shm, pmsg, psem or pshm"),
          quote(item));
  }
  s.types_given = true;
}

uid_t parse_user(const char* arg) {
  if (struct passwd* pw = getpwnam(arg)) return pw->pw_uid;
  parse_result<std::uintmax_t> r = parse_uint(arg, 0, UINT32_MAX - 1);
  if (!r) die(exit_usage, 0, _("invalid user: %s"), quote(arg));
  return static_cast<uid_t>(r.value);
}

// ---- reading the objects
// ----------------------------------------------------------------

// Where the POSIX queues of this IPC namespace are: /dev/mqueue when it is
// an mqueue mount, else the last mqueue mount in this mount namespace.
std::string mqueue_directory() {
  constexpr long mqueue_magic = 0x19800202;
  struct statfs fs;
  if (statfs("/dev/mqueue", &fs) == 0 && fs.f_type == mqueue_magic)
    return "/dev/mqueue";
  std::string text, found;
  if (!read_file(AT_FDCWD, "/proc/self/mountinfo", text)) return found;
  // "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS... - FSTYPE SOURCE SUPEROPTS"
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line(text.data() + pos,
                          (nl == std::string::npos ? text.size() : nl) - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    std::size_t dash = line.find(" - mqueue ");
    if (dash == std::string_view::npos) continue;
    std::size_t f = 0;
    std::string_view field;
    for (int i = 0; i < 5; ++i) {
      std::size_t sp = line.find(' ', f);
      field = line.substr(f, sp - f);
      f = sp + 1;
    }
    // Octal escapes (\040 for a blank) in the mount point.
    std::string dir;
    for (std::size_t i = 0; i < field.size(); ++i) {
      if (field[i] == '\\' && i + 3 < field.size() + 0) {
        dir += static_cast<char>(((field[i + 1] - '0') << 6) |
                                 ((field[i + 2] - '0') << 3) |
                                 (field[i + 3] - '0'));
        i += 3;
      } else {
        dir += field[i];
      }
    }
    if (statfs(dir.c_str(), &fs) == 0 && fs.f_type == mqueue_magic) found = dir;
  }
  return found;
}

bool read_sysv(kind k, std::vector<object>& out) {
  const char* path = kind_of(k).proc_file;
  std::string text;
  std::vector<sysv_entry> rows;
  if (!read_file(AT_FDCWD, path, text)) {
    warn(errno, _("cannot read %s"), quote(path));
    return false;
  }
  sysv_table table = k == kind::sysv_msg   ? sysv_table::msg
                     : k == kind::sysv_sem ? sysv_table::sem
                                           : sysv_table::shm;
  if (!parse_sysvipc(text, table, rows)) {
    warn(0, _("cannot parse %s"), quote(path));
    return false;
  }
  out.reserve(out.size() + rows.size());
  for (const sysv_entry& e : rows) {
    object o;
    o.k = k;
    o.id = e.id;
    o.key = e.key;
    o.who = {e.uid, e.cuid};
    o.gid = e.gid;
    o.mode = e.perms & 0777;
    o.sysv = e;
    switch (k) {
      case kind::sysv_shm:
        o.size = e.size;
        o.last_use = std::max({e.atime, e.dtime, e.ctime});
        break;
      case kind::sysv_sem:
        o.size = e.nsems;
        o.last_use = std::max(e.otime, e.ctime);
        break;
      default:
        o.size = e.cbytes;
        o.last_use = std::max({e.stime, e.rtime, e.ctime});
        break;
    }
    out.push_back(std::move(o));
  }
  return true;
}

// The POSIX objects of kind K in DIR: /dev/shm holds shared memory objects
// and, as sem.NAME, named semaphores.
bool read_posix(kind k, const std::string& dir, std::vector<object>& out) {
  unique_fd dfd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dfd) {
    warn(errno, _("cannot read %s"), quote(dir));
    return false;
  }
  DIR* d = fdopendir(dfd.get());
  if (d == nullptr) {
    warn(errno, _("cannot read %s"), quote(dir));
    return false;
  }
  int fd = dfd.release();
  std::string status;
  // readdir reports an error only through errno: a listing cut short
  // must say so, not pass for the whole directory.
  for (errno = 0; struct dirent* e = readdir(d); errno = 0) {
    std::string_view n(e->d_name);
    if (n == "." || n == "..") continue;
    // Semaphores and shared memory share /dev/shm; glibc prefixes the
    // semaphores' files (kinds.hh).
    std::string_view sem_prefix = kind_of(kind::posix_sem).file_prefix;
    bool sem_file = n.size() > sem_prefix.size() &&
                    n.substr(0, sem_prefix.size()) == sem_prefix;
    if (k == kind::posix_sem && !sem_file) continue;
    if (k == kind::posix_shm && sem_file) continue;
    struct stat st;
    if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(st.st_mode))
      continue;
    object o;
    o.k = k;
    o.name = "/" + std::string(
                       k == kind::posix_sem ? n.substr(sem_prefix.size()) : n);
    o.who = owner_from(st);
    o.gid = st.st_gid;
    o.mode = st.st_mode & 0777;
    o.file = {st.st_dev, st.st_ino};
    o.identity = st;
    o.size = static_cast<std::uint64_t>(st.st_size);
    // Reading a queue's file stamps its atime and ctime; only sending and
    // receiving set its mtime.
    o.last_use = k == kind::posix_mq
                     ? st.st_mtim.tv_sec
                     : std::max({st.st_atim.tv_sec, st.st_mtim.tv_sec,
                                 st.st_ctim.tv_sec});
    if (k == kind::posix_mq) {
      mqueue_status mq;
      if (read_file(fd, e->d_name, status) && parse_mqueue_status(status, mq)) {
        o.size = mq.qsize;
        o.notify_pid = mq.notify_pid;
      } else {
        o.size_known = false;
      }
    } else if (k == kind::posix_sem) {
      // glibc keeps the value in the first 32 bits of the file.
      o.size_known = false;
      unique_fd sfd(openat(fd, e->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
      std::uint32_t value;
      if (sfd && pread(sfd.get(), &value, sizeof value, 0) == sizeof value) {
        o.size = value & 0x7fffffffu;
        o.size_known = true;
      }
    }
    out.push_back(std::move(o));
  }
  int err = errno;
  closedir(d);
  if (err != 0) {
    warn(err, _("cannot read %s"), quote(dir));
    return false;
  }
  return true;
}

// ---- evidence
// ----------------------------------------------------------------------------

// Slack between a process's start time (boot time plus clock ticks) and
// the seconds the kernel stamps on objects: a process that started within
// this of the last use may still be the one that used it.
constexpr double start_slack = 2.0;

struct pid_check {
  enum { gone, alive, reused } state;
  const process_info* p = nullptr;  // when alive and seen in the scan
};

class process_table {
 public:
  explicit process_table(std::vector<process_info> procs)
      : procs_(std::move(procs)) {}

  const std::vector<process_info>& all() const { return procs_; }

  // Whether PID is a live process that can have used an object last used
  // at LAST_USE.  A pid missing from the scan but known to kill() (hidden
  // by hidepid, or newer than the scan) counts as alive.
  pid_check check(pid_t pid, time_t last_use) const {
    auto it = std::lower_bound(
        procs_.begin(), procs_.end(), pid,
        [](const process_info& p, pid_t v) { return p.pid < v; });
    if (it != procs_.end() && it->pid == pid) {
      if (it->zombie) return {pid_check::gone};
      if (it->start > static_cast<double>(last_use) + start_slack)
        return {pid_check::reused, &*it};
      return {pid_check::alive, &*it};
    }
    // Root's scan saw every process; a pid missing from it belongs to no
    // process, or to one newer than the scan and so than the last use.
    // Others may miss processes that hidepid hides: ask kill(), once a pid.
    if (pid == self_ || euid_ == 0) return {pid_check::gone};
    auto [it2, fresh] = hidden_.try_emplace(pid, false);
    if (fresh) it2->second = !(kill(pid, 0) != 0 && errno == ESRCH);
    return {it2->second ? pid_check::alive : pid_check::gone};
  }

  const process_info* find(pid_t pid) const {
    auto it = std::lower_bound(
        procs_.begin(), procs_.end(), pid,
        [](const process_info& p, pid_t v) { return p.pid < v; });
    return it != procs_.end() && it->pid == pid ? &*it : nullptr;
  }

  // The uids of the processes whose details could not be read (all of
  // them when ONLY_UIDS is empty, else only those uids).
  std::set<uid_t> hidden_uids(const std::set<uid_t>& only_uids = {}) const {
    std::set<uid_t> out;
    for (const process_info& p : procs_)
      if (!p.inspected && !p.zombie &&
          (only_uids.empty() || only_uids.count(p.uid)))
        out.insert(p.uid);
    return out;
  }

 private:
  std::vector<process_info> procs_;
  pid_t self_ = getpid();
  uid_t euid_ = geteuid();
  mutable std::unordered_map<pid_t, bool> hidden_;  // pid -> kill() found it
};

std::string uid_list(const std::set<uid_t>& uids) {
  std::string s;
  for (uid_t u : uids) {
    if (!s.empty()) s += ", ";
    s += std::to_string(u);
  }
  return s;
}

std::string cannot_see(const std::set<uid_t>& uids) {
  return format(ngettext("cannot see the processes of uid %s",
                         "cannot see the processes of uids %s", uids.size()),
                uid_list(uids).c_str());
}

// "3s", "5m", "2h", "4d": the largest whole unit.
std::string idle_text(time_t seconds) {
  if (seconds < 0) seconds = 0;
  if (seconds < 60) return std::to_string(seconds) + "s";
  if (seconds < 3600) return std::to_string(seconds / 60) + "m";
  if (seconds < 86400) return std::to_string(seconds / 3600) + "h";
  return std::to_string(seconds / 86400) + "d";
}

struct judge {
  const settings& s;
  const process_table& procs;
  const std::vector<object>& segments;  // every System V segment seen
  time_t now;

  // ROLE is "creator", "last user", ... as a whole format per role.
  enum class role { creator, last_user, last_sender, last_receiver };

  // Adds the evidence about one recorded pid; true if it is alive.
  bool recorded_pid(object& o, role r, pid_t pid,
                    std::vector<std::string>& in_use,
                    std::vector<std::string>& gone) const {
    pid_check c = procs.check(pid, o.last_use);
    if (c.state == pid_check::alive) {
      const char* comm = c.p != nullptr ? c.p->comm.c_str() : "?";
      switch (r) {
        case role::creator:
          in_use.push_back(format(_("creator %d (%s) is alive"), pid, comm));
          break;
        case role::last_user:
          in_use.push_back(format(_("last user %d (%s) is alive"), pid, comm));
          break;
        case role::last_sender:
          in_use.push_back(
              format(_("last sender %d (%s) is alive"), pid, comm));
          break;
        case role::last_receiver:
          in_use.push_back(
              format(_("last receiver %d (%s) is alive"), pid, comm));
          break;
      }
      return true;
    }
    bool reused = c.state == pid_check::reused;
    switch (r) {
      case role::creator:
        gone.push_back(
            reused
                ? format(
                      _("creator %d is gone (pid reused by a newer process)"),
                      pid)
                : format(_("creator %d is gone"), pid));
        break;
      case role::last_user:
        gone.push_back(
            reused
                ? format(
                      _("last user %d is gone (pid reused by a newer process)"),
                      pid)
                : format(_("last user %d is gone"), pid));
        break;
      case role::last_sender:
        gone.push_back(reused ? format(_("last sender %d is gone (pid reused "
                                         "by a newer process)"),
                                       pid)
                              : format(_("last sender %d is gone"), pid));
        break;
      case role::last_receiver:
        gone.push_back(reused ? format(_("last receiver %d is gone (pid reused "
                                         "by a newer process)"),
                                       pid)
                              : format(_("last receiver %d is gone"), pid));
        break;
    }
    return false;
  }

  // The PostgreSQL rule for semaphore sets and queues: a live process of
  // the owner or creator uid that holds a segment of that uid attached.
  void segment_holders(const object& o, std::vector<std::string>& in_use,
                       std::vector<std::string>& unknown) const {
    std::set<uid_t> uids = {o.who.uid, o.who.cuid};
    for (const object& seg : segments) {
      if (seg.sysv.nattch == 0 ||
          !(uids.count(seg.who.uid) || uids.count(seg.who.cuid)))
        continue;
      bool seen = false;
      for (const process_info& p : procs.all()) {
        if (p.zombie ||
            !std::binary_search(p.shmids.begin(), p.shmids.end(), seg.id))
          continue;
        seen = true;
        if (uids.count(p.uid))
          in_use.push_back(format(_("pid %d (%s) of uid %u holds shared memory "
                                    "segment %d attached"),
                                  p.pid, p.comm.c_str(),
                                  static_cast<unsigned>(p.uid), seg.id));
      }
      if (!seen)
        unknown.push_back(format(_("shared memory segment %d of uid %u is "
                                   "attached by processes that cannot be seen"),
                                 seg.id, static_cast<unsigned>(seg.who.uid)));
    }
    std::set<uid_t> hidden = procs.hidden_uids(uids);
    if (!hidden.empty()) unknown.push_back(cannot_see(hidden));
  }

  void waiters(const object& o, bool is_msg,
               std::vector<std::string>& in_use) const {
    for (const process_info& p : procs.all())
      for (const blocked_call& call : p.blocked)
        if (sysv_id_waited_on(call, is_msg) == o.id) {
          in_use.push_back(
              format(_("pid %d (%s) waits on it"), p.pid, p.comm.c_str()));
          break;
        }
  }

  void decide(object& o, std::vector<std::string>& in_use,
              std::vector<std::string>& unknown,
              std::vector<std::string>& proof) const {
    time_t idle = now - o.last_use;
    if (!in_use.empty()) {
      o.v = verdict::in_use;
      o.reasons = std::move(in_use);
    } else if (!unknown.empty()) {
      o.v = verdict::unknown;
      o.reasons = std::move(unknown);
    } else if (std::chrono::seconds(idle < 0 ? 0 : idle) < s.older_than) {
      o.v = verdict::in_use;
      o.reasons.push_back(format(_("used %s ago, less than --older-than"),
                                 idle_text(idle).c_str()));
    } else {
      o.v = verdict::orphan;
      o.reasons = std::move(proof);
      o.reasons.push_back(format(_("idle %s"), idle_text(idle).c_str()));
    }
  }

  void shm(object& o) const {
    std::vector<std::string> in_use, unknown, proof;
    const sysv_entry& e = o.sysv;
    if (e.nattch > 0) {
      in_use.push_back(format(ngettext("%llu process attached",
                                       "%llu processes attached", e.nattch),
                              static_cast<unsigned long long>(e.nattch)));
      for (const process_info& p : procs.all())
        if (std::binary_search(p.shmids.begin(), p.shmids.end(), o.id))
          in_use.push_back(
              format(_("pid %d (%s) maps it"), p.pid, p.comm.c_str()));
    } else {
      proof.push_back(_("not attached"));
      if (e.cpid == 0)
        unknown.push_back(_("creator unknown"));
      else
        recorded_pid(o, role::creator, e.cpid, in_use, proof);
      if (e.lpid != 0 && e.lpid != e.cpid)
        recorded_pid(o, role::last_user, e.lpid, in_use, proof);
    }
    decide(o, in_use, unknown, proof);
  }

  void sem(object& o) const {
    std::vector<std::string> in_use, unknown, proof;
    std::set<pid_t> pids;
    unsigned long long waiting = 0;
    bool readable = true;
    for (std::uint64_t i = 0; i < o.sysv.nsems && readable; ++i) {
      int sn = static_cast<int>(i);
      int ncnt = semctl(o.id, sn, GETNCNT), zcnt = semctl(o.id, sn, GETZCNT),
          pid = semctl(o.id, sn, GETPID);
      if (ncnt < 0 || zcnt < 0 || pid < 0) {
        unknown.push_back(
            format(_("cannot read its semaphores: %s"), strerror(errno)));
        readable = false;
        break;
      }
      waiting += static_cast<unsigned long long>(ncnt) +
                 static_cast<unsigned long long>(zcnt);
      if (pid > 0) pids.insert(pid);
    }
    if (waiting > 0)
      in_use.push_back(format(ngettext("%llu process waits on it",
                                       "%llu processes wait on it", waiting),
                              waiting));
    waiters(o, false, in_use);
    if (readable) {
      if (waiting == 0) proof.push_back(_("nobody waits on it"));
      if (pids.empty())
        unknown.push_back(_("never operated on; creator unknown"));
      for (pid_t pid : pids)
        recorded_pid(o, role::last_user, pid, in_use, proof);
    }
    segment_holders(o, in_use, unknown);
    decide(o, in_use, unknown, proof);
  }

  void msg(object& o) const {
    std::vector<std::string> in_use, unknown, proof;
    const sysv_entry& e = o.sysv;
    waiters(o, true, in_use);
    std::set<uid_t> hidden = procs.hidden_uids();
    if (!hidden.empty())
      unknown.push_back(cannot_see(hidden));
    else
      proof.push_back(_("nobody waits on it"));
    if (e.lspid == 0 && e.lrpid == 0)
      unknown.push_back(_("never operated on; creator unknown"));
    if (e.lspid != 0)
      recorded_pid(o, role::last_sender, e.lspid, in_use, proof);
    if (e.lrpid != 0)
      recorded_pid(o, role::last_receiver, e.lrpid, in_use, proof);
    if (e.qnum > 0)
      proof.push_back(
          format(ngettext("holds %llu message (%llu bytes)",
                          "holds %llu messages (%llu bytes)", e.qnum),
                 static_cast<unsigned long long>(e.qnum),
                 static_cast<unsigned long long>(e.cbytes)));
    segment_holders(o, in_use, unknown);
    decide(o, in_use, unknown, proof);
  }

  void posix(object& o) const {
    std::vector<std::string> in_use, unknown, proof;
    for (const process_info& p : procs.all()) {
      if (p.zombie) continue;
      if (std::binary_search(p.mapped.begin(), p.mapped.end(), o.file))
        in_use.push_back(
            format(_("pid %d (%s) maps it"), p.pid, p.comm.c_str()));
      else if (std::binary_search(p.open.begin(), p.open.end(), o.file))
        in_use.push_back(
            format(_("pid %d (%s) holds it open"), p.pid, p.comm.c_str()));
    }
    if (o.notify_pid != 0)
      in_use.push_back(
          format(_("pid %d is registered for notification"), o.notify_pid));
    std::set<uid_t> hidden = procs.hidden_uids();
    if (!hidden.empty()) unknown.push_back(cannot_see(hidden));
    proof.push_back(o.k == kind::posix_mq ? _("not open")
                                          : _("not mapped or open"));
    if (o.k == kind::posix_mq && o.size > 0)
      proof.push_back(format(_("holds %llu bytes"),
                             static_cast<unsigned long long>(o.size)));
    decide(o, in_use, unknown, proof);
  }

  void operator()(object& o) const {
    switch (o.k) {
      case kind::sysv_shm:
        shm(o);
        break;
      case kind::sysv_sem:
        sem(o);
        break;
      case kind::sysv_msg:
        msg(o);
        break;
      default:
        posix(o);
        break;
    }
  }
};

// ---- removal
// -----------------------------------------------------------------------------

// The login range of /etc/login.defs: uids outside it are system users.
std::pair<uid_t, uid_t> login_range() {
  uid_t lo = 1000, hi = 60000;
  std::string text;
  if (read_file(AT_FDCWD, "/etc/login.defs", text)) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      std::string line = text.substr(
          pos, nl == std::string::npos ? std::string::npos : nl - pos);
      pos = nl == std::string::npos ? text.size() : nl + 1;
      unsigned long v;
      char name[16];
      if (sscanf(line.c_str(), " %15s %lu", name, &v) == 2) {
        if (strcmp(name, "UID_MIN") == 0)
          lo = static_cast<uid_t>(v);
        else if (strcmp(name, "UID_MAX") == 0)
          hi = static_cast<uid_t>(v);
      }
    }
  }
  return {lo, hi};
}

class remover {
 public:
  remover(const settings& s, const std::string& mqdir)
      : s_(s), mqdir_(mqdir), login_range_(login_range()) {}

  void operator()(object& o) {
    object_ref ref;
    ref.kind = o.k;
    ref.id = o.id;
    ref.name = o.name;
    ref.identity = o.identity;
    ref.description = describe_one(o.k, o.id, o.name);
    // Others: remove_if_owned's rule (uid == cuid == euid).  Root: owner
    // and creator must agree, and be no system user unless --user said so.
    bool as_root = euid_ == 0;
    if (as_root ? !root_may_remove(o, ref.description)
                : !ours(o, ref.description))
      return;
    std::string why;
    remove_result r =
        remove_if_owned(ref, as_root, [&] { return why = recheck(o); });
    switch (r) {
      case remove_result::removed:
        o.result = outcome::removed;
        if (!s_.json) printf(_("removed: %s\n"), ref.description.c_str());
        break;
      case remove_result::gone:
        o.result = outcome::gone;
        break;
      case remove_result::foreign:
        o.result = outcome::refused;
        break;
      case remove_result::replaced:
      case remove_result::refused:
        o.result = outcome::kept;
        o.result_detail = why;
        break;
      case remove_result::failed:
        o.result = outcome::failed;
        o.result_detail = strerror(errno);
        break;
    }
  }

 private:
  // The owner rule on the scan's owner first: remove_if_owned's IPC_STAT
  // of another user's 0600 object would fail with EACCES, a failure where
  // this is only a refusal.  Its messages, for the same case.
  bool ours(object& o, const std::string& desc) {
    if (is_ours(o.who)) return true;
    o.result = outcome::refused;
    if (o.who.uid != euid_)
      warn(0, _("not removing %s: it belongs to uid %lu"), desc.c_str(),
           static_cast<unsigned long>(o.who.uid));
    else
      warn(0, _("not removing %s: it was created by uid %lu"), desc.c_str(),
           static_cast<unsigned long>(o.who.cuid));
    return false;
  }

  bool root_may_remove(object& o, const std::string& desc) {
    std::string why;
    auto [lo, hi] = login_range_;
    if (o.who.uid != o.who.cuid)
      why = format(_("owned by uid %u but created by uid %u"),
                   static_cast<unsigned>(o.who.uid),
                   static_cast<unsigned>(o.who.cuid));
    else if (!s_.user && (o.who.uid < lo || o.who.uid > hi))
      why =
          format(_("uid %u is a system user; name it with --user to remove it"),
                 static_cast<unsigned>(o.who.uid));
    if (why.empty()) return true;
    o.result = outcome::refused;
    o.result_detail = why;
    warn(0, _("not removing %s: %s"), desc.c_str(), why.c_str());
    return false;
  }

  // The proof once more, right before the removal: why not to remove O
  // now, or nothing.
  std::string recheck(const object& o) {
    return is_sysv(o.k) ? recheck_sysv(o) : recheck_posix(o);
  }

  std::string recheck_sysv(const object& o) {
    sysv_entry f;
    if (stat_entry(o.k, o.id, f) != 0)
      return {};  // gone: the removal finds out and counts it as done
    const sysv_entry& e = o.sysv;
    if (o.k == kind::sysv_shm && f.nattch > 0)
      return _("attached since the scan");
    if (o.k == kind::sysv_sem) {
      for (std::uint64_t i = 0; i < f.nsems; ++i) {
        int sn = static_cast<int>(i);
        if (semctl(o.id, sn, GETNCNT) != 0 || semctl(o.id, sn, GETZCNT) != 0)
          return _("waited on since the scan");
      }
    }
    bool same = f.key == e.key && f.uid == e.uid && f.cuid == e.cuid &&
                f.ctime == e.ctime;
    switch (o.k) {
      case kind::sysv_shm:
        same = same && f.atime == e.atime && f.dtime == e.dtime &&
               f.cpid == e.cpid && f.lpid == e.lpid;
        break;
      case kind::sysv_sem:
        same = same && f.otime == e.otime && f.nsems == e.nsems;
        break;
      default:
        same = same && f.stime == e.stime && f.rtime == e.rtime &&
               f.qnum == e.qnum && f.lspid == e.lspid && f.lrpid == e.lrpid;
        break;
    }
    return same ? std::string() : _("used or changed since the scan");
  }

  // A fresh look at the processes, once, before the first POSIX removal.
  const std::vector<process_info>* fresh_processes() {
    if (!fresh_done_) {
      scan_request what;
      what.maps = what.fds = true;
      fresh_ok_ = scan_processes(what, fresh_);
      fresh_done_ = true;
    }
    return fresh_ok_ ? &fresh_ : nullptr;
  }

  std::string recheck_posix(const object& o) {
    // remove_if_owned has checked that the name is still this inode.
    std::string path = o.k == kind::posix_mq
                           ? mqdir_ + o.name
                           : std::string(kind_of(o.k).directory) + "/" +
                                 kind_of(o.k).file_prefix + o.name.substr(1);
    struct stat st;
    if (lstat(path.c_str(), &st) != 0)
      return errno == ENOENT ? std::string()
                             : _("used or changed since the scan");
    if (file_id{st.st_dev, st.st_ino} != o.file ||
        st.st_mtim.tv_sec != o.identity.st_mtim.tv_sec ||
        st.st_mtim.tv_nsec != o.identity.st_mtim.tv_nsec)
      return _("used or changed since the scan");
    const std::vector<process_info>* procs = fresh_processes();
    if (procs == nullptr) return _("the processes could not be scanned again");
    for (const process_info& p : *procs) {
      if (p.zombie) continue;
      if (!p.inspected ||
          std::binary_search(p.mapped.begin(), p.mapped.end(), o.file) ||
          std::binary_search(p.open.begin(), p.open.end(), o.file))
        return _("used or changed since the scan");
    }
    if (o.k == kind::posix_mq) {
      std::string text;
      mqueue_status mq;
      if (!read_file(AT_FDCWD, path.c_str(), text) ||
          !parse_mqueue_status(text, mq) || mq.notify_pid != 0)
        return _("used or changed since the scan");
    }
    return {};
  }

  const settings& s_;
  std::string mqdir_;
  std::pair<uid_t, uid_t> login_range_;
  uid_t euid_ = geteuid();
  std::vector<process_info> fresh_;
  bool fresh_done_ = false, fresh_ok_ = false;
};

// ---- output
// ------------------------------------------------------------------------------

const char* verdict_key(verdict v) {
  switch (v) {
    case verdict::in_use:
      return "in-use";
    case verdict::orphan:
      return "orphan";
    default:
      return "unknown";
  }
}

const char* verdict_text(verdict v) {
  switch (v) {
    case verdict::in_use:
      return _("in-use");
    case verdict::orphan:
      return _("orphan");
    default:
      return _("unknown");
  }
}

class user_names {
 public:
  const std::string& operator()(uid_t uid) {
    auto it = names_.find(uid);
    if (it != names_.end()) return it->second;
    struct passwd* pw = getpwuid(uid);
    return names_[uid] = pw != nullptr ? pw->pw_name : std::to_string(uid);
  }

 private:
  std::unordered_map<uid_t, std::string> names_;
};

std::string key_text(key_t key) {
  char buf[16];
  snprintf(buf, sizeof buf, "0x%08x", static_cast<unsigned>(key));
  return buf;
}

// Columns S takes on a terminal in the current locale (Korean headers and
// verdicts are two columns a character); an undecodable byte counts as one.
std::size_t width(const std::string& s) {
  if (std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; }))
    return s.size();
  std::size_t n = 0;
  mbstate_t st{};
  for (std::size_t i = 0; i < s.size();) {
    wchar_t wc;
    std::size_t len = mbrtowc(&wc, s.data() + i, s.size() - i, &st);
    if (len == static_cast<std::size_t>(-1) ||
        len == static_cast<std::size_t>(-2) || len == 0) {
      st = mbstate_t{};
      ++n;
      ++i;
      continue;
    }
    int w = wcwidth(wc);
    n += w > 0 ? static_cast<std::size_t>(w) : 0;
    i += len;
  }
  return n;
}

void print_table(const std::vector<object>& objects, time_t now,
                 user_names& names) {
  if (objects.empty()) return;
  enum {
    c_type,
    c_id,
    c_key,
    c_owner,
    c_size,
    c_idle,
    c_verdict,
    c_reason,
    ncols
  };
  std::vector<std::array<std::string, ncols>> rows;
  rows.reserve(objects.size() + 1);
  rows.push_back({_("TYPE"), _("ID"), _("KEY"), _("OWNER"), _("SIZE"),
                  _("IDLE"), _("VERDICT"), _("REASON")});
  for (const object& o : objects) {
    std::string reason;
    for (const std::string& r : o.reasons) {
      if (!reason.empty()) reason += "; ";
      reason += r;
    }
    rows.push_back(
        {type_name(o.k),
         is_sysv(o.k) ? std::to_string(o.id) : std::string(quote(o.name)),
         is_sysv(o.k) ? key_text(o.key) : "-", names(o.who.uid),
         o.size_known ? std::to_string(o.size) : "-",
         idle_text(now - o.last_use), verdict_text(o.v), reason});
  }
  std::size_t w[ncols] = {};
  for (const auto& r : rows)
    for (int c = 0; c < ncols - 1; ++c) w[c] = std::max(w[c], width(r[c]));
  std::string line;
  for (const auto& r : rows) {
    line.clear();
    for (int c = 0; c < ncols; ++c) {
      // Numbers right-aligned, text left-aligned, as lsipc does.
      bool right = c == c_id || c == c_size || c == c_idle;
      std::size_t pad = c == ncols - 1 ? 0 : w[c] - width(r[c]);
      if (right) line.append(pad, ' ');
      line += r[c];
      if (c < ncols - 1) {
        if (!right) line.append(pad, ' ');
        line += ' ';
      }
    }
    line += '\n';
    if (fputs(line.c_str(), stdout) == EOF) write_error(errno);
  }
}

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      // Valid UTF-8 passes; any other byte becomes U+FFFD, so the output
      // always parses.
      std::size_t len = c >= 0xf0 && c < 0xf5   ? 4
                        : c >= 0xe0             ? 3
                        : c >= 0xc2 && c < 0xe0 ? 2
                                                : 0;
      bool ok = len > 0 && c < 0xf5 && i + len <= s.size();
      for (std::size_t j = 1; ok && j < len; ++j)
        ok = (static_cast<unsigned char>(s[i + j]) & 0xc0) == 0x80;
      if (ok) {
        out.append(s.substr(i, len));
        i += len - 1;
      } else {
        out += "\\ufffd";
      }
    }
  }
  out += '"';
}

std::string iso_time(time_t t) {
  struct tm tm;
  char buf[32];
  if (gmtime_r(&t, &tm) == nullptr ||
      strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
    return "";
  return buf;
}

void print_json(const std::vector<object>& objects, time_t now,
                user_names& names, bool removing) {
  std::string out = "[";
  auto num = [&](const char* field, auto value) {
    out += ",\"";
    out += field;
    out += "\":";
    out += std::to_string(value);
  };
  auto str = [&](const char* field, std::string_view value) {
    out += ",\"";
    out += field;
    out += "\":";
    json_string(out, value);
  };
  auto null = [&](const char* field) {
    out += ",\"";
    out += field;
    out += "\":null";
  };
  bool first = true;
  for (const object& o : objects) {
    out += first ? "\n  {" : ",\n  {";
    first = false;
    out += "\"type\":";
    json_string(out, type_name(o.k));
    if (is_sysv(o.k)) {
      num("id", o.id);
      num("key", static_cast<std::uint32_t>(o.key));
      null("name");
    } else {
      null("id");
      null("key");
      str("name", o.name);
    }
    str("owner", names(o.who.uid));
    num("uid", o.who.uid);
    num("cuid", o.who.cuid);
    num("gid", o.gid);
    num("mode", o.mode);
    switch (o.k) {
      case kind::sysv_shm:
        num("size", o.size);
        num("nattch", o.sysv.nattch);
        num("cpid", o.sysv.cpid);
        num("lpid", o.sysv.lpid);
        break;
      case kind::sysv_sem:
        num("nsems", o.sysv.nsems);
        break;
      case kind::sysv_msg:
        num("messages", o.sysv.qnum);
        num("bytes", o.sysv.cbytes);
        num("lspid", o.sysv.lspid);
        num("lrpid", o.sysv.lrpid);
        break;
      case kind::posix_shm:
        num("size", o.size);
        break;
      case kind::posix_sem:
        if (o.size_known)
          num("value", o.size);
        else
          null("value");
        break;
      case kind::posix_mq:
        if (o.size_known)
          num("bytes", o.size);
        else
          null("bytes");
        num("notify_pid", o.notify_pid);
        break;
    }
    str("last_use", iso_time(o.last_use));
    num("idle", static_cast<long long>(std::max<time_t>(0, now - o.last_use)));
    str("verdict", verdict_key(o.v));
    out += ",\"reasons\":[";
    for (std::size_t i = 0; i < o.reasons.size(); ++i) {
      if (i > 0) out += ',';
      json_string(out, o.reasons[i]);
    }
    out += ']';
    if (removing) {
      switch (o.result) {
        case outcome::none:
          null("removal");
          break;
        case outcome::removed:
          str("removal", "removed");
          break;
        case outcome::gone:
          str("removal", "already gone");
          break;
        case outcome::kept:
          str("removal", "kept");
          break;
        case outcome::refused:
          str("removal", "refused");
          break;
        case outcome::failed:
          str("removal", "failed");
          break;
      }
      if (!o.result_detail.empty()) str("removal_reason", o.result_detail);
    }
    out += '}';
  }
  out += first ? "]\n" : "\n]\n";
  if (fputs(out.c_str(), stdout) == EOF) write_error(errno);
}

// ---- the steps of main
// ---------------------------------------------------------------

settings parse_options(int argc, char** argv) {
  settings s;

  int c;
  while ((c = getopt_long(argc, argv, "t:u:k:f:j:i:n:J", long_options,
                          nullptr)) != -1) {
    if (c != 't' && c != 'u' && take_selector_option(s.sel, c, optarg))
      continue;
    switch (c) {
      case 't':
        parse_types(s, optarg);
        break;
      case 'u':
        s.user = parse_user(optarg);
        break;
      case option_older_than:
        s.older_than = xparse_duration(optarg, _("invalid duration"));
        break;
      case option_remove:
        s.remove = true;
        break;
      case 'J':
        s.json = true;
        break;
      default:
        standard_option(c, usage);
    }
  }
  if (optind < argc) usage_error(_("extra operand %s"), quote(argv[optind]));

  // One object: exactly one --type, of the selector's family.
  if (s.sel.kind != selector_kind::none) {
    finish_selector(s.sel);
    int n = 0;
    for (kind k : all_kinds)
      if (s.types_given && s.types[index(k)]) {
        ++n;
        s.sel_kind = k;
      }
    if (n != 1 || is_sysv(s.sel_kind) == s.sel.posix())
      usage_error(s.sel.posix()
                      ? _("option --name needs --type=pmsg, psem or pshm")
                      : _("option %s needs --type=msg, sem or shm"),
                  s.sel.first_option);
    if (s.sel.posix()) check_name_for_kind(s.sel_kind, s.sel.name);
    if (s.sel.kind == selector_kind::key_file && !resolve_key(s.sel))
      exit(exit_failure);
  }
  return s;
}

// Every table once: the objects of the kinds asked for, and every attached
// segment for the PostgreSQL rule (read even when --type left segments
// out, and before the selection drops any).  False if a table could not
// be read (diagnosed); what could be read is kept.
bool read_objects(const settings& s, std::vector<object>& objects,
                  std::vector<object>& segments, std::string& mqdir) {
  bool ok = true;
  for (kind k : all_kinds) {
    if (!s.types[index(k)]) continue;
    if (is_sysv(k)) {
      if (!read_sysv(k, objects)) ok = false;
    } else if (k == kind::posix_mq) {
      mqdir = mqueue_directory();
      if (!mqdir.empty()) {
        if (!read_posix(k, mqdir, objects)) ok = false;
      } else if (s.types_given) {
        warn(0, _("no mqueue file system is mounted: cannot list POSIX message "
                  "queues"));
        ok = false;
      }
    } else if (!read_posix(k, kind_of(k).directory, objects)) {
      ok = false;
    }
  }

  if ((s.types[index(kind::sysv_sem)] || s.types[index(kind::sysv_msg)]) &&
      !s.types[index(kind::sysv_shm)] && !read_sysv(kind::sysv_shm, segments))
    ok = false;
  std::erase_if(segments, [](const object& o) { return o.sysv.nattch == 0; });
  for (const object& o : objects)
    if (o.k == kind::sysv_shm && o.sysv.nattch > 0) segments.push_back(o);
  return ok;
}

// --user, or the one object of -k/-f/-i/-n (status 1 when it does not
// exist and every table was read).
void select_objects(const settings& s, std::vector<object>& objects,
                    bool complete) {
  uid_t me = geteuid();
  std::optional<uid_t> user = s.user;
  if (!user && me != 0) user = me;
  std::erase_if(objects, [&](const object& o) {
    if (s.sel.kind == selector_kind::none)
      return user && o.who.uid != *user && o.who.cuid != *user;
    if (o.k != s.sel_kind) return true;
    switch (s.sel.kind) {
      case selector_kind::name:
        return o.name != s.sel.name;
      case selector_kind::id:
        return o.id != s.sel.id;
      default:
        return o.key != s.sel.key;
    }
  });
  if (s.sel.kind != selector_kind::none && objects.empty() && complete) {
    std::string what = describe(s.sel_kind, s.sel);
    die(exit_failure, 0, _("%s does not exist"), what.c_str());
  }
}

// The one scan of the processes, reading only what the objects need.
process_table scan_for(const std::vector<object>& objects,
                       const std::vector<object>& segments) {
  scan_request what;
  for (const object& o : objects) {
    if (!is_sysv(o.k)) {
      what.maps = what.fds = true;
    } else if (o.k != kind::sysv_shm) {
      what.syscalls = true;
      if (!segments.empty()) what.maps = true;
    } else if (o.sysv.nattch > 0) {
      what.maps = true;
    }
  }
  std::vector<process_info> scanned;
  if (!scan_processes(what, scanned))
    die(exit_failure, errno, _("cannot scan %s"), quote("/proc"));
  return process_table(std::move(scanned));
}

// --remove: each orphan, re-checked; false if a removal failed.
bool remove_orphans(const settings& s, const std::string& mqdir,
                    std::vector<object>& objects, std::size_t& removed) {
  bool ok = true;
  remover remove(s, mqdir);
  for (object& o : objects) {
    if (o.v != verdict::orphan) continue;
    remove(o);
    if (o.result == outcome::removed || o.result == outcome::gone) ++removed;
    if (o.result == outcome::failed) ok = false;
  }
  return ok;
}

void print_summary(const std::vector<object>& objects, bool removing,
                   std::size_t removed) {
  std::size_t counts[3] = {};
  for (const object& o : objects) ++counts[static_cast<int>(o.v)];
  std::size_t total = objects.size();
  fprintf(stderr, "%s: ", program_name());
  fprintf(stderr,
          ngettext("%zu object: %zu in use, %zu orphaned, %zu unknown",
                   "%zu objects: %zu in use, %zu orphaned, %zu unknown", total),
          total, counts[0], counts[1], counts[2]);
  if (removing)
    fprintf(stderr,
            ngettext("; %zu of %zu orphan removed",
                     "; %zu of %zu orphans removed", counts[1]),
            removed, counts[1]);
  fputc('\n', stderr);
}

}  // namespace

int main(int argc, char** argv) {
  initialize_program(argc, argv);
  settings s = parse_options(argc, argv);

  std::vector<object> objects, segments;
  std::string mqdir;
  bool ok = read_objects(s, objects, segments, mqdir);
  select_objects(s, objects, ok);
  process_table procs = scan_for(objects, segments);

  time_t now = time(nullptr);
  judge j{s, procs, segments, now};
  for (object& o : objects) j(o);
  std::stable_sort(objects.begin(), objects.end(),
                   [](const object& a, const object& b) {
                     if (a.k != b.k) return a.k < b.k;
                     return is_sysv(a.k) ? a.id < b.id : a.name < b.name;
                   });

  user_names names;
  if (!s.json) print_table(objects, now, names);
  flush_stdout();
  std::size_t removed = 0;
  if (s.remove && !remove_orphans(s, mqdir, objects, removed)) ok = false;
  if (s.json) print_json(objects, now, names, s.remove);
  flush_stdout();
  print_summary(objects, s.remove, removed);
  return ok ? exit_ok : exit_failure;
}
