/* The tutorial's sender.c (seed, message queue section), unchanged in what
   it does -- ftok("msgqueuefile", 65), msgget with 0666 | IPC_CREAT, one
   message of type 1 with a 128-byte mtext holding a C string -- plus error
   checks, so a failing test says why.  An optional argument replaces the
   text (still strcpy'd into the same 128-byte buffer, garbage after it).  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct msgbuf {
  long mtype;
  char mtext[128];
};

int main(int argc, char **argv)
{
  key_t key = ftok("msgqueuefile", 65);
  if (key == -1) {
    perror("tut-sender: ftok");
    return 1;
  }
  int msgid = msgget(key, 0666 | IPC_CREAT);
  if (msgid == -1) {
    perror("tut-sender: msgget");
    return 1;
  }

  struct msgbuf message;
  /* Not zeroed, as in the tutorial: make the garbage after the string
     visible, so a receiver that prints past the NUL is caught.  */
  memset(message.mtext, 'G', sizeof message.mtext);
  message.mtype = 1;
  const char *text = argc > 1 ? argv[1] : "Hello via Message Queue!";
  if (strlen(text) >= sizeof message.mtext) {
    fprintf(stderr, "tut-sender: text too long\n");
    return 1;
  }
  strcpy(message.mtext, text);

  if (msgsnd(msgid, &message, sizeof(message.mtext), 0) == -1) {
    perror("tut-sender: msgsnd");
    return 1;
  }

  printf("Sent: %s\n", message.mtext);

  return 0;
}
