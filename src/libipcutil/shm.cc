#include <config.h>

#include "libipcutil/shm.hh"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <semaphore>
#include <system_error>
#include <thread>
#include <vector>

#include "libipcutil/fd.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

namespace ipcutil {

namespace {

constexpr const char shmmax_path[] = "/proc/sys/kernel/shmmax";
constexpr const char shm_rmid_forced_path[] =
    "/proc/sys/kernel/shm_rmid_forced";
constexpr const char posix_shm_dir[] = "/dev/shm";

// pread/pwrite chunks for POSIX objects: big enough that system calls
// cost little next to the copy, small enough to stay in the cache.
constexpr std::size_t posix_chunk = 256 * 1024;

// Ranges at least this long are pre-faulted in one madvise call before
// read() fills them: one call instead of a page fault per 4 KiB page.
constexpr std::size_t prefault_threshold = 1 << 20;

std::uint64_t read_proc_u64(const char* path, std::uint64_t fallback) {
  std::uint64_t value = fallback;
  if (FILE* f = fopen(path, "re")) {
    unsigned long long n;
    if (fscanf(f, "%llu", &n) == 1) value = n;
    fclose(f);
  }
  return value;
}

// Copies between our memory and the segment go through the kernel
// (process_vm_readv/writev on ourselves), in chunks of this size through a
// buffer that stays in the cache.  The kernel reaches the segment's pages
// without using our page tables, so this process never takes a fault per
// page of its new attachment; on a virtual machine such faults cost more
// than copying the page (bench/shm).  A page of a POSIX mapping past the
// object's end is EFAULT there, as for read(), never SIGBUS.
constexpr std::size_t copy_chunk = 256 * 1024;

// Whether process_vm_readv works here: it is missing from kernels built
// without CONFIG_CROSS_MEMORY_ATTACH and may be refused by a seccomp
// filter.  Then the old way: plain copies through the mapping.
bool kernel_copy_available() {
  static const bool available = [] {
    char from = 1, to = 0;
    struct iovec local = {&to, 1}, remote = {&from, 1};
    return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == 1;
  }();
  return available;
}

// Copies LEN bytes from our memory at FROM to our memory at TO through the
// kernel; the segment is the "remote" side (SEGMENT_IS_DEST says which).
// False with errno on failure (EFAULT: a POSIX object shrank).
bool kernel_copy(void* to, const void* from, std::size_t len,
                 bool segment_is_dest) {
  pid_t self = getpid();
  auto* dst = static_cast<char*>(to);
  auto* src = static_cast<const char*>(from);
  while (len > 0) {
    struct iovec d = {dst, len}, s = {const_cast<char*>(src), len};
    ssize_t n = segment_is_dest ? process_vm_writev(self, &s, 1, &d, 1, 0)
                                : process_vm_readv(self, &d, 1, &s, 1, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) {
      errno = EFAULT;
      return false;
    }
    dst += n;
    src += n;
    len -= static_cast<std::size_t>(n);
  }
  return true;
}

// Inputs at least this long are read by a second thread while this one
// copies the chunk before into the segment: the two copies overlap, as the
// two processes of cat | cat do (bench/shm).
constexpr std::size_t overlap_threshold = 4 << 20;

enum class overlap_end { ok, read_failed, copy_failed, no_thread };

// Copies FD into the segment at DEST + *DONE until DEST + LEN or the end
// of the input, through two buffers: a second thread reads into one while
// this one copies the other with kernel_copy.  *DONE grows by what was
// copied.  read_failed and copy_failed set errno; no_thread (a thread
// limit) means nothing was read.
overlap_end overlapped_copy(int fd, char* dest, std::size_t len,
                            std::size_t* done) {
  struct chunk {
    std::vector<char> data = std::vector<char>(copy_chunk);
    ssize_t got = 0;
    int err = 0;
    std::counting_semaphore<> empty{1}, full{0};
  };
  chunk chunks[2];
  std::atomic<bool> stop{false};
  const std::size_t first = *done;
  auto read_ahead = [&] {
    std::size_t asked = first;
    for (int i = 0;; i ^= 1) {
      chunk& c = chunks[i];
      c.empty.acquire();
      if (stop.load()) return;
      std::size_t want = std::min(len - asked, c.data.size());
      ssize_t n = 0;
      if (want > 0) {
        do n = read(fd, c.data.data(), want);
        while (n < 0 && errno == EINTR);
      }
      c.got = n;
      c.err = n < 0 ? errno : 0;
      if (n > 0) asked += static_cast<std::size_t>(n);
      c.full.release();
      if (n <= 0) return;
    }
  };
  std::thread reader;
  try {
    reader = std::thread(read_ahead);
  } catch (const std::system_error&) {
    return overlap_end::no_thread;
  }
  overlap_end end = overlap_end::ok;
  int err = 0;
  for (int i = 0;; i ^= 1) {
    chunk& c = chunks[i];
    c.full.acquire();
    if (c.got <= 0) {
      if (c.got < 0) end = overlap_end::read_failed, err = c.err;
      break;
    }
    auto n = static_cast<std::size_t>(c.got);
    if (!kernel_copy(dest + *done, c.data.data(), n, true)) {
      end = overlap_end::copy_failed, err = errno;
      break;
    }
    *done += n;
    c.empty.release();
  }
  // Wakes the reader wherever it waits; it stops at the flag.
  stop.store(true);
  chunks[0].empty.release();
  chunks[1].empty.release();
  reader.join();
  errno = err;
  return end;
}

// The most one sendfile() call moves on Linux.
constexpr std::size_t sendfile_max = 0x7ffff000;

// Whether sendfile() to FD is a copy made before it returns: true for a
// regular file or a device.  To a pipe or a socket the kernel may pass
// references to the segment's pages instead, and a reader would see what
// later writers put there.
bool copies_on_sendfile(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 && (S_ISREG(st.st_mode) || S_ISCHR(st.st_mode));
}

// Asks the kernel to allocate and map [P, P + LEN) for writing now.  Only
// an optimisation: failure (an old kernel, a range past a POSIX object's
// end) changes nothing.
void prefault_for_write(char* p, std::size_t len) {
#ifdef MADV_POPULATE_WRITE
  if (len < prefault_threshold) return;
  long page = sysconf(_SC_PAGESIZE);
  auto start = reinterpret_cast<std::uintptr_t>(p);
  std::uintptr_t aligned = start & ~static_cast<std::uintptr_t>(page - 1);
  madvise(reinterpret_cast<void*>(aligned), len + (start - aligned),
          MADV_POPULATE_WRITE);
#else
  (void)p;
  (void)len;
#endif
}

}  // namespace

std::uint64_t sysv_shm_max() { return read_proc_u64(shmmax_path, UINT64_MAX); }

bool sysv_shm_rmid_forced() {
  return read_proc_u64(shm_rmid_forced_path, 0) != 0;
}

std::uint64_t posix_shm_room() {
  struct statvfs vfs;
  if (statvfs(posix_shm_dir, &vfs) != 0) return UINT64_MAX;
  return static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
}

shared_memory::~shared_memory() { close(); }

void shared_memory::close() {
  sysv_file_.reset();
  if (base_ != nullptr) {
    if (posix_)
      munmap(base_, mapped_);
    else
      shmdt(base_);
    base_ = nullptr;
  }
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

bool shared_memory::open(object_selector& sel, const create_options& create,
                         shm_access how, std::uint64_t create_size,
                         bool create_size_at_least) {
  posix_ = sel.posix();
  writable_ = how == shm_access::write;
  return posix_ ? open_posix_object(sel, create, how, create_size,
                                    create_size_at_least)
                : open_sysv_segment(sel, create, create_size,
                                    create_size_at_least);
}

bool shared_memory::open_sysv_segment(object_selector& sel,
                                      const create_options& create,
                                      std::uint64_t create_size,
                                      bool at_least) {
  if (!resolve_key(sel)) return false;
  description_ = describe(object_kind::sysv_shm, sel);
  if (create.create && sel.kind != selector_kind::id) {
    // The kernel answers a bad size with a bare EINVAL: say which limit.
    // Only when we are about to create: an existing segment keeps its size.
    if (shmget(sel.key, 0, 0) < 0 && errno == ENOENT) {
      std::uint64_t max = sysv_shm_max();
      if (create_size == 0) {
        warn(0,
             _("cannot create %s: a System V segment needs a size of at least "
               "1 byte"),
             description_.c_str());
        return false;
      }
      if (at_least && create_size > max) {
        warn(0,
             _("cannot create %s: the input is longer than the limit "
               "kernel.shmmax=%llu"),
             description_.c_str(), static_cast<unsigned long long>(max));
        return false;
      }
      if (create_size > max) {
        warn(0,
             _("cannot create %s: %llu bytes exceed the limit "
               "kernel.shmmax=%llu"),
             description_.c_str(), static_cast<unsigned long long>(create_size),
             static_cast<unsigned long long>(max));
        return false;
      }
    }
  }
  sysv_type type;
  type.kind = object_kind::sysv_shm;
  auto size = static_cast<std::size_t>(create_size);
  type.get = [size](key_t key, int flags) {
    return shmget(key, (flags & IPC_CREAT) != 0 ? size : 0, flags);
  };
  sysv_object obj;
  // shmat needs read permission, and write permission too unless
  // SHM_RDONLY.
  if (!open_sysv(sel, create, type, writable_ ? 0600 : 0400, obj)) return false;
  id_ = obj.id;
  key_ = sel.kind == selector_kind::id ? 0 : sel.key;
  created_ = obj.created;
  ref_ = make_ref(obj, object_kind::sysv_shm);

  struct shmid_ds ds;
  if (shmctl(id_, IPC_STAT, &ds) != 0) {
    int err = errno;
    if (err == EINVAL || err == EIDRM)
      warn(0, _("%s was removed by another process"), description_.c_str());
    else
      warn(err, _("cannot read the size of %s"), description_.c_str());
    return false;
  }
  size_ = ds.shm_segsz;
  mode_ = ds.shm_perm.mode & 0777;
  if (sel.kind == selector_kind::id) key_ = ds.shm_perm.__key;
  void* p = shmat(id_, nullptr, writable_ ? 0 : SHM_RDONLY);
  if (p == reinterpret_cast<void*>(-1)) {
    int err = errno;
    warn(err, _("cannot attach %s"), description_.c_str());
    if (created_) shmctl(id_, IPC_RMID, nullptr);
    return false;
  }
  base_ = static_cast<char*>(p);
  return true;
}

bool shared_memory::open_posix_object(object_selector& sel,
                                      const create_options& create,
                                      shm_access how, std::uint64_t create_size,
                                      bool at_least) {
  name_ = sel.name;
  description_ = describe(object_kind::posix_shm, sel);
  std::uint64_t room = posix_shm_room();
  if (create.create && room != UINT64_MAX && create_size > room) {
    // Only when we are about to create: an existing object keeps its size.
    int probe = shm_open(name_.c_str(), O_RDONLY, 0);
    if (probe >= 0) {
      ::close(probe);
    } else if (errno == ENOENT && at_least) {
      warn(0,
           _("cannot create %s: the input is longer than the %llu bytes free "
             "in %s"),
           description_.c_str(), static_cast<unsigned long long>(room),
           posix_shm_dir);
      return false;
    } else if (errno == ENOENT) {
      warn(0,
           _("cannot create %s: %llu bytes exceed the %llu bytes free in %s"),
           description_.c_str(), static_cast<unsigned long long>(create_size),
           static_cast<unsigned long long>(room), posix_shm_dir);
      return false;
    }
  }
  posix_object obj;
  auto open_fn = [&](int oflag, mode_t mode) {
    return posix_handle(object_kind::posix_shm,
                        shm_open(name_.c_str(), oflag, mode));
  };
  int access = how == shm_access::write ? O_RDWR : O_RDONLY;
  if (!open_posix(sel, create, object_kind::posix_shm, access, open_fn, nullptr,
                  obj))
    return false;
  ref_ = make_ref(obj, sel);
  fd_ = obj.handle.release_fd();
  created_ = obj.created;
  if (created_ && create_size > 0) {
    // Allocate now: a full /dev/shm must fail here, not as SIGBUS or
    // ENOSPC halfway through the copy.
    int err = ftruncate(fd_, static_cast<off_t>(create_size)) == 0
                  ? posix_fallocate(fd_, 0, static_cast<off_t>(create_size))
                  : errno;
    if (err != 0) {
      // The free space explains ENOSPC only when it is really too small
      // (a memory cgroup or quota can refuse with room left).
      std::uint64_t left = err == ENOSPC ? posix_shm_room() : UINT64_MAX;
      if (left < create_size)
        warn(0,
             _("cannot create %s: %llu bytes exceed the %llu bytes free in %s"),
             description_.c_str(), static_cast<unsigned long long>(create_size),
             static_cast<unsigned long long>(left), posix_shm_dir);
      else
        warn(err, _("cannot set the size of %s"), description_.c_str());
      shm_unlink(name_.c_str());
      close();
      return false;
    }
  }
  struct stat st;
  if (fstat(fd_, &st) != 0) {
    warn(errno, _("cannot read the size of %s"), description_.c_str());
    close();
    return false;
  }
  size_ = static_cast<std::uint64_t>(st.st_size);
  mode_ = st.st_mode & 0777;
  if (writable_ && size_ > 0) {
    mapped_ = static_cast<std::size_t>(size_);
    void* p =
        mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
    if (p == MAP_FAILED) {
      warn(errno, _("cannot map %s"), description_.c_str());
      if (created_) shm_unlink(name_.c_str());
      close();
      return false;
    }
    base_ = static_cast<char*>(p);
  }
  return true;
}

int shared_memory::segment_file() {
  if (posix_) return fd_;
  if (!sysv_file_tried_ && base_ != nullptr) {
    sysv_file_tried_ = true;
    auto page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    auto start = reinterpret_cast<std::uintptr_t>(base_);
    auto end =
        start + static_cast<std::uintptr_t>((size_ + page - 1) / page * page);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/map_files/%" PRIxPTR "-%" PRIxPTR,
             start, end);
    unique_fd file(::open(path, (writable_ ? O_WRONLY : O_RDONLY) | O_CLOEXEC));
    // The kernel numbers a segment's file with the segment's id: proof
    // that this is our segment, whole.
    struct stat st;
    if (file && fstat(file.get(), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_ino == static_cast<ino_t>(id_) &&
        static_cast<std::uint64_t>(st.st_size) >= size_)
      sysv_file_ = std::move(file);
  }
  return sysv_file_.get();
}

shm_status shared_memory::read_from(int fd, std::uint64_t offset,
                                    std::size_t len, std::size_t* done) {
  *done = 0;
  if (len == 0) return shm_status::ok;
  // A System V segment's file in one sendfile: it never writes past LEN,
  // which the caller fitted into the segment, so the file never grows.
  // (A POSIX object is filled through its mapping instead, where another
  // process's ftruncate shows as EFAULT; a write would grow it back.)
  int file = posix_ ? -1 : segment_file();
  off_t start = file >= 0 ? lseek(fd, 0, SEEK_CUR) : -1;
  if (start >= 0) {
    bool ended = false;
    while (*done < len) {
      // Both positions follow from what is done, so a short count goes
      // on at the right bytes whatever the kernel did with them.
      auto from = start + static_cast<off_t>(*done);
      if (lseek(file, static_cast<off_t>(offset + *done), SEEK_SET) < 0) break;
      ssize_t n =
          sendfile(file, fd, &from, std::min(len - *done, sendfile_max));
      if (n < 0 && errno == EINTR) continue;
      ended = n == 0;     // the input ended (a file that shrank)
      if (n <= 0) break;  // an error: the copy below goes on, and names it
      *done += static_cast<std::size_t>(n);
    }
    // Where a read() would have left it, and where the copy below starts.
    lseek(fd, start + static_cast<off_t>(*done), SEEK_SET);
    if (ended || *done == len) return shm_status::ok;
  }
  char* dest = base_ + offset;
  if (kernel_copy_available()) {
    if (len - *done >= overlap_threshold) {
      switch (overlapped_copy(fd, dest, len, done)) {
        case overlap_end::ok:
          return shm_status::ok;
        case overlap_end::read_failed:
          return shm_status::read_failed;
        case overlap_end::copy_failed:
          return errno == EFAULT && posix_ ? shm_status::shrunk
                                           : shm_status::write_failed;
        case overlap_end::no_thread:
          break;  // one thread does both, below
      }
    }
    std::vector<char> buf(std::min(len, copy_chunk));
    while (*done < len) {
      ssize_t n = read(fd, buf.data(), std::min(len - *done, buf.size()));
      if (n < 0) {
        if (errno == EINTR) continue;
        return shm_status::read_failed;
      }
      if (n == 0) break;
      if (!kernel_copy(dest + *done, buf.data(), static_cast<std::size_t>(n),
                       true))
        return errno == EFAULT && posix_ ? shm_status::shrunk
                                         : shm_status::write_failed;
      *done += static_cast<std::size_t>(n);
    }
    return shm_status::ok;
  }
  prefault_for_write(dest, len);
  while (*done < len) {
    ssize_t n = read(fd, dest + *done, len - *done);
    if (n < 0) {
      if (errno == EINTR) continue;
      // Pages of a POSIX object cut off by another process's ftruncate.
      if (errno == EFAULT && posix_) return shm_status::shrunk;
      return shm_status::read_failed;
    }
    if (n == 0) break;
    *done += static_cast<std::size_t>(n);
  }
  return shm_status::ok;
}

shm_status shared_memory::write_at(std::uint64_t offset, const void* data,
                                   std::size_t len) {
  if (len == 0) return shm_status::ok;
  if (!posix_ && kernel_copy_available())
    return kernel_copy(base_ + offset, data, len, true)
               ? shm_status::ok
               : shm_status::write_failed;
  if (!posix_) {
    memcpy(base_ + offset, data, len);
    return shm_status::ok;
  }
  // pwrite past the end would grow the object again: check first.
  struct stat st;
  if (fstat(fd_, &st) != 0) return shm_status::write_failed;
  if (static_cast<std::uint64_t>(st.st_size) < offset + len)
    return shm_status::shrunk;
  const char* p = static_cast<const char*>(data);
  while (len > 0) {
    ssize_t n = pwrite(fd_, p, len, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return shm_status::write_failed;
    }
    p += n;
    offset += static_cast<std::uint64_t>(n);
    len -= static_cast<std::size_t>(n);
  }
  return shm_status::ok;
}

shm_status shared_memory::zero(std::uint64_t offset, std::uint64_t len) {
  if (len == 0) return shm_status::ok;
  if (!posix_ && !kernel_copy_available()) {
    memset(base_ + offset, 0, static_cast<std::size_t>(len));
    return shm_status::ok;
  }
  if (!posix_) return write_zeros(offset, len);
  struct stat st;
  if (fstat(fd_, &st) != 0) return shm_status::write_failed;
  if (static_cast<std::uint64_t>(st.st_size) < offset + len)
    return shm_status::shrunk;
  // A hole reads as zeros and gives the memory back.
  if (fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                static_cast<off_t>(offset), static_cast<off_t>(len)) == 0)
    return shm_status::ok;
  return write_zeros(offset, len);
}

shm_status shared_memory::write_zeros(std::uint64_t offset, std::uint64_t len) {
  static const std::vector<char> zeros(posix_chunk);
  while (len > 0) {
    std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(len, zeros.size()));
    shm_status r = write_at(offset, zeros.data(), n);
    if (r != shm_status::ok) return r;
    offset += n;
    len -= n;
  }
  return shm_status::ok;
}

// Writes one chunk copied out of the segment; with up_to_nul, only what
// comes before a NUL, and then says to stop.  got becomes what was written.
namespace {
bool write_chunk(int fd, const char* data, std::size_t& got, bool up_to_nul,
                 bool& stop) {
  if (up_to_nul) {
    if (const void* nul = memchr(data, '\0', got)) {
      got = static_cast<std::size_t>(static_cast<const char*>(nul) - data);
      stop = true;
    }
  }
  return write_full(fd, data, got);
}
}  // namespace

shm_status shared_memory::write_to(int fd, std::uint64_t offset,
                                   std::uint64_t len, bool up_to_nul,
                                   std::uint64_t* done) {
  *done = 0;
  int file =
      !up_to_nul && len > 0 && copies_on_sendfile(fd) ? segment_file() : -1;
  if (file >= 0) {
    while (*done < len) {
      auto pos = static_cast<off_t>(offset + *done);
      ssize_t n = sendfile(fd, file, &pos,
                           static_cast<std::size_t>(std::min<std::uint64_t>(
                               len - *done, sendfile_max)));
      if (n < 0 && errno == EINTR) continue;
      // An error, or a POSIX object cut short: the copy below goes on
      // and reports it.
      if (n <= 0) break;
      *done += static_cast<std::uint64_t>(n);
    }
    if (*done == len) return shm_status::ok;
  }
  if (!posix_ && kernel_copy_available()) {
    std::vector<char> buf(
        static_cast<std::size_t>(std::min<std::uint64_t>(len, copy_chunk)));
    while (*done < len) {
      std::size_t got = static_cast<std::size_t>(
          std::min<std::uint64_t>(len - *done, buf.size()));
      if (!kernel_copy(buf.data(), base_ + offset + *done, got, false))
        return shm_status::read_failed;
      bool stop = false;
      if (!write_chunk(fd, buf.data(), got, up_to_nul, stop))
        return shm_status::write_failed;
      *done += got;
      if (stop) break;
    }
    return shm_status::ok;
  }
  if (!posix_) {
    const char* p = base_ + offset + *done;
    auto n = static_cast<std::size_t>(len - *done);
    if (up_to_nul) {
      if (const void* nul = memchr(p, '\0', n))
        n = static_cast<std::size_t>(static_cast<const char*>(nul) - p);
    }
    if (!write_full(fd, p, n)) return shm_status::write_failed;
    *done += n;
    return shm_status::ok;
  }
  std::vector<char> buf(
      static_cast<std::size_t>(std::min<std::uint64_t>(len, posix_chunk)));
  while (*done < len) {
    std::size_t want = static_cast<std::size_t>(
        std::min<std::uint64_t>(len - *done, buf.size()));
    ssize_t n =
        pread(fd_, buf.data(), want, static_cast<off_t>(offset + *done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return shm_status::read_failed;
    }
    if (n == 0) return shm_status::shrunk;
    auto got = static_cast<std::size_t>(n);
    bool stop = false;
    if (!write_chunk(fd, buf.data(), got, up_to_nul, stop))
      return shm_status::write_failed;
    *done += got;
    if (stop) break;
  }
  return shm_status::ok;
}

shm_status shared_memory::read_at(std::uint64_t offset, void* dest,
                                  std::size_t len) {
  if (!posix_ && kernel_copy_available())
    return kernel_copy(dest, base_ + offset, len, false)
               ? shm_status::ok
               : shm_status::read_failed;
  if (!posix_) {
    memcpy(dest, base_ + offset, len);
    return shm_status::ok;
  }
  char* p = static_cast<char*>(dest);
  while (len > 0) {
    ssize_t n = pread(fd_, p, len, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return shm_status::read_failed;
    }
    if (n == 0) return shm_status::shrunk;
    p += n;
    offset += static_cast<std::uint64_t>(n);
    len -= static_cast<std::size_t>(n);
  }
  return shm_status::ok;
}

long shared_memory::other_attachments() {
  if (posix_) return 0;
  struct shmid_ds ds;
  if (shmctl(id_, IPC_STAT, &ds) != 0) return -1;
  long n = static_cast<long>(ds.shm_nattch);
  return base_ != nullptr && n > 0 ? n - 1 : n;
}

bool shared_memory::remove() {
  return posix_ ? posix_remove(object_kind::posix_shm, name_) == 0
                : sysv_remove(object_kind::sysv_shm, id_) == 0;
}

remove_result shared_memory::remove_if_owned(bool allow_foreign, bool force) {
  // Processes still attached keep an orphan that later users cannot find
  // by key: refuse unless --force (checked right before the removal).
  return ipcutil::remove_if_owned(
      ref_, allow_foreign, [this, force]() -> std::string {
        long others = other_attachments();
        if (force || others <= 0) return {};
        char* text = nullptr;
        if (asprintf(&text,
                     ngettext("%ld other process has it attached; use --force "
                              "to remove it anyway",
                              "%ld other processes have it attached; use "
                              "--force to remove it anyway",
                              static_cast<unsigned long>(others)),
                     others) < 0)
          return "?";
        std::string reason = text;
        free(text);
        return reason;
      });
}

}  // namespace ipcutil

// ---- --lock
// -------------------------------------------------------------------

namespace ipcutil {

namespace {

// Whoever may read the segment may take (write) its lock.
mode_t lock_mode(mode_t segment_mode) {
  mode_t mode = segment_mode & 0777;
  return mode | ((mode & 0444) >> 1);
}

}  // namespace

shm_lock::~shm_lock() { release(); }

lock_result shm_lock::acquire(const shared_memory& seg, const deadline& until) {
  object_selector sel;
  char* text = nullptr;
  int n;
  if (seg.posix()) {
    sel.kind = selector_kind::name;
    sel.name = seg.name();
    n = asprintf(&text, _("POSIX semaphore %s"), quote(seg.name()));
  } else {
    sel.kind = selector_kind::key;
    sel.key = seg.key();
    sel.key_resolved = true;
    n = asprintf(&text, _("semaphore set key 0x%08x"),
                 static_cast<unsigned>(seg.key()));
  }
  if (n >= 0) {
    description_ = text;
    free(text);
  }
  if (!seg.posix() && seg.key() == IPC_PRIVATE) {
    warn(0, _("cannot lock %s: it has no key to name a semaphore set by"),
         seg.description().c_str());
    return lock_result::failed;
  }
  // The lock is shared by design: whoever made it, we use it.
  create_options create;
  create.create = true;
  create.mode = lock_mode(seg.mode());
  create.mode_given = true;
  create.allow_foreign = true;
  if (!sem_.open(sel, create, 1, 1, until)) return lock_result::failed;
  opened_ = true;
  // SEM_UNDO: the kernel gives a System V lock back when its holder dies.
  undo_ = !seg.posix();
  switch (sem_.take(1, until, undo_)) {
    case sem_status::ok:
      held_ = true;
      return lock_result::ok;
    case sem_status::would_block:
      return lock_result::timed_out;
    case sem_status::removed:
      warn(0, _("cannot take the lock %s: it was removed"),
           description_.c_str());
      return lock_result::failed;
    default:
      warn(errno, _("cannot take the lock %s"), description_.c_str());
      return lock_result::failed;
  }
}

void shm_lock::release() {
  if (!held_) return;
  held_ = false;
  sem_.post(1, undo_);
}

bool shm_lock::remove_if_ours() {
  release();
  if (!opened_) return true;
  const object_ref& ref = sem_.ref();
  owner who;
  if (!sem_.posix()) {
    struct ipc_perm perm;
    if (sysv_stat(ref.kind, ref.id, perm) != 0) return true;  // gone
    who = owner_from(perm);
  } else {
    struct stat st;
    if (posix_identify(ref.kind, ref.name, st) != 0) return true;  // gone
    who = owner_from(st);
  }
  if (!is_ours(who)) return true;
  remove_result r = ipcutil::remove_if_owned(ref, false);
  return r == remove_result::removed || r == remove_result::gone;
}

}  // namespace ipcutil

// ---- the options shmput and shmget share ----------------------------------

namespace ipcutil {

bool take_shm_option(shm_options& opts, int opt, const char* arg) {
  if (take_timeout_option(opt, arg, opts.timeout)) return true;
  switch (opt) {
    case option_lock:
      opts.lock = true;
      return true;
    case option_remove:
      opts.remove = true;
      return true;
    case option_force:
      opts.force = true;
      return true;
    default:
      return false;
  }
}

void finish_shm_options(const shm_options& opts) {
  if (opts.timeout && !opts.lock)
    usage_error(_("options --timeout and --nonblock need --lock"));
  if (opts.force && !opts.remove)
    usage_error(_("option --force needs --remove"));
}

void emit_shm_option_help(bool writing) {
  if (writing)
    fputs(
        _("      --lock             hold the segment's lock while writing (see "
          "below)\n"),
        stdout);
  else
    fputs(
        _("      --lock             hold the segment's lock while reading (see "
          "below)\n"),
        stdout);
  fputs(_("  -w, --timeout=DURATION  with --lock, give up with status 3 when "
          "the lock\n"
          "                           is not free within DURATION\n"),
        stdout);
  fputs(_("      --nonblock         with --lock, never wait: same as "
          "--timeout=0\n"),
        stdout);
  fputs(_("      --remove           remove the segment afterwards, if it is "
          "ours and\n"
          "                           everything succeeded; with --lock, its "
          "lock too\n"
          "                           when that is ours\n"),
        stdout);
  fputs(_("      --force            with --remove, remove it even while other\n"
          "                           processes have it attached\n"),
        stdout);
}

}  // namespace ipcutil
