// Selecting, opening and creating the IPC object a program works on, shared
// by the message queue, semaphore and shared memory programs:
//   -k KEY | -f PATH [-j ID] | -i ID | -n /NAME      (exactly one)
//   -c, -x, -m MODE, --allow-foreign                   (creation)
// A program appends the short-option fragments to its optstring, puts the
// long-option entries in its table, passes every option to
// take_selector_option() and take_create_option(), and calls
// finish_selector() and finish_create_options() after getopt_long.  Then
// open_sysv() or open_posix() opens the object, printing a one-line
// diagnostic ("PROG: message queue key 0x00001234 does not exist") and
// returning false on failure.  What differs between the six kinds of
// object, and the owner rule, are in kinds.hh.
#pragma once

#include <getopt.h>
#include <semaphore.h>
#include <sys/ipc.h>
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>

#include "libipcutil/kinds.hh"
#include "libipcutil/options.hh"

namespace ipcutil {

#define IPCUTIL_SELECTOR_SHORT_OPTIONS "k:f:j:i:n:"
#define IPCUTIL_CREATE_SHORT_OPTIONS "cxm:"

#define IPCUTIL_SELECTOR_LONG_OPTIONS                \
  {"key", required_argument, nullptr, 'k'},          \
      {"key-file", required_argument, nullptr, 'f'}, \
      {"proj", required_argument, nullptr, 'j'},     \
      {"id", required_argument, nullptr, 'i'}, {     \
    "name", required_argument, nullptr, 'n'          \
  }
#define IPCUTIL_CREATE_LONG_OPTIONS                                        \
  {"create", no_argument, nullptr, 'c'},                                   \
      {"exclusive", no_argument, nullptr, 'x'},                            \
      {"mode", required_argument, nullptr, 'm'}, {                         \
    "allow-foreign", no_argument, nullptr, ::ipcutil::option_allow_foreign \
  }

enum class selector_kind { none, key, key_file, id, name };

struct object_selector {
  selector_kind kind = selector_kind::none;
  key_t key = 0;  // -k, or what ftok() made of -f/-j
  bool key_resolved = false;
  std::string key_file;  // -f
  int proj_id = 1;       // -j
  bool proj_given = false;
  int id = -1;       // -i
  std::string name;  // -n
  // For "conflicting options" usage errors.
  const char* first_option = nullptr;
  const char* second_option = nullptr;

  bool posix() const { return kind == selector_kind::name; }
  bool sysv() const {
    return kind != selector_kind::name && kind != selector_kind::none;
  }
  // The selector alone: "key 0x00001234", "key 0x41012345 (file 'f', proj
  // 65)", "id 5", "'/q'".  Diagnostics use ipcutil::describe(kind, sel)
  // (kinds.hh), the object's whole description.
  std::string describe() const;
};

struct create_options {
  bool create = false;
  bool exclusive = false;  // implies create
  mode_t mode = 0600;
  bool mode_given = false;
  bool allow_foreign = false;
};

// True if OPT was a selector option (and was recorded; a bad value exits 2).
bool take_selector_option(object_selector& sel, int opt, const char* arg);
// True if OPT was a creation option (a bad value exits 2).
bool take_create_option(create_options& create, int opt, const char* arg);

// Usage errors (status 2): no selector or two, -j without -f, key 0, a bad
// POSIX name.
void finish_selector(const object_selector& sel);
// Usage errors (status 2): --mode without --create, --allow-foreign
// without --create or REMOVING (a program's --remove), --create with --id.
void finish_create_options(const create_options& create,
                           const object_selector& sel, bool removing = false);

// The --help lines of the options above.
void emit_selector_help();
// WITH_REMOVE: the program has a --remove that --allow-foreign applies to.
void emit_create_help(bool with_remove = false);
// The head of the options part of an object program's --help: the note on
// mandatory arguments, SELECTING (the program's translated "\nSelecting
// the ...:\n" heading) and the selector options, then "Creating it:" and
// emit_create_help(WITH_REMOVE).
void emit_selector_and_create_help(const char* selecting,
                                   bool with_remove = false);

// ---- System V ---------------------------------------------------------------

// What open_sysv needs to know of a kind beyond the table: how to get it
// (msgget, or semget/shmget with their extra arguments bound) and the
// steps around creation.
struct sysv_type {
  object_kind kind = object_kind::sysv_msg;
  // GET(key, flags): an id, or -1 with errno.
  std::function<int(key_t key, int flags)> get;
  // IPC_STAT of ID into PERM: 0, or -1 with errno.  Empty: sysv_stat().
  std::function<int(int id, struct ipc_perm& perm)> stat;
  // Run by the process that created ID, before anyone else may rely on it
  // (a semaphore set's initialising semop).  False: diagnosed; open_sysv
  // fails and leaves the object (others may have opened it already).
  std::function<bool(int id)> after_create;
  // Run when an existing object was opened (with or without --create),
  // e.g. wait_sem_initialised.  False: diagnosed; open_sysv fails.
  std::function<bool(int id)> after_open;
};

struct sysv_object {
  int id = -1;
  bool created = false;     // this open created it
  std::string description;  // "message queue key 0x00001234"
};

// Fills sel.key from -f/-j with ftok().  False ("cannot stat 'PATH'"),
// diagnosed, when the file is missing.
bool resolve_key(object_selector& sel);

// Opens the object SEL names; with --create, creates it with exactly
// --mode (System V ignores the umask), and when --create found an existing
// object instead, refuses one that is not ours (check_owner, kinds.hh)
// unless --allow-foreign.  ACCESS (0400 read, 0200 write, as msgget takes
// them) is checked when an existing object is opened by key, so
// "Permission denied" comes at once.  -i ID is checked with IPC_STAT.
// TYPE's after_create / after_open hooks run last.  Diagnosed failures
// return false.
bool open_sysv(object_selector& sel, const create_options& create,
               const sysv_type& type, int access, sysv_object& out);

// Waits until the semaphore set ID has been initialised by its creator
// (sem_otime != 0: the creator's first semop), for at most BOUND.  There
// is no kernel notification for this, so it looks at growing intervals
// (1 ms doubling to 50 ms): bounded, and rare (only a --create that lost
// the race to create).  False, diagnosed with DESCRIPTION, on timeout or
// error.
bool wait_sem_initialised(int id, const std::string& description,
                          std::chrono::nanoseconds bound);

// ---- POSIX ------------------------------------------------------------------

// An open POSIX object: a descriptor (mq_open, shm_open) or a semaphore
// (sem_open).  Closes what it holds.
class posix_handle {
 public:
  posix_handle() = default;
  posix_handle(object_kind kind, int fd) : kind_(kind), fd_(fd) {}
  explicit posix_handle(sem_t* sem)
      : kind_(object_kind::posix_sem), sem_(sem) {}
  posix_handle(posix_handle&& other) noexcept { *this = std::move(other); }
  posix_handle& operator=(posix_handle&& other) noexcept;
  posix_handle(const posix_handle&) = delete;
  posix_handle& operator=(const posix_handle&) = delete;
  ~posix_handle() { reset(); }

  explicit operator bool() const { return fd_ >= 0 || sem_ != nullptr; }
  object_kind kind() const { return kind_; }
  int fd() const { return fd_; }
  sem_t* sem() const { return sem_; }
  int release_fd();
  sem_t* release_sem();
  void reset();

  // fstat of the descriptor, or for a semaphore the stat of its file
  // NAME names (posix_path) without following a symlink.  0 or -1/errno.
  int stat(const std::string& name, struct stat& st) const;
  // Sets exactly MODE on the object (fchmod; for a semaphore through its
  // file, opened O_PATH|O_NOFOLLOW, so no symlink and no read permission
  // is needed).  0 or -1/errno.
  int chmod(const std::string& name, mode_t mode) const;

 private:
  object_kind kind_ = object_kind::posix_mq;
  int fd_ = -1;
  sem_t* sem_ = nullptr;
};

struct posix_object {
  posix_handle handle;
  bool created = false;     // this open created it
  struct stat identity {};  // what was opened: st_dev, st_ino, st_uid
  std::string description;  // "POSIX message queue '/q'"
};

// OPEN(oflag, mode) wraps mq_open/shm_open/sem_open: a handle, or an empty
// one with errno set.
using posix_open_function = std::function<posix_handle(int oflag, mode_t mode)>;
// EXPLAIN(errno) may turn a creation failure into a better reason than
// strerror, naming the limit to raise; an empty string means strerror.
using posix_explain_function = std::function<std::string(int err)>;

// Opens the object of KIND named by SEL with ACCESS (O_RDONLY, O_WRONLY,
// O_RDWR); with --create makes it exclusively and sets exactly --mode,
// retrying when it vanishes between the attempts, and when --create found
// an existing object instead, refuses one that is not ours (check_owner)
// unless --allow-foreign.  Diagnosed failures return false with nothing
// left open.
bool open_posix(const object_selector& sel, const create_options& create,
                object_kind kind, int access, const posix_open_function& open,
                const posix_explain_function& explain, posix_object& out);

// The object_ref remove_if_owned (kinds.hh) takes.
object_ref make_ref(const sysv_object& obj, object_kind kind);
object_ref make_ref(const posix_object& obj, const object_selector& sel);

}  // namespace ipcutil
