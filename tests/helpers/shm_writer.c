/* The tutorial's shared memory writer.c (seed, section 5.3), unchanged in
   what it does -- ftok("shmfile", 65), a 1024-byte segment made with
   0666 | IPC_CREAT, fgets of one line of standard input straight into
   it -- plus error checks, so a failing test says why.  */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(void) {
  key_t key = ftok("shmfile", 65);
  if (key == -1) {
    perror("shm_writer: ftok");
    return 1;
  }
  int shmid = shmget(key, 1024, 0666 | IPC_CREAT);
  if (shmid == -1) {
    perror("shm_writer: shmget");
    return 1;
  }
  char* str = (char*)shmat(shmid, NULL, 0);
  if (str == (char*)-1) {
    perror("shm_writer: shmat");
    return 1;
  }
  printf("Write Data: ");
  if (fgets(str, 1024, stdin) == NULL) {
    fprintf(stderr, "shm_writer: no input\n");
    return 1;
  }
  shmdt(str);
  return 0;
}
