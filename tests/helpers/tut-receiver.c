/* The tutorial's receiver.c (seed, message queue section), unchanged in
   what it does -- ftok("msgqueuefile", 65), msgget with 0666 | IPC_CREAT,
   msgrcv of type 1 into a 128-byte mtext, print it as a C string, remove
   the queue -- plus error checks, so a failing test says why.  */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct msgbuf {
  long mtype;
  char mtext[128];
};

int main(void)
{
  key_t key = ftok("msgqueuefile", 65);
  if (key == -1) {
    perror("tut-receiver: ftok");
    return 1;
  }
  int msgid = msgget(key, 0666 | IPC_CREAT);
  if (msgid == -1) {
    perror("tut-receiver: msgget");
    return 1;
  }

  struct msgbuf message;
  if (msgrcv(msgid, &message, sizeof(message.mtext), 1, 0) == -1) {
    perror("tut-receiver: msgrcv");
    return 1;
  }

  printf("Received: %s\n", message.mtext);

  /* Remove the message queue, as the tutorial does.  */
  if (msgctl(msgid, IPC_RMID, NULL) == -1) {
    perror("tut-receiver: msgctl");
    return 1;
  }

  return 0;
}
