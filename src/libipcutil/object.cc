#include "libipcutil/object.hh"

#include <errno.h>
#include <error.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>

#include "libipcutil/i18n.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

namespace ipcutil {

namespace {

const char* selector_option_name(int opt)
{
  switch (opt) {
    case 'k': return "--key";
    case 'f': return "--key-file";
    case 'i': return "--id";
    default: return "--name";
  }
}

void select(object_selector& sel, selector_kind kind, int opt)
{
  // Repeating one option is "last one wins", as with any GNU option; two
  // different selectors are a usage error in finish_selector().
  if (sel.kind != selector_kind::none && sel.kind != kind
      && sel.second_option == nullptr)
    sel.second_option = selector_option_name(opt);
  if (sel.kind == selector_kind::none) {
    sel.kind = kind;
    sel.first_option = selector_option_name(opt);
  }
}

// The value of a /proc/sys file, for naming a limit; "?" if unreadable.
std::string sysctl_value(const char* sysctl_name)
{
  std::string path = "/proc/sys/";
  for (const char* p = sysctl_name; *p != '\0'; ++p)
    path += *p == '.' ? '/' : *p;
  std::string value = "?";
  if (FILE* f = fopen(path.c_str(), "re")) {
    char buf[64];
    if (fgets(buf, sizeof buf, f) != nullptr) {
      buf[strcspn(buf, "\n")] = '\0';
      value = buf;
    }
    fclose(f);
  }
  return value;
}

void report_missing(const char* noun, const object_selector& sel)
{
  error(0, 0, _("%s %s does not exist"), noun, sel.describe().c_str());
}

void report_open_error(const char* noun, const object_selector& sel, int err)
{
  if (err == ENOENT)
    report_missing(noun, sel);
  else
    error(0, err, _("cannot open %s %s"), noun, sel.describe().c_str());
}

void report_create_error(const char* noun, const object_selector& sel,
                         const std::string& reason)
{
  error(0, 0, _("cannot create %s %s: %s"), noun, sel.describe().c_str(),
        reason.c_str());
}

void report_foreign(const char* noun, const object_selector& sel, bool creator,
                    unsigned long uid)
{
  if (creator)
    error(0, 0, _("%s %s exists and was created by uid %lu; use --allow-foreign to accept"),
          noun, sel.describe().c_str(), uid);
  else
    error(0, 0, _("%s %s exists and belongs to uid %lu; use --allow-foreign to accept"),
          noun, sel.describe().c_str(), uid);
}

}  // namespace

std::string object_selector::describe() const
{
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
      if (asprintf(&tail, key_resolved ? _("(file %s, proj %d)") : _("key file %s, proj %d"),
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

bool take_selector_option(object_selector& sel, int opt, const char* arg)
{
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
      if (check_posix_name(arg) != parse_error::ok)
        usage_error(_("invalid POSIX name %s: it must be '/' followed by 1 to 255 bytes, none of them '/'"),
                    quote(arg));
      sel.name = arg;
      return true;
    default:
      return false;
  }
}

bool take_create_option(create_options& create, int opt, const char* arg)
{
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

void finish_selector(const object_selector& sel)
{
  if (sel.second_option != nullptr)
    usage_error(_("options %s and %s are mutually exclusive"), sel.first_option,
                sel.second_option);
  if (sel.kind == selector_kind::none)
    usage_error(_("missing --key, --key-file, --id or --name"));
  if (sel.proj_given && sel.kind != selector_kind::key_file)
    usage_error(_("option --proj needs --key-file"));
  if (sel.kind == selector_kind::key && sel.key == 0)
    usage_error(_("key 0 (IPC_PRIVATE) cannot name a shared object"));
}

void finish_create_options(const create_options& create, const object_selector& sel)
{
  if (!create.create) {
    if (create.mode_given)
      usage_error(_("option --mode needs --create"));
    if (create.allow_foreign)
      usage_error(_("option --allow-foreign needs --create"));
    return;
  }
  if (sel.kind == selector_kind::id)
    usage_error(_("option --create needs --key, --key-file or --name, not --id"));
}

void emit_selector_help()
{
  fputs(_("  -k, --key=KEY          System V key: decimal, 0x hex or 0 octal\n"), stdout);
  fputs(_("  -f, --key-file=PATH    System V key made by ftok(PATH, ID)\n"), stdout);
  fputs(_("  -j, --proj=ID          ftok project ID for --key-file: 1-255 or one\n"
          "                           character (default 1)\n"), stdout);
  fputs(_("  -i, --id=ID            System V identifier, as ipcs prints it\n"), stdout);
  fputs(_("  -n, --name=/NAME       POSIX object name\n"), stdout);
}

void emit_create_help()
{
  fputs(_("  -c, --create           create the object if it does not exist\n"), stdout);
  fputs(_("  -x, --exclusive        create the object; fail if it already exists\n"), stdout);
  fputs(_("  -m, --mode=MODE        permissions of a created object, in octal\n"
          "                           (default 0600; the umask does not apply)\n"), stdout);
  fputs(_("      --allow-foreign    with --create, accept an existing object that\n"
          "                           another user owns or created\n"), stdout);
}

void emit_selector_values_help()
{
  fputs(_("\nKEY is decimal, 0x hexadecimal or 0 octal; ID for --proj is a number\n"
          "from 1 to 255 or one character (\"A\" is 65).  MODE is octal.\n"),
        stdout);
}

// ---- System V ---------------------------------------------------------------

bool resolve_key(object_selector& sel)
{
  if (sel.kind != selector_kind::key_file || sel.key_resolved)
    return true;
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

bool check_sysv_owner(const struct ipc_perm& perm, const object_selector& sel,
                      const char* noun)
{
  uid_t euid = geteuid();
  if (perm.uid == euid && perm.cuid == euid)
    return true;
  if (perm.uid != euid)
    report_foreign(noun, sel, false, perm.uid);
  else
    report_foreign(noun, sel, true, perm.cuid);
  return false;
}

bool sysv_owned(const struct ipc_perm& perm)
{
  uid_t euid = geteuid();
  return perm.uid == euid || perm.cuid == euid;
}

bool open_sysv(object_selector& sel, const create_options& create,
               const sysv_type& type, int access, sysv_object& out)
{
  out = sysv_object{};
  if (sel.kind == selector_kind::id) {
    struct ipc_perm perm;
    if (type.stat(sel.id, perm) != 0) {
      // EACCES: the id names an object we may not read; whether we may
      // use it is for the operation itself to find out.
      if (errno != EACCES) {
        if (errno == EINVAL || errno == EIDRM)
          report_missing(type.noun, sel);
        else
          error(0, errno, _("cannot open %s %s"), type.noun, sel.describe().c_str());
        return false;
      }
    }
    out.id = sel.id;
    return true;
  }

  if (!resolve_key(sel))
    return false;
  access &= 0777;
  if (!create.create) {
    out.id = type.get(sel.key, access);
    if (out.id < 0) {
      report_open_error(type.noun, sel, errno);
      return false;
    }
    return true;
  }

  int mode = static_cast<int>(create.mode & 0777);
  // Try to create first, so we know whether this run made the object; an
  // existing one is opened afterwards (and may vanish in between: retry).
  for (int attempt = 0; attempt < 100; ++attempt) {
    out.id = type.get(sel.key, IPC_CREAT | IPC_EXCL | mode);
    if (out.id >= 0) {
      out.created = true;
      return true;
    }
    int err = errno;
    if (err != EEXIST || create.exclusive) {
      std::string reason = strerror(err);
      if (err == ENOSPC) {
        char* limit = nullptr;
        if (asprintf(&limit, _(" (the system limit %s=%s is reached)"),
                     type.max_ids_sysctl, sysctl_value(type.max_ids_sysctl).c_str()) >= 0) {
          reason += limit;
          free(limit);
        }
      }
      report_create_error(type.noun, sel, reason);
      return false;
    }
    out.id = type.get(sel.key, access);
    if (out.id < 0) {
      if (errno == ENOENT)
        continue;  // removed since our attempt: try to create it again
      report_open_error(type.noun, sel, errno);
      return false;
    }
    if (create.allow_foreign)
      return true;
    struct ipc_perm perm;
    if (type.stat(out.id, perm) != 0) {
      if (errno == EINVAL || errno == EIDRM)
        continue;
      error(0, 0, _("%s %s exists and its owner cannot be checked: %s; use --allow-foreign to accept"),
            type.noun, sel.describe().c_str(), strerror(errno));
      return false;
    }
    return check_sysv_owner(perm, sel, type.noun);
  }
  report_create_error(type.noun, sel, _("it keeps being created and removed by another process"));
  return false;
}

// ---- POSIX ------------------------------------------------------------------

bool check_posix_owner(int fd, const object_selector& sel, const char* noun)
{
  struct stat st;
  if (fstat(fd, &st) != 0) {
    error(0, errno, _("cannot check the owner of %s %s"), noun, sel.describe().c_str());
    return false;
  }
  if (st.st_uid == geteuid())
    return true;
  report_foreign(noun, sel, false, st.st_uid);
  return false;
}

bool open_posix(const object_selector& sel, const create_options& create,
                const char* noun, int access, const posix_open_function& open,
                const posix_explain_function& explain, posix_object& out)
{
  out = posix_object{};
  if (!create.create) {
    out.fd = open(access, 0);
    if (out.fd < 0) {
      report_open_error(noun, sel, errno);
      return false;
    }
    return true;
  }

  mode_t mode = create.mode & 0777;
  for (int attempt = 0; attempt < 100; ++attempt) {
    out.fd = open(access | O_CREAT | O_EXCL, mode);
    if (out.fd >= 0) {
      out.created = true;
      // The umask narrowed the mode; set exactly what was asked for.
      // The object is ours and new, so this only widens it to --mode.
      if (fchmod(out.fd, mode) != 0) {
        error(0, errno, _("cannot set the mode of %s %s"), noun, sel.describe().c_str());
        close(out.fd);
        out.fd = -1;
        return false;
      }
      return true;
    }
    int err = errno;
    if (err != EEXIST || create.exclusive) {
      std::string reason = explain ? explain(err) : std::string();
      if (reason.empty())
        reason = strerror(err);
      report_create_error(noun, sel, reason);
      return false;
    }
    out.fd = open(access, 0);
    if (out.fd < 0) {
      if (errno == ENOENT)
        continue;  // unlinked since our attempt: try to create it again
      report_open_error(noun, sel, errno);
      return false;
    }
    if (create.allow_foreign || check_posix_owner(out.fd, sel, noun))
      return true;
    close(out.fd);
    out.fd = -1;
    return false;
  }
  report_create_error(noun, sel, _("it keeps being created and removed by another process"));
  return false;
}

}  // namespace ipcutil
