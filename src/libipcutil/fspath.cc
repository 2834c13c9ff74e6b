#include <config.h>

#include "libipcutil/fspath.hh"

#include <errno.h>
#include <error.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libipcutil/i18n.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

namespace ipcutil {

std::string describe_path(path_type type, const std::string& path) {
  char* text = nullptr;
  int n =
      asprintf(&text, type == path_type::fifo ? _("FIFO %s") : _("socket %s"),
               quote(path));
  if (n < 0) return path;
  std::string s = text;
  free(text);
  return s;
}

void finish_path_create_options(const create_options& create) {
  if (create.create) return;
  if (create.mode_given) usage_error(_("option --mode needs --create"));
  if (create.allow_foreign)
    usage_error(_("option --allow-foreign needs --create"));
}

path_check check_existing_path(const std::string& path, path_type type,
                               bool allow_foreign, struct stat* out) {
  struct stat st;
  std::string desc = describe_path(type, path);
  if (lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return path_check::missing;
    error(0, errno, _("cannot check %s"), desc.c_str());
    return path_check::refused;
  }
  if (S_ISLNK(st.st_mode)) {
    error(0, 0, _("%s is a symbolic link; refusing to follow it"),
          desc.c_str());
    return path_check::refused;
  }
  bool right =
      type == path_type::fifo ? S_ISFIFO(st.st_mode) : S_ISSOCK(st.st_mode);
  if (!right) {
    error(0, 0,
          type == path_type::fifo ? _("%s exists and is not a FIFO")
                                  : _("%s exists and is not a socket"),
          desc.c_str());
    return path_check::refused;
  }
  if (!check_owner(owner_from(st), desc, allow_foreign))
    return path_check::refused;
  if (out != nullptr) *out = st;
  return path_check::ok;
}

int mkfifo_exact(const std::string& path, mode_t mode) {
  umask_guard no_mask;
  return mkfifo(path.c_str(), mode & 07777);
}

bool prepare_fifo(const std::string& path, const create_options& create,
                  bool* created) {
  *created = false;
  std::string desc = describe_path(path_type::fifo, path);
  if (create.create) {
    if (mkfifo_exact(path, create.mode) == 0) {
      *created = true;
      return true;
    }
    if (errno != EEXIST || create.exclusive) {
      error(0, errno, _("cannot create %s"), desc.c_str());
      return false;
    }
  }
  switch (check_existing_path(path, path_type::fifo, create.allow_foreign)) {
    case path_check::ok:
      return true;
    case path_check::missing:
      error(0, 0, _("%s does not exist"), desc.c_str());
      return false;
    case path_check::refused:
      break;
  }
  return false;
}

}  // namespace ipcutil
