#include <config.h>

#include "libipcutil/unixsock.hh"

#include "libipcutil/fspath.hh"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <string>

namespace ipcutil {

std::size_t unix_address_length(std::string_view text) {
  if (!text.empty() && text.front() == '@') return text.size() - 1;
  return text.size();
}

address_error make_unix_address(std::string_view text, unix_address& out) {
  out = unix_address{};
  bool abstract = !text.empty() && text.front() == '@';
  std::string_view name = abstract ? text.substr(1) : text;
  if (name.empty()) return address_error::empty;
  if (name.size() > max_socket_path) return address_error::too_long;
  if (!abstract && name.find('\0') != std::string_view::npos)
    return address_error::has_nul;
  out.addr.sun_family = AF_UNIX;
  // Abstract: a leading NUL, then exactly the name's bytes; the address
  // length, not a terminator, says where it ends.
  memcpy(out.addr.sun_path + (abstract ? 1 : 0), name.data(), name.size());
  out.len =
      static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size() + 1);
  out.abstract = abstract;
  out.text.assign(text);
  return address_error::ok;
}

probe_result probe_unix_address(const unix_address& addr, int type) {
  unique_fd fd(socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) return probe_result::error;
  if (connect(fd.get(), addr.get(), addr.len) == 0) return probe_result::live;
  switch (errno) {
    case EAGAIN:  // a listener whose backlog is full
    case EINPROGRESS:
    case EPROTOTYPE:  // a listener of another socket type
    case EISCONN:
      return probe_result::live;
    case ECONNREFUSED:
      return addr.abstract ? probe_result::absent : probe_result::stale;
    case ENOENT:
      return probe_result::absent;
    default:
      return probe_result::error;
  }
}

namespace {

// A directory where others may rename files (world-writable without the
// sticky bit) and that is not ours.
bool unsafe_directory(const char* path) {
  std::string dir(path);
  auto slash = dir.rfind('/');
  if (slash == std::string::npos)
    dir = ".";
  else if (slash == 0)
    dir = "/";
  else
    dir.resize(slash);
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) return true;
  return (st.st_mode & S_IWOTH) != 0 && (st.st_mode & S_ISVTX) == 0 &&
         st.st_uid != geteuid();
}

}  // namespace

stale_removal remove_stale_socket(const char* path, const struct stat& st) {
  if (unsafe_directory(path)) return stale_removal::unsafe_dir;
  struct stat now;
  if (lstat(path, &now) != 0)
    return errno == ENOENT ? stale_removal::removed : stale_removal::failed;
  if (now.st_dev != st.st_dev || now.st_ino != st.st_ino ||
      !S_ISSOCK(now.st_mode))
    return stale_removal::replaced;
  if (unlink(path) != 0 && errno != ENOENT) return stale_removal::failed;
  return stale_removal::removed;
}

int bind_unix_socket(const unix_address& addr, int type, mode_t mode,
                     int backlog, unique_fd& out, dev_t* dev, ino_t* ino) {
  unique_fd fd(socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) return errno;
  const char* path = addr.path();
  mode &= 0777;
  if (path != nullptr && fchmod(fd.get(), mode) != 0) return errno;
  int rc;
  {
    umask_guard mask(~mode & 0777);
    rc = bind(fd.get(), addr.get(), addr.len);
  }
  if (rc != 0) return errno;
  struct stat st {};
  if (path != nullptr && lstat(path, &st) != 0) return errno;
  if (type != SOCK_DGRAM && listen(fd.get(), backlog) != 0) {
    int err = errno;
    if (path != nullptr) remove_bound_socket(path, st.st_dev, st.st_ino);
    return err;
  }
  *dev = st.st_dev;
  *ino = st.st_ino;
  out = std::move(fd);
  return 0;
}

bool remove_bound_socket(const char* path, dev_t dev, ino_t ino) {
  struct stat st;
  if (path == nullptr || lstat(path, &st) != 0 || st.st_dev != dev ||
      st.st_ino != ino || !S_ISSOCK(st.st_mode))
    return false;
  return unlink(path) == 0;
}

bool autobind_unix_socket(int fd) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  // Only the family: the kernel picks a unique abstract name (unix.7).
  return bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(sa_family_t)) == 0;
}

}  // namespace ipcutil
