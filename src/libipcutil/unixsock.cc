#include <config.h>

#include "libipcutil/unixsock.hh"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

namespace ipcutil {

std::size_t unix_address_length(std::string_view text)
{
  if (!text.empty() && text.front() == '@')
    return text.size() - 1;
  return text.size();
}

address_error make_unix_address(std::string_view text, unix_address& out)
{
  out = unix_address{};
  bool abstract = !text.empty() && text.front() == '@';
  std::string_view name = abstract ? text.substr(1) : text;
  if (name.empty())
    return address_error::empty;
  if (name.size() > max_socket_path)
    return address_error::too_long;
  if (!abstract && name.find('\0') != std::string_view::npos)
    return address_error::has_nul;
  out.addr.sun_family = AF_UNIX;
  // Abstract: a leading NUL, then exactly the name's bytes; the address
  // length, not a terminator, says where it ends.
  memcpy(out.addr.sun_path + (abstract ? 1 : 0), name.data(), name.size());
  out.len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path)
                                   + name.size() + 1);
  out.abstract = abstract;
  out.text.assign(text);
  return address_error::ok;
}

probe_result probe_unix_address(const unix_address& addr, int type)
{
  unique_fd fd(socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd)
    return probe_result::error;
  if (connect(fd.get(), addr.get(), addr.len) == 0)
    return probe_result::live;
  switch (errno) {
    case EAGAIN:      // a listener whose backlog is full
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
// sticky bit) and that is not ours: what we lstat there may not be what
// we unlink a moment later.
bool unsafe_directory(const char* path)
{
  std::string dir(path);
  auto slash = dir.rfind('/');
  if (slash == std::string::npos)
    dir = ".";
  else if (slash == 0)
    dir = "/";
  else
    dir.resize(slash);
  struct stat st;
  if (stat(dir.c_str(), &st) != 0)
    return true;
  return (st.st_mode & S_IWOTH) != 0 && (st.st_mode & S_ISVTX) == 0
         && st.st_uid != geteuid();
}

bind_status fail(bound_socket& out, int err)
{
  out.error = err;
  out.fd.reset();
  return bind_status::failed;
}

// Makes room for a new socket at PATH: nothing there, or a stale socket
// we may remove.
bind_status clear_path(const char* path, const unix_address& addr,
                       const bind_request& req, bound_socket& out)
{
  struct stat st;
  if (lstat(path, &st) != 0)
    return errno == ENOENT ? bind_status::ok : fail(out, errno);
  if (!S_ISSOCK(st.st_mode))
    return bind_status::not_socket;
  switch (probe_unix_address(addr, req.type)) {
    case probe_result::live:
      out.error = EADDRINUSE;
      return bind_status::in_use;
    case probe_result::absent:  // removed since lstat: nothing to clear
      return bind_status::ok;
    case probe_result::error:
      return fail(out, errno);
    case probe_result::stale:
      break;
  }
  if (st.st_uid != geteuid() && !req.allow_foreign) {
    out.owner = st.st_uid;
    return bind_status::foreign;
  }
  if (unsafe_directory(path))
    return bind_status::unsafe_dir;
  // Only the socket we probed: if it has been replaced meanwhile, leave
  // the newcomer alone and let bind report the address in use.
  struct stat again;
  if (lstat(path, &again) == 0 && again.st_dev == st.st_dev
      && again.st_ino == st.st_ino && S_ISSOCK(again.st_mode)) {
    if (unlink(path) != 0 && errno != ENOENT)
      return fail(out, errno);
    out.replaced_stale = true;
  }
  return bind_status::ok;
}

}  // namespace

bind_status bind_unix_socket(const unix_address& addr, const bind_request& req,
                             bound_socket& out)
{
  out = bound_socket{};
  const char* path = addr.path();
  if (path != nullptr) {
    bind_status cleared = clear_path(path, addr, req, out);
    if (cleared != bind_status::ok)
      return cleared;
  }

  out.fd.reset(socket(AF_UNIX, req.type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!out.fd)
    return fail(out, errno);
  mode_t mode = req.mode & 0777;
  // bind() gives the file the socket inode's mode minus the umask.  Both
  // are set, so neither a default ACL (which replaces the umask) nor the
  // umask alone can make the file appear wider, even for an instant;
  // chmod after bind would leave a window (socat's documented one).
  if (path != nullptr && fchmod(out.fd.get(), mode) != 0)
    return fail(out, errno);
  mode_t old_mask = umask(~mode & 0777);
  int rc = bind(out.fd.get(), addr.get(), addr.len);
  int err = errno;
  umask(old_mask);
  if (rc != 0) {
    out.fd.reset();
    out.error = err;
    return err == EADDRINUSE ? bind_status::in_use : bind_status::failed;
  }
  if (path != nullptr) {
    struct stat st;
    if (lstat(path, &st) != 0)
      return fail(out, errno);
    out.dev = st.st_dev;
    out.ino = st.st_ino;
  }
  if (req.type != SOCK_DGRAM && listen(out.fd.get(), req.backlog) != 0) {
    err = errno;
    if (path != nullptr)
      remove_bound_socket(path, out.dev, out.ino);
    return fail(out, err);
  }
  return bind_status::ok;
}

bool remove_bound_socket(const char* path, dev_t dev, ino_t ino)
{
  struct stat st;
  if (path == nullptr || lstat(path, &st) != 0 || st.st_dev != dev
      || st.st_ino != ino || !S_ISSOCK(st.st_mode))
    return false;
  return unlink(path) == 0;
}

bool autobind_unix_socket(int fd)
{
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  // Only the family: the kernel picks a unique abstract name (unix.7).
  return bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(sa_family_t)) == 0;
}

}  // namespace ipcutil
