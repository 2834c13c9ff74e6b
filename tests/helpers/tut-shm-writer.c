/* The tutorial's shared memory writer (seed: writer.c), unchanged in what
   it does -- ftok("shmfile", 65), shmget of 1024 bytes with 0666 |
   IPC_CREAT, attach, fgets one line from standard input into the segment,
   detach, exit, leaving the segment for a later reader -- plus error
   checks, so a failing test says why.  */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(void) {
  key_t key = ftok("shmfile", 65);
  if (key == -1) {
    perror("tut-shm-writer: ftok");
    return 1;
  }
  int shmid = shmget(key, 1024, 0666 | IPC_CREAT);
  if (shmid == -1) {
    perror("tut-shm-writer: shmget");
    return 1;
  }
  char* str = (char*)shmat(shmid, NULL, 0);
  if (str == (char*)-1) {
    perror("tut-shm-writer: shmat");
    return 1;
  }
  printf("Write Data: ");
  if (fgets(str, 1024, stdin) == NULL) str[0] = '\0';
  if (shmdt(str) == -1) {
    perror("tut-shm-writer: shmdt");
    return 1;
  }
  return 0;
}
