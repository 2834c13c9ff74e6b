// Creation options for a filesystem path rather than a System V or POSIX
// object: fifochat's FIFOs, udsecho's socket.  The same -c, -x, -m and
// --allow-foreign (take_create_option, object.hh), with the security
// defaults of RELIABILITY.md: never through a symlink, the right file
// type, ours unless --allow-foreign, and a created FIFO gets exactly
// --mode whatever the umask.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <string>

#include "libipcutil/object.hh"

namespace ipcutil {

enum class path_type { fifo, socket };

// "FIFO 'PATH'", "socket 'PATH'": one translated unit each.
std::string describe_path(path_type type, const std::string& path);

// Usage error (status 2): --mode or --allow-foreign without --create,
// for a program whose object is a path.
void finish_path_create_options(const create_options& create);

enum class path_check { ok, missing, refused };

// Checks what is at PATH now, without following a symlink (lstat): a
// FIFO or socket as TYPE says, ours (st_uid == euid, as is_ours) unless
// ALLOW_FOREIGN.  missing (ENOENT) is not diagnosed; refused is, as one
// line ("FIFO 'p' exists and belongs to uid N; use --allow-foreign to
// accept", "... is a symbolic link", "... is not a FIFO").  *ST, if given,
// receives the lstat of an accepted path.
path_check check_existing_path(const std::string& path, path_type type,
                               bool allow_foreign, struct stat* st = nullptr);

// mkfifo(PATH) with exactly MODE: the umask is cleared around the call
// (the programs are single-threaded).  0, or -1 with errno.
int mkfifo_exact(const std::string& path, mode_t mode);

// Clears the umask while alive: for bind() of a socket with an exact mode.
class umask_guard {
 public:
  explicit umask_guard(mode_t mask = 0) : old_(umask(mask)) {}
  ~umask_guard() { umask(old_); }
  umask_guard(const umask_guard&) = delete;
  umask_guard& operator=(const umask_guard&) = delete;

 private:
  mode_t old_;
};

// A FIFO at PATH as CREATE asks: with --create, made with exactly --mode
// unless one is there (--exclusive: refused) that check_existing_path
// accepts; without --create, an existing one check_existing_path accepts
// (a missing one: "does not exist").  *CREATED tells whether this call made
// it.  Diagnosed failures return false.
bool prepare_fifo(const std::string& path, const create_options& create,
                  bool* created);

}  // namespace ipcutil
