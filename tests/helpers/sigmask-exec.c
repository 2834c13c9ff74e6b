/* sigmask-exec [-b SIG] [-i SIG] [-d SIG] [-k SIG]... COMMAND [ARG]...:
   run COMMAND (by exec, so with this process's pid) with signal state a
   careless parent could leave behind: -b blocks SIG, -i sets it to SIG_IGN,
   -d back to SIG_DFL (bash starts background jobs with INT and QUIT
   ignored), -k sends it to ourselves with kill(), so it is pending across
   exec if blocked.  Options apply in order; SIG is a number. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static _Noreturn void die(const char *what)
{
  perror(what);
  exit(99);
}

int main(int argc, char **argv)
{
  int opt;
  while ((opt = getopt(argc, argv, "+b:i:d:k:")) != -1) {
    int sig = optarg ? atoi(optarg) : 0;
    sigset_t set;
    sigemptyset(&set);
    switch (opt) {
      case 'b':
        sigaddset(&set, sig);
        if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
          die("sigprocmask");
        break;
      case 'i':
        if (signal(sig, SIG_IGN) == SIG_ERR)
          die("signal");
        break;
      case 'd':
        if (signal(sig, SIG_DFL) == SIG_ERR)
          die("signal");
        break;
      case 'k':
        if (kill(getpid(), sig) != 0)
          die("kill");
        break;
      default:
        fprintf(stderr, "usage: %s [-b|-i|-d|-k SIG]... COMMAND [ARG]...\n", argv[0]);
        return 99;
    }
  }
  if (optind >= argc) {
    fprintf(stderr, "%s: no command\n", argv[0]);
    return 99;
  }
  execvp(argv[optind], argv + optind);
  die(argv[optind]);
}
