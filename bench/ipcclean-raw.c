/* bench/ipcclean-raw.c: the helpers of bench/ipcclean.
     ipcclean-raw make N    create N private 4096-byte segments, print their ids
     ipcclean-raw rm        shmctl(IPC_RMID) each id read from stdin: the limit
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

int main(int argc, char** argv) {
  if (argc == 3 && strcmp(argv[1], "make") == 0) {
    long n = atol(argv[2]);
    for (long i = 0; i < n; i++) {
      int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
      if (id == -1) {
        perror("ipcclean-raw: shmget");
        return 1;
      }
      printf("%d\n", id);
    }
    return 0;
  }
  if (argc == 2 && strcmp(argv[1], "rm") == 0) {
    static int ids[65536];
    int n = 0, id;
    while (n < 65536 && scanf("%d", &id) == 1) ids[n++] = id;
    for (int i = 0; i < n; i++)
      if (shmctl(ids[i], IPC_RMID, NULL) == -1) {
        perror("ipcclean-raw: shmctl");
        return 1;
      }
    return 0;
  }
  fprintf(stderr, "usage: ipcclean-raw make N | rm\n");
  return 2;
}
