/* sigqueue-load PID SIGNAL SENDER COUNT: sigqueue() SIGNAL to PID COUNT
   times, each carrying the value SENDER * 1000000 + SEQ (SEQ 0 .. COUNT-1),
   so the receiver can tell the senders apart and check each one's order
   (tests/load/signals.sh).  SIGNAL is a number, RTMIN or RTMIN+N.  A full
   queue (EAGAIN: the receiver's RLIMIT_SIGPENDING) is waited out and
   retried, never skipped; at the end one line "SENDER COUNT RETRIES" says
   how often that happened.  SENDER is 0..2146, COUNT at most 1000000. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
  if (argc != 5) {
    fprintf(stderr, "usage: %s PID SIGNAL SENDER COUNT\n", argv[0]);
    return 99;
  }
  pid_t pid = (pid_t) atol(argv[1]);
  int sig = parse_signal(argv[2]);
  long sender = atol(argv[3]);
  long count = atol(argv[4]);
  if (sender < 0 || sender > 2146 || count < 0 || count > 1000000) {
    fprintf(stderr, "%s: SENDER or COUNT out of range\n", argv[0]);
    return 99;
  }
  long retries = 0;
  for (long i = 0; i < count; i++) {
    union sigval value;
    value.sival_int = (int) (sender * 1000000 + i);
    while (sigqueue(pid, sig, value) != 0) {
      if (errno != EAGAIN) {
        fprintf(stderr, "%s: sender %ld, signal %ld: %s\n", argv[0], sender, i,
                strerror(errno));
        return 1;
      }
      /* The receiver drains the queue; give it the CPU for a moment. */
      retries++;
      struct timespec pause = {0, 200000};
      nanosleep(&pause, NULL);
    }
  }
  printf("%ld %ld %ld\n", sender, count, retries);
  return fflush(stdout) == 0 ? 0 : 1;
}
