#include <config.h>

#include "libipcutil/kinds.hh"

#include <errno.h>
#include <error.h>
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include <iterator>

#include "libipcutil/i18n.hh"
#include "libipcutil/object.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

namespace ipcutil {

namespace {

const kind_info kinds[] = {
    {object_kind::sysv_msg, false, N_("message queue key 0x%08x"),
     N_("message queue key 0x%08x (file %s, proj %d)"),
     N_("message queue with key file %s, proj %d"), N_("message queue id %d"),
     nullptr, "/proc/sysvipc/msg", nullptr, nullptr, 0, "kernel.msgmni",
     "kernel.msgmni kernel.msgmax kernel.msgmnb"},
    {object_kind::sysv_sem, false, N_("semaphore set key 0x%08x"),
     N_("semaphore set key 0x%08x (file %s, proj %d)"),
     N_("semaphore set with key file %s, proj %d"), N_("semaphore set id %d"),
     nullptr, "/proc/sysvipc/sem", nullptr, nullptr, 0, "kernel.sem",
     "kernel.sem"},
    {object_kind::sysv_shm, false, N_("shared memory segment key 0x%08x"),
     N_("shared memory segment key 0x%08x (file %s, proj %d)"),
     N_("shared memory segment with key file %s, proj %d"),
     N_("shared memory segment id %d"), nullptr, "/proc/sysvipc/shm", nullptr,
     nullptr, 0, "kernel.shmmni", "kernel.shmmni kernel.shmmax kernel.shmall"},
    {object_kind::posix_mq, true, nullptr, nullptr, nullptr, nullptr,
     N_("POSIX message queue %s"), nullptr, "/dev/mqueue", "", 255,
     "/proc/sys/fs/mqueue/queues_max",
     "/proc/sys/fs/mqueue/queues_max /proc/sys/fs/mqueue/msg_max "
     "/proc/sys/fs/mqueue/msgsize_max"},
    {object_kind::posix_sem, true, nullptr, nullptr, nullptr, nullptr,
     N_("POSIX semaphore %s"), nullptr, "/dev/shm", "sem.", 251, nullptr,
     nullptr},
    {object_kind::posix_shm, true, nullptr, nullptr, nullptr, nullptr,
     N_("POSIX shared memory object %s"), nullptr, "/dev/shm", "", 255, nullptr,
     nullptr},
};

// semctl's fourth argument, which the caller must define (semctl(2)).
union semun {
  int val;
  struct semid_ds* buf;
  unsigned short* array;
};

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char* text = nullptr;
  int n = vasprintf(&text, fmt, ap);
  va_end(ap);
  if (n < 0) return "?";
  std::string s(text);
  free(text);
  return s;
}

bool same_object(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

const kind_info& kind_of(object_kind kind) {
  return kinds[static_cast<int>(kind)];
}

const kind_info* kinds_begin() { return std::begin(kinds); }

const kind_info* kinds_end() { return std::end(kinds); }

// The formats are literals marked with N_ above; each is one whole
// description, translated here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
std::string describe(object_kind kind, const object_selector& sel) {
  const kind_info& k = kind_of(kind);
  switch (sel.kind) {
    case selector_kind::key:
      if (k.by_key != nullptr)
        return format(_(k.by_key), static_cast<unsigned>(sel.key));
      break;
    case selector_kind::key_file:
      if (k.by_key_file == nullptr) break;
      if (sel.key_resolved)
        return format(_(k.by_key_file), static_cast<unsigned>(sel.key),
                      quote(sel.key_file), sel.proj_id);
      return format(_(k.by_file), quote(sel.key_file), sel.proj_id);
    case selector_kind::id:
      if (k.by_id != nullptr) return format(_(k.by_id), sel.id);
      break;
    case selector_kind::name:
      if (k.by_name != nullptr) return format(_(k.by_name), quote(sel.name));
      break;
    case selector_kind::none:
      break;
  }
  return {};
}
#pragma GCC diagnostic pop

void check_name_for_kind(object_kind kind, const std::string& name) {
  const kind_info& k = kind_of(kind);
  if (k.posix && name.size() > k.name_max + 1)
    die(exit_usage, 0,
        _("invalid POSIX name %s: it must be '/' followed by 1 to %zu "
          "bytes, none of them '/'"),
        quote(name), k.name_max);
}

std::string sysctl_value(const char* sysctl_or_path) {
  std::string path;
  if (sysctl_or_path[0] == '/') {
    path = sysctl_or_path;
  } else {
    path = "/proc/sys/";
    for (const char* p = sysctl_or_path; *p != '\0'; ++p)
      path += *p == '.' ? '/' : *p;
  }
  std::string value = "?";
  if (FILE* f = fopen(path.c_str(), "re")) {
    char buf[128];
    if (fgets(buf, sizeof buf, f) != nullptr) {
      buf[strcspn(buf, "\n")] = '\0';
      value = buf;
    }
    fclose(f);
  }
  return value;
}

// ---- owners
// -------------------------------------------------------------------

owner owner_from(const struct ipc_perm& perm) {
  return owner{perm.uid, perm.cuid};
}

owner owner_from(const struct stat& st) { return owner{st.st_uid, st.st_uid}; }

bool is_ours(const owner& who) {
  uid_t euid = geteuid();
  return who.uid == euid && who.cuid == euid;
}

bool check_owner(const owner& who, const std::string& description,
                 bool allow_foreign) {
  if (allow_foreign || is_ours(who)) return true;
  if (who.uid != geteuid())
    error(0, 0,
          _("%s exists and belongs to uid %lu; use --allow-foreign to accept"),
          description.c_str(), static_cast<unsigned long>(who.uid));
  else
    error(0, 0,
          _("%s exists and was created by uid %lu; use --allow-foreign to "
            "accept"),
          description.c_str(), static_cast<unsigned long>(who.cuid));
  return false;
}

// ---- System V
// -------------------------------------------------------------------

int sysv_stat(object_kind kind, int id, struct ipc_perm& perm) {
  switch (kind) {
    case object_kind::sysv_msg: {
      struct msqid_ds ds;
      if (msgctl(id, IPC_STAT, &ds) != 0) return -1;
      perm = ds.msg_perm;
      return 0;
    }
    case object_kind::sysv_sem: {
      struct semid_ds ds;
      union semun arg;
      arg.buf = &ds;
      if (semctl(id, 0, IPC_STAT, arg) != 0) return -1;
      perm = ds.sem_perm;
      return 0;
    }
    case object_kind::sysv_shm: {
      struct shmid_ds ds;
      if (shmctl(id, IPC_STAT, &ds) != 0) return -1;
      perm = ds.shm_perm;
      return 0;
    }
    default:
      errno = EINVAL;
      return -1;
  }
}

int sysv_remove(object_kind kind, int id) {
  switch (kind) {
    case object_kind::sysv_msg:
      return msgctl(id, IPC_RMID, nullptr);
    case object_kind::sysv_sem:
      return semctl(id, 0, IPC_RMID);
    case object_kind::sysv_shm:
      return shmctl(id, IPC_RMID, nullptr);
    default:
      errno = EINVAL;
      return -1;
  }
}

// ---- POSIX
// ------------------------------------------------------------------------

std::string posix_path(object_kind kind, const std::string& name) {
  const kind_info& k = kind_of(kind);
  if (!k.posix) return {};
  // NAME starts with its '/'.
  return std::string(k.directory) + "/" + k.file_prefix + name.substr(1);
}

int posix_identify(object_kind kind, const std::string& name, struct stat& st) {
  if (kind == object_kind::posix_mq) {
    // /dev/mqueue may be another IPC namespace's view: ask by name.  An
    // open has no effect on the queue; either access will do.
    mqd_t q = mq_open(name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (q == static_cast<mqd_t>(-1) && errno == EACCES)
      q = mq_open(name.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (q == static_cast<mqd_t>(-1)) return -1;
    int r = fstat(q, &st);
    int err = errno;
    mq_close(q);
    errno = err;
    return r;
  }
  if (!kind_of(kind).posix) {
    errno = EINVAL;
    return -1;
  }
  return lstat(posix_path(kind, name).c_str(), &st);
}

int posix_remove(object_kind kind, const std::string& name) {
  switch (kind) {
    case object_kind::posix_mq:
      return mq_unlink(name.c_str());
    case object_kind::posix_sem:
      return sem_unlink(name.c_str());
    case object_kind::posix_shm:
      return shm_unlink(name.c_str());
    default:
      errno = EINVAL;
      return -1;
  }
}

// ---- remove_if_owned
// ---------------------------------------------------------------

remove_result remove_if_owned(const object_ref& obj, bool allow_foreign,
                              const std::function<std::string()>& refuse) {
  const char* desc = obj.description.c_str();
  owner who;
  if (!kind_of(obj.kind).posix) {
    struct ipc_perm perm;
    if (sysv_stat(obj.kind, obj.id, perm) != 0) {
      if (errno == EINVAL || errno == EIDRM) {
        error(0, 0, _("not removing %s: it was removed by another process"),
              desc);
        return remove_result::gone;
      }
      error(0, errno, _("cannot remove %s"), desc);
      return remove_result::failed;
    }
    who = owner_from(perm);
  } else {
    struct stat now;
    if (posix_identify(obj.kind, obj.name, now) != 0) {
      if (errno == ENOENT) {
        error(0, 0, _("not removing %s: it was removed by another process"),
              desc);
        return remove_result::gone;
      }
      error(0, errno, _("cannot remove %s"), desc);
      return remove_result::failed;
    }
    if (!same_object(now, obj.identity)) {
      error(0, 0, _("not removing %s: the name now refers to another object"),
            desc);
      return remove_result::replaced;
    }
    who = owner_from(now);
  }
  if (!allow_foreign && !is_ours(who)) {
    if (who.uid != geteuid())
      error(0, 0, _("not removing %s: it belongs to uid %lu"), desc,
            static_cast<unsigned long>(who.uid));
    else
      error(0, 0, _("not removing %s: it was created by uid %lu"), desc,
            static_cast<unsigned long>(who.cuid));
    return remove_result::foreign;
  }
  if (refuse) {
    std::string reason = refuse();
    if (!reason.empty()) {
      error(0, 0, _("not removing %s: %s"), desc, reason.c_str());
      return remove_result::refused;
    }
  }
  if (!kind_of(obj.kind).posix) {
    if (sysv_remove(obj.kind, obj.id) == 0) return remove_result::removed;
  } else {
    // Once more right before the unlink, to keep the window small.
    struct stat last;
    if (posix_identify(obj.kind, obj.name, last) == 0 &&
        !same_object(last, obj.identity)) {
      error(0, 0, _("not removing %s: the name now refers to another object"),
            desc);
      return remove_result::replaced;
    }
    if (posix_remove(obj.kind, obj.name) == 0) return remove_result::removed;
  }
  if (errno == EINVAL || errno == EIDRM || errno == ENOENT) {
    error(0, 0, _("not removing %s: it was removed by another process"), desc);
    return remove_result::gone;
  }
  error(0, errno, _("cannot remove %s"), desc);
  return remove_result::failed;
}

}  // namespace ipcutil
