/* The tutorial's shared memory reader.c (seed, section 5.3), unchanged in
   what it does -- ftok("shmfile", 65), shmget of the existing 1024-byte
   segment, print it as a C string, remove the segment -- plus error
   checks, so a failing test says why.  */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(void) {
  key_t key = ftok("shmfile", 65);
  if (key == -1) {
    perror("shm_reader: ftok");
    return 1;
  }
  int shmid = shmget(key, 1024, 0666);
  if (shmid == -1) {
    perror("shm_reader: shmget");
    return 1;
  }
  char* str = (char*)shmat(shmid, NULL, 0);
  if (str == (char*)-1) {
    perror("shm_reader: shmat");
    return 1;
  }
  printf("Data read from memory: %s\n", str);
  shmdt(str);
  if (shmctl(shmid, IPC_RMID, NULL) == -1) {
    perror("shm_reader: shmctl");
    return 1;
  }
  return 0;
}
