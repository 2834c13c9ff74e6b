/* The tutorial's semaphore producer.c (seed, semaphore section), unchanged
   in what it does -- ftok("semfile", 75), semget with 0666 | IPC_CREAT,
   SETVAL 0 on every start, "work" (sleep), then one V operation -- plus
   error checks, so a failing test says why.  The optional argument is the
   number of seconds of "work" (the tutorial's 3 by default).  */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <unistd.h>

union semun {
  int val;
  struct semid_ds *buf;
  unsigned short *array;
};

int main(int argc, char **argv)
{
  unsigned work = argc > 1 ? (unsigned) atoi(argv[1]) : 3;
  key_t key = ftok("semfile", 75);
  if (key == -1) {
    perror("sem_producer: ftok");
    return 1;
  }
  int semid = semget(key, 1, 0666 | IPC_CREAT);
  if (semid == -1) {
    perror("sem_producer: semget");
    return 1;
  }

  union semun u;
  u.val = 0;
  if (semctl(semid, 0, SETVAL, u) == -1) {  /* initial value 0 */
    perror("sem_producer: semctl");
    return 1;
  }

  printf("Producer doing work...\n");
  fflush(stdout);
  sleep(work);

  /* V operation (sem +1) */
  struct sembuf op = {0, 1, 0};
  if (semop(semid, &op, 1) == -1) {
    perror("sem_producer: semop");
    return 1;
  }

  printf("Producer signaled!\n");
  return 0;
}
