#include <config.h>

#include "child.hh"

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libipcutil/program.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

outcome run_in_child(const std::function<int()>& body, stdout_to target) {
  int out[2], err[2];
  ck_assert_int_eq(pipe(out), 0);
  ck_assert_int_eq(pipe(err), 0);
  fflush(nullptr);
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    switch (target) {
      case stdout_to::pipe:
        dup2(out[1], STDOUT_FILENO);
        break;
      case stdout_to::same_pipe_as_stderr:
        dup2(err[1], STDOUT_FILENO);
        break;
      case stdout_to::dev_full: {
        int full = open("/dev/full", O_WRONLY);
        if (full < 0) _exit(77);
        dup2(full, STDOUT_FILENO);
        close(full);
        break;
      }
      case stdout_to::closed:
        close(STDOUT_FILENO);
        break;
    }
    dup2(err[1], STDERR_FILENO);
    for (int fd : {out[0], out[1], err[0], err[1]}) close(fd);
    setenv("LC_ALL", "C", 1);
    static char name[] = "/usr/bin/prog";
    char* argv[] = {name, nullptr};
    ipcutil::initialize_program(1, argv);
    exit(body());
  }
  close(out[1]);
  close(err[1]);
  outcome result;
  struct pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int wstatus;
  ck_assert_int_eq(waitpid(pid, &wstatus, 0), pid);
  result.status =
      WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  if (target == stdout_to::dev_full && result.status == 77)
    ck_abort_msg("/dev/full is missing");
  return result;
}
