/* The tutorial's semaphore consumer.c (seed, semaphore section), unchanged
   in what it does -- ftok("semfile", 75), semget without IPC_CREAT, one P
   operation, then remove the set -- plus error checks.  Where the tutorial
   goes on when the set does not exist yet (and so does not wait at all),
   this one says so and exits 1.  */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <unistd.h>

int main(void)
{
  key_t key = ftok("semfile", 75);
  if (key == -1) {
    perror("sem_consumer: ftok");
    return 1;
  }
  int semid = semget(key, 1, 0666);
  if (semid == -1) {
    perror("sem_consumer: semget");
    return 1;
  }

  printf("Consumer waiting for semaphore...\n");
  fflush(stdout);

  /* P operation (sem -1: wait) */
  struct sembuf op = {0, -1, 0};
  if (semop(semid, &op, 1) == -1) {
    perror("sem_consumer: semop");
    return 1;
  }

  printf("Consumer proceeding!\n");

  /* Remove the semaphore set, as the tutorial does.  */
  if (semctl(semid, 0, IPC_RMID) == -1) {
    perror("sem_consumer: semctl");
    return 1;
  }
  return 0;
}
