/* bench/mq-raw.c: the limit for bench/mq -- a bare msgsnd or msgrcv loop
   moving the messages `seq N | mqsend` moves ("1" to "N", no newline),
   with no input to read and no output to write.
     mq-raw send KEY N    send N messages of type 1
     mq-raw recv KEY N    receive N messages
   The queue must exist.  Built by bench/mq with $CC; not part of make.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct message {
  long mtype;
  char mtext[8192];
};

int main(int argc, char **argv)
{
  if (argc != 4) {
    fprintf(stderr, "usage: mq-raw send|recv KEY N\n");
    return 2;
  }
  key_t key = (key_t) strtoul(argv[2], NULL, 0);
  long n = strtol(argv[3], NULL, 10);
  int id = msgget(key, 0);
  if (id < 0) {
    perror("mq-raw: msgget");
    return 1;
  }
  static struct message m;
  if (strcmp(argv[1], "send") == 0) {
    m.mtype = 1;
    for (long i = 1; i <= n; i++) {
      int len = snprintf(m.mtext, sizeof m.mtext, "%ld", i);
      if (msgsnd(id, &m, (size_t) len, 0) != 0) {
        perror("mq-raw: msgsnd");
        return 1;
      }
    }
  } else {
    for (long i = 0; i < n; i++) {
      if (msgrcv(id, &m, sizeof m.mtext, 0, 0) < 0) {
        perror("mq-raw: msgrcv");
        return 1;
      }
    }
  }
  return 0;
}
