#include <config.h>

#include "libipcutil/semaphore.hh"

#include <errno.h>
#include <error.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "libipcutil/fd.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

namespace ipcutil {

namespace {

using namespace std::chrono_literals;

// How long a --create that found a set whose sem_otime is still 0 waits
// for its creator's first semop, and how old (by sem_ctime) such a set
// must be to count as made by another tool that never runs semop.  The
// creator's semop follows its semget at once; only a creator that was
// descheduled in between, or a set that will never be initialised this
// way, takes the grace.
constexpr auto init_grace = 1s;
constexpr time_t foreign_set_age = 2;

int sem_stat(int id, struct semid_ds& ds) {
  return semctl(id, 0, IPC_STAT, &ds);
}

// Sleeps for D, or until UNTIL if that comes first.
void nap(std::chrono::nanoseconds d, const deadline& until) {
  d = std::min(d, until.remaining());
  struct timespec ts;
  ts.tv_sec = static_cast<time_t>(d.count() / 1000000000);
  ts.tv_nsec = static_cast<long>(d.count() % 1000000000);
  while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR) {
  }
}

sem_status sysv_error(int err) {
  switch (err) {
    case EAGAIN:
      return sem_status::would_block;
    case EIDRM:
    case EINVAL:
      return sem_status::removed;
    case ERANGE:
      return sem_status::overflow;
    case EFBIG:
      return sem_status::out_of_range;
    default:
      errno = err;
      return sem_status::failed;
  }
}

}  // namespace

long semaphore::max_value() const {
  return posix_ ? SEM_VALUE_MAX : sysv_sem_value_max;
}

bool semaphore::open(object_selector& sel, const create_options& create,
                     unsigned value, unsigned nsems, const deadline& until,
                     int access) {
  posix_ = sel.posix();
  if (posix_) {
    nsems_ = 1;
    return open_posix_sem(sel, create, value);
  }
  return open_sysv_set(sel, create, value, nsems, until, access);
}

// ---- System V ---------------------------------------------------------------

bool semaphore::open_sysv_set(object_selector& sel,
                              const create_options& create, unsigned value,
                              unsigned nsems, const deadline& until,
                              int access) {
  sysv_type type;
  type.kind = object_kind::sysv_sem;
  // The size only matters when creating; an existing set is opened with
  // 0, which matches a set of any size.
  type.get = [nsems](key_t key, int flags) {
    return semget(key, (flags & IPC_CREAT) ? static_cast<int>(nsems) : 0,
                  flags);
  };
  type.after_create = [this, &sel, value, nsems](int id) {
    // Every member gets VALUE in one semop: the operation that makes
    // sem_otime non-zero, which the others wait for.  No SEM_UNDO: the
    // value stays when we exit.
    std::vector<struct sembuf> ops(nsems);
    for (unsigned i = 0; i < nsems; ++i)
      ops[i] = {static_cast<unsigned short>(i), static_cast<short>(value), 0};
    if (semop(id, ops.data(), ops.size()) == 0) return true;
    error(0, errno, _("cannot set the initial value of %s"),
          describe(object_kind::sysv_sem, sel).c_str());
    return false;
  };
  type.after_open = [this, &sel, &create, &until](int id) {
    // Only a --create waits: it expected a set made by itself or a peer
    // running the same protocol.
    if (!create.create) return true;
    id_ = id;
    description_ = describe(object_kind::sysv_sem, sel);
    return wait_initialised(until);
  };
  sysv_object obj;
  if (!open_sysv(sel, create, type, access, obj)) return false;
  id_ = obj.id;
  created_ = obj.created;
  description_ = obj.description;
  ref_ = make_ref(obj, object_kind::sysv_sem);

  struct semid_ds ds;
  if (sem_stat(id_, ds) == 0) nsems_ = static_cast<unsigned>(ds.sem_nsems);
  return true;
}

bool semaphore::wait_initialised(const deadline& until) {
  deadline grace = deadline::after(init_grace);
  auto pause = std::chrono::nanoseconds(1ms);
  for (;;) {
    struct semid_ds ds;
    if (sem_stat(id_, ds) != 0) {
      // Without read permission sem_otime cannot be seen: use the set.
      if (errno == EACCES) return true;
      if (errno == EINVAL || errno == EIDRM)
        error(0, 0, _("%s was removed by another process"),
              description_.c_str());
      else
        error(0, errno, _("cannot open %s"), description_.c_str());
      return false;
    }
    if (ds.sem_otime != 0 || time(nullptr) - ds.sem_ctime >= foreign_set_age ||
        grace.expired())
      return true;
    if (until.expired()) {
      error(0, 0, _("%s exists but its creator has not set its value yet"),
            description_.c_str());
      errno = ETIMEDOUT;
      return false;
    }
    // No event tells when another process runs semop: poll, backing off.
    // Only a set caught between its creator's semget and semop, or one
    // made by a tool that sets values with SETVAL, gets here.
    nap(std::min(pause, grace.remaining()), until);
    pause = std::min<std::chrono::nanoseconds>(pause * 2, 64ms);
  }
}

sem_status semaphore::sysv_op(short op, short flags, const deadline& until) {
  struct sembuf sop = {static_cast<unsigned short>(index_), op, flags};
  for (;;) {
    int r;
    if (until.is_never()) {
      r = semop(id_, &sop, 1);
    } else if (until.expired()) {
      sop.sem_flg = static_cast<short>(flags | IPC_NOWAIT);
      r = semop(id_, &sop, 1);
    } else {
      // semtimedop does not update its timeout on EINTR: the time left is
      // computed afresh on every round.
      struct timespec left = until.remaining_timespec();
      r = semtimedop(id_, &sop, 1, &left);
    }
    if (r == 0) return sem_status::ok;
    if (errno == EINTR) continue;
    return sysv_error(errno);
  }
}

// ---- POSIX ------------------------------------------------------------------

bool semaphore::open_posix_sem(const object_selector& sel,
                               const create_options& create, unsigned value) {
  // An existing semaphore is a file that glibc maps.  Refuse anything in
  // its place that is not one before mapping it (a short file would fault
  // on use); glibc itself refuses a symbolic link (O_NOFOLLOW).
  std::string path = posix_path(object_kind::posix_sem, sel.name);
  std::string desc = describe(object_kind::posix_sem, sel);
  struct stat st;
  if (lstat(path.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      error(0, 0, _("refusing %s: %s is not a regular file"), desc.c_str(),
            quote(path));
      return false;
    }
    if (st.st_size != static_cast<off_t>(sizeof(sem_t))) {
      error(0, 0, _("refusing %s: %s has %lld bytes, not %zu"), desc.c_str(),
            quote(path), static_cast<long long>(st.st_size), sizeof(sem_t));
      return false;
    }
  }
  auto open_fn = [&sel, value](int oflag, mode_t mode) {
    sem_t* sem =
        sem_open(sel.name.c_str(), oflag & (O_CREAT | O_EXCL), mode, value);
    return sem == SEM_FAILED ? posix_handle() : posix_handle(sem);
  };
  posix_object obj;
  if (!open_posix(sel, create, object_kind::posix_sem, O_RDWR, open_fn, nullptr,
                  obj))
    return false;
  created_ = obj.created;
  description_ = obj.description;
  ref_ = make_ref(obj, sel);
  handle_ = std::move(obj.handle);
  sem_ = handle_.sem();
  return true;
}

sem_status semaphore::posix_take_one(const deadline& until) {
  for (;;) {
    int r;
    if (until.is_never()) {
      r = sem_wait(sem_);
    } else if (until.expired()) {
      r = sem_trywait(sem_);
    } else {
      // An absolute time on the monotonic clock: a jump of the wall clock
      // changes nothing, and EINTR needs no recomputation.
      struct timespec now;
      clock_gettime(CLOCK_MONOTONIC, &now);
      struct timespec left = until.remaining_timespec();
      struct timespec when;
      when.tv_sec = now.tv_sec + left.tv_sec;
      when.tv_nsec = now.tv_nsec + left.tv_nsec;
      if (when.tv_nsec >= 1000000000) {
        when.tv_sec += 1;
        when.tv_nsec -= 1000000000;
      }
      r = sem_clockwait(sem_, CLOCK_MONOTONIC, &when);
    }
    if (r == 0) return sem_status::ok;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == ETIMEDOUT) return sem_status::would_block;
    return sem_status::failed;
  }
}

// ---- both -------------------------------------------------------------------

sem_status semaphore::post(unsigned n, bool undo) {
  if (!posix_) {
    if (n > static_cast<unsigned>(sysv_sem_value_max))
      return sem_status::overflow;
    return sysv_op(static_cast<short>(n), undo ? SEM_UNDO : 0,
                   deadline::never());
  }
  int now;
  if (sem_getvalue(sem_, &now) != 0) return sem_status::failed;
  if (static_cast<long long>(now) + n > SEM_VALUE_MAX)
    return sem_status::overflow;
  for (unsigned i = 0; i < n; ++i) {
    if (sem_post(sem_) != 0) {
      int err = errno;
      // Others posted meanwhile: take back what we added.
      for (unsigned j = 0; j < i; ++j) sem_trywait(sem_);
      if (err == EOVERFLOW) return sem_status::overflow;
      errno = err;
      return sem_status::failed;
    }
  }
  return sem_status::ok;
}

sem_status semaphore::take(unsigned n, const deadline& until, bool undo) {
  if (!posix_) {
    if (n > static_cast<unsigned>(sysv_sem_value_max)) {
      // More than a semaphore can ever hold: it would wait forever.
      return sysv_op(0, IPC_NOWAIT, until) == sem_status::removed
                 ? sem_status::removed
                 : sem_status::would_block;
    }
    return sysv_op(static_cast<short>(-static_cast<int>(n)),
                   undo ? SEM_UNDO : 0, until);
  }
  for (unsigned i = 0; i < n; ++i) {
    sem_status r = posix_take_one(until);
    if (r != sem_status::ok) {
      int err = errno;
      for (unsigned j = 0; j < i; ++j) sem_post(sem_);
      errno = err;
      return r;
    }
  }
  return sem_status::ok;
}

sem_status semaphore::wait_zero(const deadline& until) {
  if (posix_) {
    errno = EINVAL;
    return sem_status::failed;
  }
  return sysv_op(0, 0, until);
}

long semaphore::value() const {
  if (posix_) {
    int v;
    if (sem_getvalue(sem_, &v) != 0) return -1;
    return v;
  }
  int v = semctl(id_, static_cast<int>(index_), GETVAL);
  return v < 0 ? -1 : v;
}

bool semaphore::remove(bool allow_foreign) {
  return remove_if_owned(ref_, allow_foreign) == remove_result::removed;
}

// ---- the options semsig and semwait share ---------------------------------

bool take_sem_option(sem_options& opts, int opt, const char* arg) {
  // The kind of semaphore is not known yet: the range of each kind is
  // checked in finish_sem_options().
  switch (opt) {
    case 'V':
      opts.value = static_cast<long>(
          xparse_int(arg, 0, SEM_VALUE_MAX, _("invalid value")));
      return true;
    case option_nsems:
      opts.nsems = static_cast<long>(
          xparse_int(arg, 1, INT_MAX, _("invalid number of semaphores")));
      return true;
    case 'I':
      opts.index = static_cast<long>(
          xparse_int(arg, 0, INT_MAX - 1, _("invalid index")));
      return true;
    case 'N':
      opts.count = static_cast<long>(
          xparse_int(arg, 1, SEM_VALUE_MAX, _("invalid count")));
      return true;
    case option_show:
      opts.show = true;
      return true;
    case option_remove:
      opts.remove = true;
      return true;
    default:
      return false;
  }
}

void finish_sem_options(const sem_options& opts, const object_selector& sel,
                        const create_options& create) {
  if (opts.value && !create.create)
    usage_error(_("option --value needs --create"));
  if (opts.nsems && !create.create)
    usage_error(_("option --nsems needs --create"));
  if (sel.posix()) {
    if (opts.nsems)
      usage_error(_("option --nsems applies only to System V semaphores"));
    if (opts.index)
      usage_error(_("option --index applies only to System V semaphores"));
  } else {
    if (opts.value && *opts.value > sysv_sem_value_max)
      usage_error(
          _("invalid value %ld: a System V semaphore holds at most %ld"),
          *opts.value, sysv_sem_value_max);
    if (opts.count && *opts.count > sysv_sem_value_max)
      usage_error(
          _("invalid count %ld: a System V semaphore holds at most %ld"),
          *opts.count, sysv_sem_value_max);
  }
  if (opts.show && opts.count)
    usage_error(_("options --show and --count are mutually exclusive"));
  if (opts.show && opts.remove)
    usage_error(_("options --show and --remove are mutually exclusive"));
}

bool take_sem_program_option(object_selector& sel, create_options& create,
                             sem_options& opts, int opt, const char* arg) {
  return take_selector_option(sel, opt, arg) ||
         take_create_option(create, opt, arg) ||
         take_sem_option(opts, opt, arg);
}

void finish_sem_program_options(object_selector& sel,
                                const create_options& create,
                                const sem_options& opts) {
  finish_selector(sel);
  // sem_open puts "sem." before the name: refuse what it would only
  // refuse later as "File name too long".
  if (sel.posix()) check_name_for_kind(object_kind::posix_sem, sel.name);
  finish_create_options(create, sel, opts.remove);
  finish_sem_options(opts, sel, create);
}

void emit_sem_option_help() {
  fputs(_("      --nsems=N          System V: the number of semaphores in a "
          "created set\n"
          "                           (default 1)\n"),
        stdout);
  fputs(_("  -I, --index=N          System V: which semaphore of the set "
          "(default 0)\n"),
        stdout);
}

int open_for_program(semaphore& s, object_selector& sel,
                     const create_options& create, const sem_options& opts,
                     long default_value, const deadline& until, int access,
                     int failure) {
  unsigned value = static_cast<unsigned>(opts.value.value_or(default_value));
  unsigned nsems = static_cast<unsigned>(opts.nsems.value_or(1));
  if (!s.open(sel, create, value, nsems, until, access))
    return errno == ETIMEDOUT ? exit_timeout : failure;
  unsigned index = static_cast<unsigned>(opts.index.value_or(0));
  // Without read permission the size is unknown (0): semop then answers
  // EFBIG for a member past the end.
  if (s.size() != 0 && index >= s.size()) {
    error(0, 0,
          ngettext("invalid index %u: %s has %u member",
                   "invalid index %u: %s has %u members", s.size()),
          index, s.description().c_str(), s.size());
    return exit_usage;
  }
  s.select(index);
  return exit_ok;
}

int show_value(semaphore& s, int failure) {
  long v = s.value();
  if (v < 0) {
    error(0, errno, _("cannot read the value of %s"), s.description().c_str());
    return failure;
  }
  printf("%ld\n", v);
  return exit_ok;
}

int remove_if_ours(semaphore& s, const create_options& create, int failure) {
  return s.remove(create.allow_foreign) ? exit_ok : failure;
}

}  // namespace ipcutil
