// UNIX domain socket addresses and binding a listening socket safely:
// a length-checked sun_path (never truncated), the abstract namespace
// spelled "@NAME", a stale socket told from a live one by connecting to
// it, a mode that is never wider than asked for, and removal at exit only
// of the very socket we bound.
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

  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&addr); }
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
  absent,      // nothing is bound there (no file, or no abstract listener)
  stale,       // a socket file nobody listens on (ECONNREFUSED)
  live,        // someone accepts connections there (of any socket type)
  error,       // the probe itself failed; errno says why
};

// Connects a socket of TYPE to ADDR without blocking, and closes it.  A
// listener with a full backlog (EAGAIN) or of another type (EPROTOTYPE)
// is live too.
probe_result probe_unix_address(const unix_address& addr, int type);

struct bind_request {
  int type = SOCK_STREAM;
  mode_t mode = 0600;          // exact permission bits of the socket file
  bool allow_foreign = false;  // may replace another user's stale socket
  int backlog = SOMAXCONN;     // for stream and seqpacket
};

enum class bind_status {
  ok,
  in_use,        // a live server has the address (or won a race for it)
  not_socket,    // the path exists and is no socket (file, dir, symlink...)
  foreign,       // a stale socket of another user, not allowed
  unsafe_dir,    // a stale socket in a world-writable, non-sticky directory
                 // that is not ours: someone else could swap it under us
  failed,        // a system call failed; errno-style code in `error`
};

struct bound_socket {
  unique_fd fd;
  bool replaced_stale = false;  // a stale socket was removed first
  dev_t dev = 0;                // the socket file we created
  ino_t ino = 0;
  uid_t owner = 0;              // owner of the refused stale socket (foreign)
  int error = 0;                // errno for failed (and in_use)
};

// Creates a socket of REQ.type (non-blocking, close-on-exec), binds it to
// ADDR and listens (stream, seqpacket).  An existing path is replaced only
// if it is a stale socket that is ours (or REQ.allow_foreign) in a safe
// directory; anything else stays as it was.  The mode is set with fchmod
// before bind and a umask around bind, so the file never exists with
// wider bits.  OUT.dev/OUT.ino identify the file for remove_bound_socket.
bind_status bind_unix_socket(const unix_address& addr, const bind_request& req,
                             bound_socket& out);

// Unlinks PATH only if it is still the socket file DEV/INO (a later server
// may have replaced it).  True if it was removed.
bool remove_bound_socket(const char* path, dev_t dev, ino_t ino);

// Lets a datagram socket receive replies: binds it to an address in the
// abstract namespace chosen by the kernel, so no file is left behind.
bool autobind_unix_socket(int fd);

}  // namespace ipcutil
