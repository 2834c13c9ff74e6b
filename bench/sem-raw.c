/* sem-raw: the floor for bench/sem, a System V semaphore used from C with
   nothing around it.
     sem-raw post KEY        one semop(+1) on member 0 of KEY's set
     sem-raw wait KEY        one semop(-1)
     sem-raw loop KEY N      N semop(+1)/semop(-1) pairs in one process
   The set must exist.  Exit status 1 with perror on failure.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>

int main(int argc, char **argv)
{
  if (argc < 3) {
    fputs("usage: sem-raw post|wait|loop KEY [N]\n", stderr);
    return 2;
  }
  key_t key = (key_t) strtoul(argv[2], NULL, 0);
  int id = semget(key, 0, 0);
  if (id < 0) {
    perror("sem-raw: semget");
    return 1;
  }
  struct sembuf up = {0, 1, 0}, down = {0, -1, 0};
  if (strcmp(argv[1], "post") == 0)
    return semop(id, &up, 1) == 0 ? 0 : (perror("sem-raw: semop"), 1);
  if (strcmp(argv[1], "wait") == 0)
    return semop(id, &down, 1) == 0 ? 0 : (perror("sem-raw: semop"), 1);
  long n = argc > 3 ? atol(argv[3]) : 1000000;
  for (long i = 0; i < n; i++)
    if (semop(id, &up, 1) != 0 || semop(id, &down, 1) != 0) {
      perror("sem-raw: semop");
      return 1;
    }
  return 0;
}
