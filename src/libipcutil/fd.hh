// File descriptors: an owning handle and I/O loops that retry EINTR and
// short transfers.
#pragma once
#include <sys/types.h>
#include <cstddef>

namespace ipcutil {

class unique_fd {
 public:
  unique_fd() = default;
  explicit unique_fd(int fd) : fd_(fd) {}
  unique_fd(unique_fd&& other) noexcept : fd_(other.release()) {}
  unique_fd& operator=(unique_fd&& other) noexcept;
  unique_fd(const unique_fd&) = delete;
  unique_fd& operator=(const unique_fd&) = delete;
  ~unique_fd();

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release();
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// Reads until LEN bytes or end of file.  Returns the bytes read (short only
// at EOF), or -1 with errno set.
ssize_t read_full(int fd, void* buf, std::size_t len);

// Writes all LEN bytes.  Returns true, or false with errno set.  EAGAIN on a
// non-blocking descriptor waits with poll() instead of failing.
bool write_full(int fd, const void* buf, std::size_t len);

}  // namespace ipcutil
