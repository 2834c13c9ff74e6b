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
// returning false on failure.
#pragma once
#include <getopt.h>
#include <sys/ipc.h>
#include <sys/types.h>

#include <functional>
#include <string>

namespace ipcutil {

#define IPCUTIL_SELECTOR_SHORT_OPTIONS "k:f:j:i:n:"
#define IPCUTIL_CREATE_SHORT_OPTIONS "cxm:"

// Codes of the long-only options handled by libipcutil.  Programs number
// their own long-only options from CHAR_MAX + 1 up, well below these.
enum : int {
  option_allow_foreign = 0x1000,
  option_max_messages,  // msgqueue.hh
  option_message_size,  // msgqueue.hh
};

#define IPCUTIL_SELECTOR_LONG_OPTIONS                  \
  {"key", required_argument, nullptr, 'k'},            \
  {"key-file", required_argument, nullptr, 'f'},       \
  {"proj", required_argument, nullptr, 'j'},           \
  {"id", required_argument, nullptr, 'i'},             \
  {"name", required_argument, nullptr, 'n'}
#define IPCUTIL_CREATE_LONG_OPTIONS                    \
  {"create", no_argument, nullptr, 'c'},               \
  {"exclusive", no_argument, nullptr, 'x'},            \
  {"mode", required_argument, nullptr, 'm'},           \
  {"allow-foreign", no_argument, nullptr, ::ipcutil::option_allow_foreign}

enum class selector_kind { none, key, key_file, id, name };

struct object_selector {
  selector_kind kind = selector_kind::none;
  key_t key = 0;          // -k, or what ftok() made of -f/-j
  bool key_resolved = false;
  std::string key_file;   // -f
  int proj_id = 1;        // -j
  bool proj_given = false;
  int id = -1;            // -i
  std::string name;       // -n
  // For "conflicting options" usage errors.
  const char* first_option = nullptr;
  const char* second_option = nullptr;

  bool posix() const { return kind == selector_kind::name; }
  bool sysv() const { return kind != selector_kind::name && kind != selector_kind::none; }
  // For diagnostics: "key 0x00001234", "key 0x41012345 (file 'f', proj 65)",
  // "id 5", "'/q'".
  std::string describe() const;
};

struct create_options {
  bool create = false;
  bool exclusive = false;   // implies create
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
// Usage errors (status 2): --mode or --allow-foreign without --create,
// --create with --id.
void finish_create_options(const create_options& create, const object_selector& sel);

// The --help lines of the options above.
void emit_selector_help();
void emit_create_help();
// The paragraph on KEY, ID and MODE values.
void emit_selector_values_help();

// ---- System V ---------------------------------------------------------------

// What differs between message queues, semaphore sets and segments.
struct sysv_type {
  const char* noun;            // translated, for diagnostics: "message queue"
  const char* max_ids_sysctl;  // the limit behind ENOSPC: "kernel.msgmni"
  // msgget(key, flags), or semget/shmget with their extra arguments bound.
  std::function<int(key_t key, int flags)> get;
  // IPC_STAT of ID into PERM: 0, or -1 with errno.
  std::function<int(int id, struct ipc_perm& perm)> stat;
};

struct sysv_object {
  int id = -1;
  bool created = false;  // this open created it
};

// Fills sel.key from -f/-j with ftok().  False ("cannot stat 'PATH'"),
// diagnosed, when the file is missing.
bool resolve_key(object_selector& sel);

// Opens the object SEL names; with --create, creates it with exactly
// --mode (System V ignores the umask), and when --create found an existing
// object instead, refuses one that is not ours (check_sysv_owner) unless
// --allow-foreign.  ACCESS (0400 read, 0200 write, as msgget takes them)
// is checked when an existing object is opened by key, so "Permission
// denied" comes at once.  -i ID is checked with IPC_STAT.  Diagnosed
// failures return false.
bool open_sysv(object_selector& sel, const create_options& create,
               const sysv_type& type, int access, sysv_object& out);

// uid == cuid == euid: the object is ours by both owner and creator (the
// creator can IPC_SET the owner to anyone).  Otherwise diagnosed ("...
// exists and belongs to uid N; use --allow-foreign to accept").
bool check_sysv_owner(const struct ipc_perm& perm, const object_selector& sel,
                      const char* noun);

// uid or cuid == euid: we may remove it.
bool sysv_owned(const struct ipc_perm& perm);

// ---- POSIX ------------------------------------------------------------------

struct posix_object {
  int fd = -1;           // an mqd_t or a file descriptor; the caller owns it
  bool created = false;  // this open created it
};

// OPEN(oflag, mode) wraps mq_open/shm_open: a descriptor, or -1 with errno.
using posix_open_function = std::function<int(int oflag, mode_t mode)>;
// EXPLAIN(errno) may turn a creation failure into a better reason than
// strerror, naming the limit to raise; an empty string means strerror.
using posix_explain_function = std::function<std::string(int err)>;

// Opens the object named by SEL with ACCESS (O_RDONLY, O_WRONLY, O_RDWR);
// with --create makes it and fchmods it to exactly --mode, and when --create
// found an existing object instead, refuses one that is not ours
// (fstat st_uid == euid) unless --allow-foreign.  Diagnosed failures return
// false with nothing left open.
bool open_posix(const object_selector& sel, const create_options& create,
                const char* noun, int access, const posix_open_function& open,
                const posix_explain_function& explain, posix_object& out);

// st_uid of FD == euid; otherwise diagnosed like check_sysv_owner.
bool check_posix_owner(int fd, const object_selector& sel, const char* noun);

}  // namespace ipcutil
