// The six kinds of IPC object the suite works on, in one table: how each is
// described in diagnostics (one translatable unit per kind and selector
// form, so no sentence is built from a separately translated noun), where
// the kernel lists it, the limits behind a failed creation, how to read its
// owner and how to remove it.  open_sysv/open_posix, every --remove and
// ipcclean use this table; nothing else knows these per-kind facts.
//
// Owners: one rule for "ours", uid == cuid == euid, used both when
// --create finds an existing object and by every --remove
// (remove_if_owned), overridden only by --allow-foreign.  A POSIX object
// or a file has no separate creator: its st_uid counts as both.
#pragma once

#include <sys/ipc.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>

namespace ipcutil {

struct object_selector;

enum class object_kind {
  sysv_msg,   // System V message queue
  sysv_sem,   // System V semaphore set
  sysv_shm,   // System V shared memory segment
  posix_mq,   // POSIX message queue
  posix_sem,  // POSIX named semaphore
  posix_shm,  // POSIX shared memory object
};

struct kind_info {
  object_kind kind;
  bool posix;
  // Description formats, untranslated (N_); describe() translates them.
  // System V: by key, by key from a key file (resolved), by a key file not
  // yet resolved, by id.  POSIX: by name (the %s is the quoted name).
  const char* by_key;       // "message queue key 0x%08x"
  const char* by_key_file;  // "message queue key 0x%08x (file %s, proj %d)"
  const char* by_file;      // "message queue with key file %s, proj %d"
  const char* by_id;        // "message queue id %d"
  const char* by_name;      // "POSIX message queue %s"
  // System V: the /proc/sysvipc file listing every object of the kind.
  const char* proc_file;
  // POSIX: the directory the kernel or glibc keeps the objects in, and
  // the prefix glibc puts before the name there ("sem." for semaphores).
  const char* directory;
  const char* file_prefix;
  // The longest NAME after the '/': 255 (NAME_MAX), 251 for semaphores
  // (glibc adds "sem.").
  std::size_t name_max;
  // The limit behind ENOSPC on creation, for diagnostics: a sysctl name
  // ("kernel.msgmni") or a /proc path.
  const char* count_limit;
  // Every limit that shapes the kind, for documentation and ipcclean.
  const char* limits;
};

// The entry of KIND; every kind has one.
const kind_info& kind_of(object_kind kind);
// All six, in the order of object_kind.
const kind_info* kinds_begin();
const kind_info* kinds_end();

// "message queue key 0x00001234", "semaphore set id 5", "POSIX shared
// memory object '/x'": the whole description of the object SEL names, one
// translated unit.
std::string describe(object_kind kind, const object_selector& sel);

// Usage error (status 2) unless NAME suits KIND (its length limit).
void check_name_for_kind(object_kind kind, const std::string& name);

// The value of a sysctl ("kernel.msgmni") or a /proc/sys path, first
// line; "?" if unreadable.
std::string sysctl_value(const char* sysctl_or_path);

// ---- owners -----------------------------------------------------------------

struct owner {
  uid_t uid = 0;   // the owner, as IPC_SET or chown can change it
  uid_t cuid = 0;  // the creator (a file's owner: no separate creator)
};

owner owner_from(const struct ipc_perm& perm);
owner owner_from(const struct stat& st);

// The one rule: uid == cuid == euid.
bool is_ours(const owner& who);

// True if WHO is ours or ALLOW_FOREIGN; otherwise diagnosed:
// "DESC exists and belongs to uid N; use --allow-foreign to accept" (or
// "was created by uid N" when only the creator differs).
bool check_owner(const owner& who, const std::string& description,
                 bool allow_foreign);

// ---- System V stat and removal by id ----------------------------------------

// IPC_STAT of ID of a System V KIND: its ipc_perm.  0, or -1 with errno.
int sysv_stat(object_kind kind, int id, struct ipc_perm& perm);
// IPC_RMID of ID.  0, or -1 with errno.
int sysv_remove(object_kind kind, int id);

// ---- POSIX stat and removal by name
// -------------------------------------------

// The path of NAME ("/x") of a POSIX KIND under its directory
// ("/dev/shm/sem.x").  Message queues: /dev/mqueue, which may show another
// IPC namespace's queues; posix_identify() does not rely on it.
std::string posix_path(object_kind kind, const std::string& name);
// What NAME refers to now (device, inode, owner), without following a
// symlink: 0, or -1 with errno (ENOENT: nothing by that name).
int posix_identify(object_kind kind, const std::string& name, struct stat& st);
// mq_unlink, shm_unlink or sem_unlink.  0, or -1 with errno.
int posix_remove(object_kind kind, const std::string& name);

// ---- remove_if_owned
// ----------------------------------------------------------

// The object a program opened, as --remove needs it.
struct object_ref {
  object_kind kind = object_kind::sysv_msg;
  int id = -1;       // System V
  std::string name;  // POSIX
  // POSIX: what the object we opened is (st_dev, st_ino, st_uid): from
  // fstat of its descriptor, or for a semaphore the stat of its file.
  struct stat identity {};
  std::string description;
};

enum class remove_result {
  removed,
  foreign,   // not ours (diagnosed)
  replaced,  // POSIX: the name now refers to another object (diagnosed)
  refused,   // REFUSE said why not (diagnosed)
  gone,      // already removed by someone else (diagnosed)
  failed,    // diagnosed with errno
};

// Removes OBJ if it is ours (is_ours) or ALLOW_FOREIGN.  REFUSE, if given,
// is asked right before the removal for a reason not to remove (an empty
// string: go ahead), e.g. "it still holds 2 messages".  POSIX objects are
// removed by name: right before unlinking, the name must still refer to
// the object we checked (same st_dev and st_ino), or nothing is removed.
// What remains is the window between that check and the unlink itself (a
// few microseconds in which another process could unlink and recreate the
// name); the kernel has no unlink-if-same-inode call to close it.  Every
// result but removed is diagnosed as one line naming the object.
remove_result remove_if_owned(
    const object_ref& obj, bool allow_foreign,
    const std::function<std::string()>& refuse = nullptr);

}  // namespace ipcutil
