// One interface over a System V semaphore (one member of a set) and a POSIX
// named semaphore, for semsig, semwait and the --lock of shmput/shmget:
// open or create with a race-free initial value, post N, take N before a
// deadline (with or without SEM_UNDO), wait for zero, read the value,
// remove.
//
// Race-free creation, System V (Stevens): the creator makes the set with
// IPC_CREAT|IPC_EXCL and sets the initial value with semop, so sem_otime
// becomes non-zero; a --create that finds the set already there waits
// until sem_otime is non-zero before using it.  That wait is bounded by
// the deadline and by a grace of its own, because a set made by another
// tool (ipcmk -S, a C program using SETVAL) may never see a semop: past
// the grace the set is used as it is (object.hh's wait_sem_initialised
// gives up instead, which issue 8 forbids for such sets).  POSIX: sem_open
// with O_CREAT and the value is atomic already; open_posix (object.hh)
// does the rest.
//
// Waiting follows a deadline on the monotonic clock: semtimedop with the
// time left (recomputed after every EINTR, which semop returns even after
// a plain SIGSTOP/SIGCONT), sem_clockwait on CLOCK_MONOTONIC.
//
// A lock, as shmput/shmget --lock use it:
//   semaphore lock;
//   lock.open(sel, create /* create = true */, 1, 1, until);
//   lock.take(1, until, true);   // SEM_UNDO: a kill -9 frees it
//   ...
//   lock.post(1, true);
#pragma once
#include <getopt.h>
#include <semaphore.h>
#include <sys/types.h>

#include <optional>
#include <string>

#include "libipcutil/deadline.hh"
#include "libipcutil/kinds.hh"
#include "libipcutil/object.hh"
#include "libipcutil/options.hh"

namespace ipcutil {

// The largest value of a System V semaphore (Linux SEMVMX).
constexpr long sysv_sem_value_max = 32767;

enum class sem_status {
  ok,
  would_block,   // the deadline expired (or was 0) before the units were free
  removed,       // the System V set was removed (EIDRM, or its id vanished)
  overflow,      // a post would exceed max_value(); nothing was added
  out_of_range,  // the index is not a member of the set (EFBIG)
  failed,        // errno says why
};

class semaphore {
 public:
  semaphore() = default;
  ~semaphore() = default;
  semaphore(const semaphore&) = delete;
  semaphore& operator=(const semaphore&) = delete;

  // Opens the semaphore SEL names, or with CREATE.create makes it: a
  // System V set of NSEMS members each starting at VALUE, or a POSIX named
  // semaphore starting at VALUE, with exactly CREATE.mode.  An existing
  // System V set found by --create is used once its creator has set its
  // value (see above), waiting no longer than UNTIL; past UNTIL, open
  // fails with errno ETIMEDOUT (diagnosed).  ACCESS is 0400 to read the
  // value only, 0600 to change it.  Prints a diagnostic and returns false
  // on failure.
  bool open(object_selector& sel, const create_options& create, unsigned value,
            unsigned nsems, const deadline& until, int access = 0600);

  bool posix() const { return posix_; }
  bool created() const { return created_; }
  // For diagnostics, the whole description (kinds.hh): "semaphore set key
  // 0x00001234", "POSIX semaphore '/s'".
  const std::string& description() const { return description_; }
  // What remove_if_owned (kinds.hh) takes.
  const object_ref& ref() const { return ref_; }
  // The number of members of the System V set (1 for POSIX); 0 when it
  // cannot be read (no read permission).
  unsigned size() const { return nsems_; }
  // The member of the set that post/take/wait_zero/value use (default 0).
  void select(unsigned index) { index_ = index; }
  unsigned index() const { return index_; }
  // SEMVMX (32767) or SEM_VALUE_MAX.
  long max_value() const;

  // Adds N: System V in one semop (atomic); POSIX with N sem_posts, after
  // checking that the value stays within SEM_VALUE_MAX (and taking back
  // what was posted if it would not).  UNDO (System V) cancels the
  // adjustment of an earlier take with UNDO, as when releasing a lock.
  sem_status post(unsigned n, bool undo = false);

  // Takes N units, waiting until UNTIL.  System V: one semtimedop, atomic,
  // with SEM_UNDO when UNDO (the kernel gives the units back when the
  // process ends).  POSIX: one unit at a time under the one deadline, and
  // what was taken is given back if the deadline passes (not atomic).
  sem_status take(unsigned n, const deadline& until, bool undo = false);

  // System V: waits until the value is zero.
  sem_status wait_zero(const deadline& until);

  // The current value; -1 with errno set if it cannot be read.
  long value() const;

  // Removes it if it is ours (remove_if_owned, kinds.hh); diagnosed.
  bool remove(bool allow_foreign = false);

 private:
  bool open_sysv_set(object_selector& sel, const create_options& create,
                     unsigned value, unsigned nsems, const deadline& until,
                     int access);
  bool wait_initialised(const deadline& until);
  bool open_posix_sem(const object_selector& sel, const create_options& create,
                      unsigned value);
  sem_status sysv_op(short op, short flags, const deadline& until);
  sem_status posix_take_one(const deadline& until);

  bool posix_ = false;
  bool created_ = false;
  int id_ = -1;
  unsigned nsems_ = 0;
  unsigned index_ = 0;
  posix_handle handle_;  // POSIX: the sem_open mapping
  sem_t* sem_ = nullptr;
  std::string description_;
  object_ref ref_;
};

// ---- the options semsig and semwait share ---------------------------------

#define IPCUTIL_SEM_SHORT_OPTIONS "V:I:N:"
#define IPCUTIL_SEM_LONG_OPTIONS                                      \
  {"value", required_argument, nullptr, 'V'},                         \
      {"nsems", required_argument, nullptr, ::ipcutil::option_nsems}, \
      {"index", required_argument, nullptr, 'I'},                     \
      {"count", required_argument, nullptr, 'N'},                     \
      {"show", no_argument, nullptr, ::ipcutil::option_show}, {       \
    "remove", no_argument, nullptr, ::ipcutil::option_remove          \
  }

struct sem_options {
  std::optional<long> value;  // -V: initial value when creating
  std::optional<long> nsems;  // --nsems: members of a created set
  std::optional<long> index;  // -I: member of the set
  std::optional<long> count;  // -N: units to add or take
  bool show = false;          // --show: print the value, change nothing
  bool remove = false;        // --remove: remove it afterwards, if ours
};

// True if OPT was one of the options above (a bad value exits 2).
bool take_sem_option(sem_options& opts, int opt, const char* arg);
// Usage errors (status 2): --value or --nsems without --create, the
// System V options with --name, --show with --count, --show with
// --remove, a count or value over what the kind of semaphore holds.
void finish_sem_options(const sem_options& opts, const object_selector& sel,
                        const create_options& create);
// The --help lines of --nsems and --index (each program words the others
// itself).
void emit_sem_option_help();

// What semsig and semwait both take: the selector, creation and semaphore
// options, with their short letters.
#define IPCUTIL_SEM_PROGRAM_SHORT_OPTIONS                     \
  IPCUTIL_SELECTOR_SHORT_OPTIONS IPCUTIL_CREATE_SHORT_OPTIONS \
      IPCUTIL_SEM_SHORT_OPTIONS
// True if OPT was one of them (take_selector_option, take_create_option,
// take_sem_option).
bool take_sem_program_option(object_selector& sel, create_options& create,
                             sem_options& opts, int opt, const char* arg);
// finish_selector, finish_create_options (--remove is OPTS.remove) and
// finish_sem_options, in that order.
void finish_sem_program_options(object_selector& sel,
                                const create_options& create,
                                const sem_options& opts);

// Opens the semaphore for a program: S.open() with --value (else
// DEFAULT_VALUE) and --nsems, then selects --index.  Returns 0, or the
// exit status after a diagnostic: FAILURE (1, or 125 for semwait with a
// command), 2 for an index past the end of the set, 3 when --create gave
// up at UNTIL waiting for the set's creator.
int open_for_program(semaphore& s, object_selector& sel,
                     const create_options& create, const sem_options& opts,
                     long default_value, const deadline& until, int access,
                     int failure);
// --show: prints the value and a newline; returns the exit status.
int show_value(semaphore& s, int failure);
// --remove: removes S if it is ours; returns the exit status.
int remove_if_ours(semaphore& s, const create_options& create, int failure);

}  // namespace ipcutil
