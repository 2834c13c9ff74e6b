/* bench/shm-raw.c: the limits for bench/shm.
     shm-raw memcpy SIZE          copy SIZE bytes between two buffers whose
                                  pages are already touched: the memory
                                  bandwidth, what no copy can beat
     shm-raw fresh KEY FILE       a minimal C program doing what
                                  shmput -c + shmget > /dev/null do on a new
                                  segment: create it with the file's size,
                                  attach, read() the file into it, write()
                                  it to stdout, remove it
   Prints the seconds taken.  Built by bench/shm with $CC; not part of make.  */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char** argv) {
  if (argc == 3 && strcmp(argv[1], "memcpy") == 0) {
    size_t size = strtoull(argv[2], NULL, 0);
    char *a = malloc(size), *b = malloc(size);
    if (a == NULL || b == NULL) return 1;
    memset(a, 1, size);
    memset(b, 2, size);
    double t = now();
    memcpy(b, a, size);
    t = now() - t;
    printf("%.6f\n", t + (b[size - 1] == 3));
    return 0;
  }
  if (argc == 4 && strcmp(argv[1], "fresh") == 0) {
    key_t key = (key_t)strtoul(argv[2], NULL, 0);
    double t = now();
    int fd = open(argv[3], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) return 1;
    int id = shmget(key, st.st_size, IPC_CREAT | IPC_EXCL | 0600);
    char* p = shmat(id, NULL, 0);
    if (id < 0 || p == (char*)-1) return 1;
    for (off_t done = 0; done < st.st_size;) {
      ssize_t n = read(fd, p + done, st.st_size - done);
      if (n <= 0) return 1;
      done += n;
    }
    for (off_t done = 0; done < st.st_size;) {
      ssize_t n = write(1, p + done, st.st_size - done);
      if (n <= 0) return 1;
      done += n;
    }
    shmdt(p);
    shmctl(id, IPC_RMID, NULL);
    fprintf(stderr, "%.6f\n", now() - t);
    return 0;
  }
  fprintf(stderr, "usage: shm-raw memcpy SIZE | fresh KEY FILE\n");
  return 2;
}
