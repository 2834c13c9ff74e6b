// A stand-in for libFuzzer's main(), so make check can run every harness,
// built with the ordinary compiler, over its seed corpus and regression
// inputs: each argument is a file, or a directory whose files are read.
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fuzz.hh"

namespace {

bool run_file(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    fprintf(stderr, "%s: %s\n", path.c_str(), strerror(errno));
    return false;
  }
  std::vector<std::uint8_t> data;
  std::uint8_t buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) != 0) {
    if (n < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "%s: %s\n", path.c_str(), strerror(errno));
      close(fd);
      return false;
    }
    data.insert(data.end(), buf, buf + n);
  }
  close(fd);
  // A copy of exactly SIZE bytes, as libFuzzer passes it, so reading past
  // the end is caught by a sanitizer build.
  auto* copy = new std::uint8_t[data.size() + (data.empty() ? 1 : 0)];
  std::copy(data.begin(), data.end(), copy);
  LLVMFuzzerTestOneInput(copy, data.size());
  delete[] copy;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int files = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
      ok = false;
      continue;
    }
    std::vector<std::string> paths;
    if (S_ISDIR(st.st_mode)) {
      DIR* d = opendir(argv[i]);
      if (d == nullptr) {
        fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
        ok = false;
        continue;
      }
      while (struct dirent* e = readdir(d))
        if (e->d_name[0] != '.')
          paths.push_back(std::string(argv[i]) + "/" + e->d_name);
      closedir(d);
      std::sort(paths.begin(), paths.end());
    } else {
      paths.push_back(argv[i]);
    }
    for (const std::string& p : paths) {
      ok = run_file(p) && ok;
      ++files;
    }
  }
  printf("%d inputs\n", files);
  return ok ? 0 : 1;
}
