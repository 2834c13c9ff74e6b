// One interface over System V segments and POSIX shared memory objects, for
// shmput and shmget: open or create (with the object selector), attach,
// copy straight between a descriptor and the segment, remove.
//
// System V segments are attached with shmat (SHM_RDONLY for readers).
// Data moves between the attachment and a small buffer with
// process_vm_readv/writev on ourselves, so the kernel reaches the pages
// and this process takes no page fault per page of its new attachment
// (the cost that made a steady-state copy several times slower than
// cat | cat; bench/shm); plain copies where the kernel refuses that.
// A System V segment never changes size, so touching it cannot fault.
// From 4 MiB on, a second thread reads the input ahead while the first
// copies into the segment, so the two copies overlap.
// Where the segment can be opened as a file (a POSIX object always; a
// System V segment through /proc/self/map_files, which the kernel allows
// to CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE only), big copies are one
// sendfile() between that file and the other descriptor: one copy in the
// kernel, no buffer and no mapping touched.  When sendfile fails, the
// buffered copy takes over from where it stopped and reports the error.
//
// A POSIX object is a tmpfs file that anyone with write access may shrink
// with ftruncate at any time; touching a mapped page past the new end
// would kill us with SIGBUS.  So user space never touches a POSIX
// mapping: a writer maps it and lets read() fill it (the kernel reports a
// vanished page as EFAULT, not as a signal), and writes our own bytes
// with pwrite(); a reader uses pread() on the descriptor.  A short pread
// or an EFAULT is reported as "shrunk".
#pragma once
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "libipcutil/fd.hh"
#include "libipcutil/kinds.hh"
#include "libipcutil/object.hh"

namespace ipcutil {

// kernel.shmmax: the largest System V segment, in bytes.
std::uint64_t sysv_shm_max();
// kernel.shm_rmid_forced: when 1, a segment that no process has attached
// is removed as soon as its creator exits.
bool sysv_shm_rmid_forced();
// Bytes that /dev/shm (where POSIX objects live) can still take, from
// statvfs; UINT64_MAX when unknown.
std::uint64_t posix_shm_room();

enum class shm_access { read, write };

enum class shm_status {
  ok,
  shrunk,        // POSIX: the object became shorter than the range
  read_failed,   // reading the input (or the POSIX object) failed: errno
  write_failed,  // writing the output (or the POSIX object) failed: errno
};

class shared_memory {
 public:
  shared_memory() = default;
  ~shared_memory();
  shared_memory(const shared_memory&) = delete;
  shared_memory& operator=(const shared_memory&) = delete;

  // Opens the segment or object SEL names; readers need read permission
  // only (SHM_RDONLY, O_RDONLY), writers read and write.  With --create,
  // a missing one is made CREATE_SIZE bytes long (checked against
  // kernel.shmmax or the room in /dev/shm first, and for POSIX
  // preallocated, so a full /dev/shm fails now rather than with SIGBUS
  // later); CREATE_SIZE_AT_LEAST says that the size wanted is more than
  // CREATE_SIZE (input cut short at the limit).  Prints a diagnostic and
  // returns false on failure.
  bool open(object_selector& sel, const create_options& create, shm_access how,
            std::uint64_t create_size, bool create_size_at_least = false);

  bool posix() const { return posix_; }
  bool created() const { return created_; }
  // The whole description, one translated unit: "shared memory segment
  // key 0x00001234", "POSIX shared memory object '/x'".
  const std::string& description() const { return description_; }
  // The size when opened, in bytes.
  std::uint64_t size() const { return size_; }
  // The System V key the segment was selected by (0 for --id and POSIX).
  key_t key() const { return key_; }
  int id() const { return id_; }
  // Its permission bits.
  mode_t mode() const { return mode_; }
  // The POSIX name ("/x"); empty for System V.
  const std::string& name() const { return name_; }

  // Writers: reads FD until end of file or LEN bytes, straight into the
  // segment at OFFSET; *DONE gets the bytes read.
  shm_status read_from(int fd, std::uint64_t offset, std::size_t len,
                       std::size_t* done);
  // Writers: copies LEN bytes of DATA to OFFSET.
  shm_status write_at(std::uint64_t offset, const void* data, std::size_t len);
  // Writers: zeroes LEN bytes from OFFSET.
  shm_status zero(std::uint64_t offset, std::uint64_t len);

  // Readers: writes LEN bytes from OFFSET to FD, or with UP_TO_NUL only
  // those before the first NUL among them.  *DONE gets the bytes written.
  shm_status write_to(int fd, std::uint64_t offset, std::uint64_t len,
                      bool up_to_nul, std::uint64_t* done);

  // Readers: copies LEN bytes from OFFSET into DEST.
  shm_status read_at(std::uint64_t offset, void* dest, std::size_t len);

  // Detaches (or unmaps and closes) now; the destructor would otherwise.
  void close();

  // Processes attached to a System V segment other than us (0 for POSIX),
  // or -1 with errno.
  long other_attachments();
  // IPC_RMID or shm_unlink, unconditionally: for undoing our own
  // creation.  False with errno on failure.
  bool remove();
  // --remove: removes it if it is ours (remove_if_owned, kinds.hh) or
  // ALLOW_FOREIGN, and, unless FORCE, only when no other process has it
  // attached.  Every result but removed is diagnosed.
  remove_result remove_if_owned(bool allow_foreign, bool force);

 private:
  bool open_sysv_segment(object_selector& sel, const create_options& create,
                         std::uint64_t create_size, bool at_least);
  shm_status write_zeros(std::uint64_t offset, std::uint64_t len);
  // The segment as a file descriptor open for our access, or -1.
  int segment_file();
  bool open_posix_object(object_selector& sel, const create_options& create,
                         shm_access how, std::uint64_t create_size,
                         bool at_least);

  bool posix_ = false;
  bool created_ = false;
  bool writable_ = false;
  int id_ = -1;  // System V
  key_t key_ = 0;
  int fd_ = -1;          // POSIX
  unique_fd sysv_file_;  // System V, through /proc/self/map_files
  bool sysv_file_tried_ = false;
  std::string name_;        // POSIX
  char* base_ = nullptr;    // the attachment or mapping (null if none)
  std::size_t mapped_ = 0;  // POSIX mapping length
  std::uint64_t size_ = 0;
  mode_t mode_ = 0;
  std::string description_;
  object_ref ref_;
};

}  // namespace ipcutil

#include "libipcutil/deadline.hh"
#include "libipcutil/semaphore.hh"

namespace ipcutil {

// --lock: the lock that shmput and shmget (and semwait/semsig, by hand)
// agree on for a segment, a semaphore (semaphore.hh).  System V: the semaphore
// set with the segment's key (one semaphore, created with value 1 if missing),
// taken with SEM_UNDO so the kernel gives it back when a holder dies.  POSIX:
// the named semaphore with the object's name (created with value 1); a holder
// killed by SIGKILL leaves it taken.  A created lock gets the segment's
// permission bits, with write added wherever read is allowed, so whoever
// may read the segment may take its lock.
enum class lock_result { ok, timed_out, failed };

class shm_lock {
 public:
  shm_lock() = default;
  ~shm_lock();
  shm_lock(const shm_lock&) = delete;
  shm_lock& operator=(const shm_lock&) = delete;

  // Takes the lock of SEG, waiting until UNTIL.  Failures are diagnosed;
  // a timeout is not (the caller knows what it was waiting for).
  lock_result acquire(const shared_memory& seg, const deadline& until);
  // Gives the lock back (also done by the destructor).
  void release();
  // "semaphore set key 0x00001234", "POSIX semaphore '/x'".
  const std::string& description() const { return description_; }
  // --remove --lock, once the segment is removed: removes the lock too
  // when it is ours (is_ours, kinds.hh), given back first.  Another
  // user's lock, or one already gone, is left alone without a word: the
  // lock is shared by design.  False when a removal failed (diagnosed).
  bool remove_if_ours();

 private:
  bool opened_ = false;
  semaphore sem_;
  bool undo_ = false;
  bool held_ = false;
  std::string description_;
};

// ---- the options shmput and shmget share ----------------------------------

// --lock, -w/--timeout, --nonblock, --remove, --force.
#define IPCUTIL_SHM_SHORT_OPTIONS IPCUTIL_TIMEOUT_SHORT_OPTIONS
#define IPCUTIL_SHM_LONG_OPTIONS                                    \
  {"lock", no_argument, nullptr, ::ipcutil::option_lock},           \
      IPCUTIL_TIMEOUT_LONG_OPTIONS,                                 \
      {"remove", no_argument, nullptr, ::ipcutil::option_remove}, { \
    "force", no_argument, nullptr, ::ipcutil::option_force          \
  }

struct shm_options {
  bool lock = false;                                // hold the segment's lock
  std::optional<std::chrono::nanoseconds> timeout;  // with --lock
  bool remove = false;  // remove it afterwards, if ours
  bool force = false;   // even while attached
};

// True if OPT was one of the options above (a bad duration exits 2).
bool take_shm_option(shm_options& opts, int opt, const char* arg);
// Usage errors (status 2): --timeout or --nonblock without --lock, --force
// without --remove.
void finish_shm_options(const shm_options& opts);
// Their --help lines; WRITING says whether the lock is held while writing
// (shmput) or while reading (shmget).
void emit_shm_option_help(bool writing);

}  // namespace ipcutil
