#include <config.h>

#include "libipcutil/object.hh"

#include <errno.h>
#include <error.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <thread>

#include "libipcutil/fd.hh"
#include "libipcutil/help.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

namespace ipcutil {

namespace {

const char* selector_option_name(int opt) {
  switch (opt) {
    case 'k':
      return "--key";
    case 'f':
      return "--key-file";
    case 'i':
      return "--id";
    default:
      return "--name";
  }
}

void select(object_selector& sel, selector_kind kind, int opt) {
  // Repeating one option is "last one wins", as with any GNU option; two
  // different selectors are a usage error in finish_selector().
  if (sel.kind != selector_kind::none && sel.kind != kind &&
      sel.second_option == nullptr)
    sel.second_option = selector_option_name(opt);
  if (sel.kind == selector_kind::none) {
    sel.kind = kind;
    sel.first_option = selector_option_name(opt);
  }
}

void report_missing(const std::string& desc) {
  error(0, 0, _("%s does not exist"), desc.c_str());
}

void report_open_error(const std::string& desc, int err) {
  if (err == ENOENT)
    report_missing(desc);
  else
    error(0, err, _("cannot open %s"), desc.c_str());
}

void report_create_error(const std::string& desc, const std::string& reason) {
  error(0, 0, _("cannot create %s: %s"), desc.c_str(), reason.c_str());
}

void report_unchecked_owner(const std::string& desc, int err) {
  error(0, 0,
        _("%s exists and its owner cannot be checked: %s; use --allow-foreign "
          "to accept"),
        desc.c_str(), strerror(err));
}

}  // namespace

std::string object_selector::describe() const {
  char buf[64];
  switch (kind) {
    case selector_kind::key:
      snprintf(buf, sizeof buf, _("key 0x%08x"), static_cast<unsigned>(key));
      return buf;
    case selector_kind::key_file: {
      std::string text;
      if (key_resolved) {
        snprintf(buf, sizeof buf, _("key 0x%08x"), static_cast<unsigned>(key));
        text = buf;
        text += ' ';
      }
      // Built in one piece so a translation can reorder it.
      char* tail = nullptr;
      if (asprintf(&tail,
                   key_resolved ? _("(file %s, proj %d)")
                                : _("key file %s, proj %d"),
                   quote(key_file), proj_id) < 0)
        return text;
      text += tail;
      free(tail);
      return text;
    }
    case selector_kind::id:
      snprintf(buf, sizeof buf, _("id %d"), id);
      return buf;
    case selector_kind::name:
      return quote(name);
    case selector_kind::none:
      break;
  }
  return {};
}

bool take_selector_option(object_selector& sel, int opt, const char* arg) {
  switch (opt) {
    case 'k':
      select(sel, selector_kind::key, opt);
      sel.key = xparse_key(arg, _("invalid key"));
      sel.key_resolved = true;
      return true;
    case 'f':
      select(sel, selector_kind::key_file, opt);
      sel.key_file = arg;
      sel.key_resolved = false;
      return true;
    case 'j':
      sel.proj_id = xparse_proj_id(arg, _("invalid project id"));
      sel.proj_given = true;
      return true;
    case 'i':
      select(sel, selector_kind::id, opt);
      sel.id = static_cast<int>(xparse_int(arg, 0, INT_MAX, _("invalid id")));
      return true;
    case 'n':
      select(sel, selector_kind::name, opt);
      // A bad value is one line, like the xparse_* refusals (parse.hh).
      if (check_posix_name(arg) != parse_error::ok)
        die(exit_usage, 0,
            _("invalid POSIX name %s: it must be '/' followed by 1 to "
              "255 bytes, none of them '/'"),
            quote(arg));
      sel.name = arg;
      return true;
    default:
      return false;
  }
}

bool take_create_option(create_options& create, int opt, const char* arg) {
  switch (opt) {
    case 'c':
      create.create = true;
      return true;
    case 'x':
      create.create = true;
      create.exclusive = true;
      return true;
    case 'm':
      create.mode = xparse_mode(arg, _("invalid mode"));
      create.mode_given = true;
      return true;
    case option_allow_foreign:
      create.allow_foreign = true;
      return true;
    default:
      return false;
  }
}

void finish_selector(const object_selector& sel) {
  if (sel.second_option != nullptr)
    usage_error(_("options %s and %s are mutually exclusive"), sel.first_option,
                sel.second_option);
  if (sel.kind == selector_kind::none)
    usage_error(_("missing --key, --key-file, --id or --name"));
  if (sel.proj_given && sel.kind != selector_kind::key_file)
    usage_error(_("option --proj needs --key-file"));
  if (sel.kind == selector_kind::key && sel.key == 0)
    die(exit_usage, 0, _("key 0 (IPC_PRIVATE) cannot name a shared object"));
}

void finish_create_options(const create_options& create,
                           const object_selector& sel, bool removing) {
  if (!create.create) {
    if (create.mode_given) usage_error(_("option --mode needs --create"));
    if (create.allow_foreign && !removing)
      usage_error(_("option --allow-foreign needs --create"));
    return;
  }
  if (sel.kind == selector_kind::id)
    usage_error(
        _("option --create needs --key, --key-file or --name, not --id"));
}

void emit_selector_help() {
  fputs(
      _("  -k, --key=KEY          System V key: decimal, 0x hex or 0 octal\n"),
      stdout);
  fputs(_("  -f, --key-file=PATH    System V key made by ftok(PATH, ID)\n"),
        stdout);
  fputs(_("  -j, --proj=ID          ftok project ID for --key-file: 1-255 or "
          "one\n"
          "                           character (default 1)\n"),
        stdout);
  fputs(_("  -i, --id=ID            System V identifier, as ipcs prints it\n"),
        stdout);
  fputs(_("  -n, --name=/NAME       POSIX object name\n"), stdout);
}

void emit_create_help(bool with_remove) {
  fputs(_("  -c, --create           create the object if it does not exist\n"),
        stdout);
  fputs(_("  -x, --exclusive        create the object; fail if it already "
          "exists\n"),
        stdout);
  fputs(_("  -m, --mode=MODE        permissions of a created object, in octal\n"
          "                           (default 0600; the umask does not "
          "apply)\n"),
        stdout);
  if (with_remove)
    fputs(_("      --allow-foreign    with --create or --remove, accept an "
            "object that\n"
            "                           another user owns or created\n"),
          stdout);
  else
    fputs(_("      --allow-foreign    with --create, accept an existing object "
            "that\n"
            "                           another user owns or created\n"),
          stdout);
}

void emit_selector_and_create_help(const char* selecting, bool with_remove) {
  emit_mandatory_arguments_help();
  fputs(selecting, stdout);
  emit_selector_help();
  fputs(_("\nCreating it:\n"), stdout);
  emit_create_help(with_remove);
}

// ---- System V ---------------------------------------------------------------

bool resolve_key(object_selector& sel) {
  if (sel.kind != selector_kind::key_file || sel.key_resolved) return true;
  // ftok() only stats the file; stat it ourselves for a clear reason.
  struct stat st;
  if (stat(sel.key_file.c_str(), &st) != 0) {
    error(0, errno, _("cannot stat %s"), quote(sel.key_file));
    return false;
  }
  key_t key = ftok(sel.key_file.c_str(), sel.proj_id);
  if (key == -1) {
    error(0, errno, _("cannot stat %s"), quote(sel.key_file));
    return false;
  }
  sel.key = key;
  sel.key_resolved = true;
  return true;
}

namespace {

// The owner check of open_sysv's --create that found an existing object.
// 1: ours (or allowed); 0: refused (diagnosed); -1: the object vanished.
int accept_existing_sysv(const sysv_type& type, int id, const std::string& desc,
                         bool allow_foreign) {
  if (allow_foreign) return 1;
  struct ipc_perm perm;
  int r = type.stat ? type.stat(id, perm) : sysv_stat(type.kind, id, perm);
  if (r != 0) {
    if (errno == EINVAL || errno == EIDRM) return -1;
    report_unchecked_owner(desc, errno);
    return 0;
  }
  return check_owner(owner_from(perm), desc, false) ? 1 : 0;
}

bool finish_sysv(const sysv_type& type, sysv_object& out) {
  if (out.created) return !type.after_create || type.after_create(out.id);
  return !type.after_open || type.after_open(out.id);
}

}  // namespace

bool open_sysv(object_selector& sel, const create_options& create,
               const sysv_type& type, int access, sysv_object& out) {
  out = sysv_object{};
  out.description = describe(type.kind, sel);
  if (sel.kind == selector_kind::id) {
    struct ipc_perm perm;
    int r = type.stat ? type.stat(sel.id, perm)
                      : sysv_stat(type.kind, sel.id, perm);
    // EACCES: the id names an object we may not read; whether we may use
    // it is for the operation itself to find out.
    if (r != 0 && errno != EACCES) {
      if (errno == EINVAL || errno == EIDRM)
        report_missing(out.description);
      else
        error(0, errno, _("cannot open %s"), out.description.c_str());
      return false;
    }
    out.id = sel.id;
    return finish_sysv(type, out);
  }

  if (!resolve_key(sel)) return false;
  out.description = describe(type.kind, sel);
  access &= 0777;
  if (!create.create) {
    out.id = type.get(sel.key, access);
    if (out.id < 0) {
      report_open_error(out.description, errno);
      return false;
    }
    return finish_sysv(type, out);
  }

  int mode = static_cast<int>(create.mode & 0777);
  // Try to create first, so we know whether this run made the object; an
  // existing one is opened afterwards (and may vanish in between: retry).
  for (int attempt = 0; attempt < 100; ++attempt) {
    out.id = type.get(sel.key, IPC_CREAT | IPC_EXCL | mode);
    if (out.id >= 0) {
      out.created = true;
      return finish_sysv(type, out);
    }
    int err = errno;
    if (err != EEXIST || create.exclusive) {
      std::string reason = strerror(err);
      const char* limit = kind_of(type.kind).count_limit;
      if (err == ENOSPC && limit != nullptr) {
        char* text = nullptr;
        if (asprintf(&text, _(" (the system limit %s=%s is reached)"), limit,
                     sysctl_value(limit).c_str()) >= 0) {
          reason += text;
          free(text);
        }
      }
      report_create_error(out.description, reason);
      return false;
    }
    out.id = type.get(sel.key, access);
    if (out.id < 0) {
      if (errno == ENOENT)
        continue;  // removed since our attempt: try to create it again
      report_open_error(out.description, errno);
      return false;
    }
    int ok = accept_existing_sysv(type, out.id, out.description,
                                  create.allow_foreign);
    if (ok < 0) continue;
    if (ok == 0) return false;
    return finish_sysv(type, out);
  }
  report_create_error(
      out.description,
      _("it keeps being created and removed by another process"));
  return false;
}

bool wait_sem_initialised(int id, const std::string& description,
                          std::chrono::nanoseconds bound) {
  auto until = std::chrono::steady_clock::now() + bound;
  std::chrono::microseconds pause(1000);
  for (;;) {
    struct semid_ds ds;
    union {
      int val;
      struct semid_ds* buf;
      unsigned short* array;
    } arg;
    arg.buf = &ds;
    if (semctl(id, 0, IPC_STAT, arg) != 0) {
      if (errno == EINVAL || errno == EIDRM)
        error(0, 0, _("%s was removed by another process"),
              description.c_str());
      else
        error(0, errno, _("cannot open %s"), description.c_str());
      return false;
    }
    if (ds.sem_otime != 0) return true;
    if (std::chrono::steady_clock::now() >= until) {
      error(0, 0, _("%s exists but its creator never initialised it"),
            description.c_str());
      return false;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min<std::chrono::microseconds>(pause * 2,
                                                std::chrono::milliseconds(50));
  }
}

// ---- POSIX ------------------------------------------------------------------

posix_handle& posix_handle::operator=(posix_handle&& other) noexcept {
  if (this != &other) {
    reset();
    kind_ = other.kind_;
    fd_ = other.fd_;
    sem_ = other.sem_;
    other.fd_ = -1;
    other.sem_ = nullptr;
  }
  return *this;
}

int posix_handle::release_fd() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

sem_t* posix_handle::release_sem() {
  sem_t* sem = sem_;
  sem_ = nullptr;
  return sem;
}

void posix_handle::reset() {
  if (fd_ >= 0) close(fd_);  // mq_close is close on Linux
  if (sem_ != nullptr) sem_close(sem_);
  fd_ = -1;
  sem_ = nullptr;
}

int posix_handle::stat(const std::string& name, struct stat& st) const {
  if (fd_ >= 0) return fstat(fd_, &st);
  return lstat(posix_path(object_kind::posix_sem, name).c_str(), &st);
}

int posix_handle::chmod(const std::string& name, mode_t mode) const {
  if (fd_ >= 0) return fchmod(fd_, mode);
  unique_fd file(open(posix_path(object_kind::posix_sem, name).c_str(),
                      O_PATH | O_NOFOLLOW | O_CLOEXEC));
  if (!file) return -1;
  // fchmod does not take an O_PATH descriptor; its /proc link does.
  std::string link = "/proc/self/fd/" + std::to_string(file.get());
  return ::chmod(link.c_str(), mode);
}

bool open_posix(const object_selector& sel, const create_options& create,
                object_kind kind, int access, const posix_open_function& open,
                const posix_explain_function& explain, posix_object& out) {
  out.handle.reset();
  out.created = false;
  out.identity = {};
  out.description = describe(kind, sel);
  const std::string& desc = out.description;
  // What was opened, for the owner check and remove_if_owned.
  auto identify = [&]() {
    if (out.handle.stat(sel.name, out.identity) == 0) return true;
    error(0, errno, _("cannot check the owner of %s"), desc.c_str());
    out.handle.reset();
    return false;
  };
  if (!create.create) {
    out.handle = open(access, 0);
    if (!out.handle) {
      report_open_error(desc, errno);
      return false;
    }
    return identify();
  }

  mode_t mode = create.mode & 0777;
  for (int attempt = 0; attempt < 100; ++attempt) {
    out.handle = open(access | O_CREAT | O_EXCL, mode);
    if (out.handle) {
      out.created = true;
      // The umask narrowed the mode; set exactly what was asked for.
      // The object is ours and new, so this only widens it to --mode.
      if (out.handle.chmod(sel.name, mode) != 0) {
        error(0, errno, _("cannot set the mode of %s"), desc.c_str());
        out.handle.reset();
        return false;
      }
      return identify();
    }
    int err = errno;
    if (err != EEXIST || create.exclusive) {
      std::string reason = explain ? explain(err) : std::string();
      if (reason.empty()) reason = strerror(err);
      report_create_error(desc, reason);
      return false;
    }
    out.handle = open(access, 0);
    if (!out.handle) {
      if (errno == ENOENT)
        continue;  // unlinked since our attempt: try to create it again
      report_open_error(desc, errno);
      return false;
    }
    if (!identify()) return false;
    if (check_owner(owner_from(out.identity), desc, create.allow_foreign))
      return true;
    out.handle.reset();
    return false;
  }
  report_create_error(
      desc, _("it keeps being created and removed by another process"));
  return false;
}

object_ref make_ref(const sysv_object& obj, object_kind kind) {
  object_ref ref;
  ref.kind = kind;
  ref.id = obj.id;
  ref.description = obj.description;
  return ref;
}

object_ref make_ref(const posix_object& obj, const object_selector& sel) {
  object_ref ref;
  ref.kind = obj.handle.kind();
  ref.name = sel.name;
  ref.identity = obj.identity;
  ref.description = obj.description;
  return ref;
}

}  // namespace ipcutil
