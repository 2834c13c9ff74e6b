/* sigqueue-burst PID SIGNAL COUNT [HOW]: send SIGNAL to PID COUNT times,
   carrying the values 0 .. COUNT-1 in order.  HOW is "queue" (sigqueue,
   the default), "kill" or "tkill", which decide the si_code the receiver
   sees.  SIGNAL is a number, RTMIN or RTMIN+N.  A full real-time queue
   (EAGAIN) is waited out, not skipped: the point is that nothing is lost. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int parse_signal(const char *text)
{
  if (strncmp(text, "RTMIN", 5) == 0)
    return SIGRTMIN + (text[5] == '+' ? atoi(text + 6) : 0);
  return atoi(text);
}

int main(int argc, char **argv)
{
  if (argc < 4 || argc > 5) {
    fprintf(stderr, "usage: %s PID SIGNAL COUNT [queue|kill|tkill]\n", argv[0]);
    return 99;
  }
  pid_t pid = (pid_t) atol(argv[1]);
  int sig = parse_signal(argv[2]);
  long count = atol(argv[3]);
  const char *how = argc == 5 ? argv[4] : "queue";
  for (long i = 0; i < count; i++) {
    int rc;
    for (;;) {
      if (strcmp(how, "kill") == 0)
        rc = kill(pid, sig);
      else if (strcmp(how, "tkill") == 0)
        rc = (int) syscall(SYS_tgkill, pid, pid, sig);
      else {
        union sigval value;
        value.sival_int = (int) i;
        rc = sigqueue(pid, sig, value);
      }
      if (rc == 0 || errno != EAGAIN)
        break;
      struct timespec pause = {0, 1000000};
      nanosleep(&pause, NULL);
    }
    if (rc != 0) {
      fprintf(stderr, "%s: signal %ld: %s\n", argv[0], i, strerror(errno));
      return 1;
    }
  }
  return 0;
}
