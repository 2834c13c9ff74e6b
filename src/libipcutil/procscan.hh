// Reading what the kernel says about IPC objects and processes through
// /proc: the /proc/sysvipc tables, /proc/PID/stat, /proc/stat's btime,
// /proc/PID/maps, /proc/PID/syscall and the status line of a POSIX
// message queue file.  The parse_* functions are pure functions over the
// text (so they can be tested and fuzzed from strings); scan_processes()
// and the read_* functions do the I/O.  Nothing here throws or exits.
#pragma once
#include <sys/types.h>
#include <time.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcutil {

// ---- /proc/sysvipc/{msg,sem,shm}
// ---------------------------------------------

// One row of /proc/sysvipc/shm, sem or msg.  Columns are found by their
// header names, so a kernel that adds columns (shm gained rss and swap)
// still parses; a field a table lacks stays 0.
struct sysv_entry {
  key_t key = 0;
  int id = -1;
  mode_t perms = 0;  // the table prints it in octal
  uid_t uid = 0, cuid = 0;
  gid_t gid = 0, cgid = 0;
  time_t ctime = 0;  // creation or last IPC_SET
  // shm
  std::uint64_t size = 0;
  pid_t cpid = 0, lpid = 0;
  std::uint64_t nattch = 0;
  time_t atime = 0, dtime = 0;
  // sem
  std::uint64_t nsems = 0;
  time_t otime = 0;
  // msg
  std::uint64_t cbytes = 0, qnum = 0;
  pid_t lspid = 0, lrpid = 0;
  time_t stime = 0, rtime = 0;
};

enum class sysv_table { msg, sem, shm };

// Parses the whole text of one /proc/sysvipc file.  False when the header
// lacks a column the table must have or a row is malformed (OUT then holds
// the rows before it).
bool parse_sysvipc(std::string_view text, sysv_table table,
                   std::vector<sysv_entry>& out);

// ---- /proc/PID/stat and /proc/stat
// --------------------------------------------

struct proc_stat {
  pid_t pid = 0;
  std::string comm;         // without the parentheses; may hold ')' and blanks
  char state = '?';         // R, S, D, Z, X, t, ...
  unsigned long flags = 0;  // PF_* (PF_KTHREAD: a kernel thread)
  std::uint64_t starttime = 0;  // clock ticks after boot
  long num_threads = 0;
};

// Parses /proc/PID/stat.  The command name is everything between the first
// '(' and the last ')', whatever it contains.
bool parse_proc_stat(std::string_view text, proc_stat& out);

// The "btime SECONDS" line of /proc/stat: the boot time, seconds since the
// Epoch.
std::optional<time_t> parse_btime(std::string_view proc_stat_text);

// ---- /proc/PID/maps
// ------------------------------------------------------------

struct maps_line {
  dev_t dev = 0;
  ino_t ino = 0;
  std::string_view path;  // into the parsed text; may be empty
};

// Parses one line of /proc/PID/maps (without its newline):
// "start-end perms offset major:minor inode   path".
bool parse_maps_line(std::string_view line, maps_line& out);

// A System V segment shows in maps as "/SYSV%08x (deleted)", with the
// segment's id as its inode number: the id, or -1 for any other line.
int sysv_shmid_of_map(const maps_line& line);

// ---- /proc/PID/syscall
// ------------------------------------------------------------

struct blocked_call {
  long nr = -1;            // the system call number
  unsigned long arg1 = 0;  // its first argument
};

// Parses /proc/PID/syscall: "NR ARG1 ... SP PC" for a task blocked in a
// system call; nothing for "running" or "-1 SP PC" (blocked outside one).
std::optional<blocked_call> parse_syscall(std::string_view text);

// The System V id a blocked call waits on, if the call is msgrcv or msgsnd
// (IS_MSG) or semop or semtimedop (!IS_MSG); -1 otherwise.
int sysv_id_waited_on(const blocked_call& call, bool is_msg);

// ---- POSIX message queue files
// ------------------------------------------------------

struct mqueue_status {
  std::uint64_t qsize = 0;  // bytes queued
  int notify = 0;
  int signo = 0;
  pid_t notify_pid = 0;  // registered for notification, or 0
};

// Parses the one line read from a file under an mqueue mount:
// "QSIZE:0          NOTIFY:0     SIGNO:0     NOTIFY_PID:0".
bool parse_mqueue_status(std::string_view text, mqueue_status& out);

// ---- I/O
// -----------------------------------------------------------------------

// Reads all of PATH (relative to DIRFD when not AT_FDCWD) into OUT.  False
// with errno set.
bool read_file(int dirfd, const char* path, std::string& out);

// A device and inode: how a POSIX object and the processes using it are
// matched, whatever path each one sees.
struct file_id {
  dev_t dev = 0;
  ino_t ino = 0;
  friend bool operator==(const file_id&, const file_id&) = default;
  friend auto operator<=>(const file_id&, const file_id&) = default;
};

// What scan_processes() reads for each process beyond its stat line.
struct scan_request {
  bool maps = false;      // mapped files and attached System V segments
  bool fds = false;       // open files
  bool syscalls = false;  // the system call each thread is blocked in
};

struct process_info {
  pid_t pid = 0;
  std::string comm;
  uid_t uid = 0;                      // owner of /proc/PID: the effective uid
  double start = 0;                   // seconds since the Epoch
  bool zombie = false;                // exited, not yet reaped: uses nothing
  bool inspected = true;              // every part asked for could be read
  std::vector<int> shmids;            // attached System V segments
  std::vector<file_id> mapped;        // mapped files (POSIX shm, sem.NAME)
  std::vector<file_id> open;          // open files (POSIX shm and queues)
  std::vector<blocked_call> blocked;  // one per thread blocked in a call
};

// One pass over /proc: every process but this one, sorted by pid.  A
// process that exits during the scan is left out.  False with errno when
// /proc itself cannot be read.
bool scan_processes(const scan_request& what, std::vector<process_info>& out);

// Seconds since the Epoch at which the process with stat line ST started,
// given the boot time.
double process_start(const proc_stat& st, time_t btime);

}  // namespace ipcutil
