// UNIX domain socket addresses and binding a listening socket safely:
// a length-checked sun_path (never truncated), the abstract namespace
// spelled "@NAME", a stale socket told from a live one by connecting to
// it, a mode that is never wider than asked for, and removal at exit only
// of the very socket we bound.  What may stand at a path before we bind
// there (type, owner, no symlink) is fspath.hh's check_existing_path.
#pragma once
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "libipcutil/fd.hh"

namespace ipcutil {

// The longest filesystem path or abstract name: sun_path holds 108 bytes,
// and a path needs its terminating NUL to be portable (unix.7).
constexpr std::size_t max_socket_path = sizeof(sockaddr_un::sun_path) - 1;

struct unix_address {
  sockaddr_un addr{};
  socklen_t len = 0;
  bool abstract = false;
  std::string text;  // as the user wrote it: "PATH" or "@NAME"

  const sockaddr* get() const {
    return reinterpret_cast<const sockaddr*>(&addr);
  }
  // The filesystem path, or nullptr for an abstract name.
  const char* path() const { return abstract ? nullptr : addr.sun_path; }
};

enum class address_error {
  ok,
  empty,     // "" or "@"
  too_long,  // more than max_socket_path bytes (after the '@')
  has_nul,   // a NUL byte inside a path (cannot come from argv)
};

// "PATH" names a file; "@NAME" the abstract NAME (its bytes after a
// leading NUL, with the length telling where it ends, as ss and socat
// ABSTRACT show it).  Nothing is truncated: too_long instead.
address_error make_unix_address(std::string_view text, unix_address& out);

// The bytes the length check counted (the path, or NAME without the '@').
std::size_t unix_address_length(std::string_view text);

// What connecting to an existing address says about it.
enum class probe_result {
  absent,  // nothing is bound there (no file, or no abstract listener)
  stale,   // a socket file nobody listens on (ECONNREFUSED)
  live,    // someone accepts connections there (of any socket type)
  error,   // the probe itself failed; errno says why
};

// Connects a socket of TYPE to ADDR without blocking, and closes it.  A
// listener with a full backlog (EAGAIN) or of another type (EPROTOTYPE)
// is live too.
probe_result probe_unix_address(const unix_address& addr, int type);

enum class stale_removal {
  removed,     // the stale socket is gone; bind may go ahead
  replaced,    // another file took its place since: left alone
  unsafe_dir,  // in a world-writable directory without the sticky bit
               // that is not ours: what we checked may not be what we
               // would unlink, so it stays
  failed,      // unlink failed; errno says why
};

// Removes the stale socket at PATH that ST (its lstat, checked with
// check_existing_path in fspath.hh, and probed as stale) describes, only
// if it is still that very file.
stale_removal remove_stale_socket(const char* path, const struct stat& st);

// Creates a socket of TYPE (non-blocking, close-on-exec), binds it to ADDR
// and listens (stream, seqpacket) with BACKLOG.  A file is made with
// exactly MODE: set on the socket with fchmod before bind and by the umask
// around it, so neither a default ACL (which replaces the umask) nor the
// umask can make it wider, even for an instant; chmod after bind would
// leave a window (socat's documented one).  *DEV and *INO identify the
// file for remove_bound_socket.  Returns 0, or an errno value (EADDRINUSE:
// someone has the address).
int bind_unix_socket(const unix_address& addr, int type, mode_t mode,
                     int backlog, unique_fd& out, dev_t* dev, ino_t* ino);

// Unlinks PATH only if it is still the socket file DEV/INO (a later server
// may have replaced it).  True if it was removed.
bool remove_bound_socket(const char* path, dev_t dev, ino_t ino);

// Lets a datagram socket receive replies: binds it to an address in the
// abstract namespace chosen by the kernel, so no file is left behind.
bool autobind_unix_socket(int fd);

}  // namespace ipcutil
