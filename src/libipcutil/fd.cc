#include <config.h>

#include "libipcutil/fd.hh"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

namespace ipcutil {

unique_fd& unique_fd::operator=(unique_fd&& other) noexcept {
  if (this != &other) reset(other.release());
  return *this;
}

unique_fd::~unique_fd() { reset(); }

int unique_fd::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void unique_fd::reset(int fd) {
  if (fd_ >= 0)
    close(fd_);  // close() is not retried on EINTR: Linux has freed the fd
  fd_ = fd;
}

ssize_t read_full(int fd, void* buf, std::size_t len) {
  auto* p = static_cast<char*>(buf);
  std::size_t done = 0;
  while (done < len) {
    ssize_t n = read(fd, p + done, len - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

bool write_full(int fd, const void* buf, std::size_t len) {
  const auto* p = static_cast<const char*>(buf);
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        // A non-blocking descriptor handed to us by the caller: wait for
        // room rather than lose the rest of the data.
        struct pollfd pfd = {fd, POLLOUT, 0};
        if (poll(&pfd, 1, -1) < 0 && errno != EINTR) return false;
        continue;
      }
      return false;
    }
    p += n;
    len -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace ipcutil
