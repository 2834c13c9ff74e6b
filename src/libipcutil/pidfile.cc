#include <config.h>

#include "libipcutil/pidfile.hh"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <string_view>

#include "libipcutil/fd.hh"
#include "libipcutil/i18n.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

namespace ipcutil {

namespace {

// The pid file this process wrote.
struct {
  char* path = nullptr;  // strdup'ed: outlives the static destructors
  dev_t dev = 0;
  ino_t ino = 0;
  char text[24] = {};  // what we wrote: "PID\n"
  int length = 0;
} ours;

// Whether the regular file at PATH holds nothing or only a number and a
// newline, as a pid file left by a killed program does.  Anything else is
// somebody's data, not ours to replace.
bool looks_like_pid_file(const char* path) {
  unique_fd fd(open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd) return false;
  char text[32];
  ssize_t n = read_full(fd.get(), text, sizeof text);
  if (n < 0 || n == static_cast<ssize_t>(sizeof text)) return false;
  ssize_t digits = 0;
  while (digits < n && text[digits] >= '0' && text[digits] <= '9') ++digits;
  return digits == n || (digits + 1 == n && text[digits] == '\n');
}

// PATH absent, or a regular file that looks like a stale pid file: true.
// Otherwise says why and is false.
bool usable(const char* path) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    if (errno == ENOENT) return true;
    warn(errno, _("cannot create pid file %s"), quote(path));
    return false;
  }
  if (S_ISLNK(st.st_mode)) {
    warn(0, _("pid file %s is a symbolic link; not replacing it"), quote(path));
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    warn(0, _("pid file %s exists and is not a regular file"), quote(path));
    return false;
  }
  if (!looks_like_pid_file(path)) {
    warn(0, _("pid file %s exists and holds something other than a process ID"),
         quote(path));
    return false;
  }
  return true;
}

// Whether the file at ours.path is still the one we wrote.
bool still_ours() {
  unique_fd fd(open(ours.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  struct stat st;
  if (!fd || fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) ||
      st.st_dev != ours.dev || st.st_ino != ours.ino)
    return false;
  char text[sizeof ours.text + 1];
  ssize_t n = read_full(fd.get(), text, sizeof text);
  return n == ours.length && memcmp(text, ours.text, n) == 0;
}

}  // namespace

bool check_pid_file(const char* path) {
  if (*path == '\0') die(exit_usage, 0, _("invalid pid file: %s"), quote(path));
  return usable(path);
}

bool create_pid_file(const char* path) {
  if (!check_pid_file(path)) return false;
  std::string_view p(path);
  auto slash = p.rfind('/');
  std::string temp(
      p.substr(0, slash == std::string_view::npos ? 0 : slash + 1));
  temp += '.';
  temp += program_name();
  temp += ".XXXXXX";

  unique_fd fd(mkostemp(temp.data(), O_CLOEXEC));
  if (!fd) {
    warn(errno, _("cannot create pid file %s"), quote(path));
    return false;
  }
  // mkostemp makes the file 0600; a pid file is for everyone to read.
  mode_t mask = umask(0);
  umask(mask);
  ours.length = snprintf(ours.text, sizeof ours.text, "%ld\n",
                         static_cast<long>(getpid()));
  struct stat st;
  char* copy = strdup(path);
  bool ok = copy != nullptr && fchmod(fd.get(), 0644 & ~mask) == 0 &&
            write_full(fd.get(), ours.text, ours.length) &&
            fstat(fd.get(), &st) == 0 && close(fd.release()) == 0;
  int saved = errno;
  // Checked again at the last moment: something may have appeared at PATH
  // since check_pid_file, and rename would destroy it.
  if (ok && !usable(path)) {
    unlink(temp.c_str());
    free(copy);
    return false;
  }
  if (!ok || rename(temp.c_str(), path) != 0) {
    if (ok) saved = errno;
    unlink(temp.c_str());
    free(copy);
    warn(saved, _("cannot create pid file %s"), quote(path));
    return false;
  }
  ours.path = copy;
  ours.dev = st.st_dev;
  ours.ino = st.st_ino;
  atexit(remove_pid_file);
  at_signal_death(remove_pid_file);
  return true;
}

void remove_pid_file() {
  if (ours.path == nullptr) return;
  int saved = errno;
  if (still_ours()) unlink(ours.path);
  free(ours.path);
  ours.path = nullptr;
  errno = saved;
}

}  // namespace ipcutil
