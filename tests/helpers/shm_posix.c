/* A C program using POSIX shared memory the plain way, to check shmput and
   shmget against:
     shm_posix write NAME TEXT   shm_open(O_CREAT, 0600), ftruncate to 4096,
                                 mmap, copy TEXT and a NUL in
     shm_posix read NAME         shm_open, fstat, mmap, print the C string
                                 at its start and the size:
                                 "SIZE<tab>TEXT"
     shm_posix shrink NAME SIZE  ftruncate the object to SIZE bytes (what a
                                 careless or hostile peer may do while
                                 others read it)
     shm_posix hold NAME         take the named semaphore NAME (as
                                 shmput --lock does), print "held", keep it
                                 until standard input ends, give it back  */
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int usage(void) {
  fprintf(stderr,
          "usage: shm_posix write NAME TEXT | read NAME | shrink NAME SIZE | "
          "hold NAME\n");
  return 2;
}

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const char *op = argv[1], *name = argv[2];
  if (strcmp(op, "write") == 0 && argc == 4) {
    int fd = shm_open(name, O_RDWR | O_CREAT, 0600);
    if (fd < 0 || ftruncate(fd, 4096) != 0) {
      perror("shm_posix: shm_open/ftruncate");
      return 1;
    }
    char* p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
      perror("shm_posix: mmap");
      return 1;
    }
    snprintf(p, 4096, "%s", argv[3]);
    munmap(p, 4096);
    close(fd);
    return 0;
  }
  if (strcmp(op, "read") == 0 && argc == 3) {
    int fd = shm_open(name, O_RDONLY, 0);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
      perror("shm_posix: shm_open/fstat");
      return 1;
    }
    if (st.st_size == 0) {
      printf("0\t\n");
      return 0;
    }
    char* p = mmap(NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
      perror("shm_posix: mmap");
      return 1;
    }
    printf("%lld\t%.*s\n", (long long)st.st_size, (int)strnlen(p, st.st_size),
           p);
    return 0;
  }
  if (strcmp(op, "shrink") == 0 && argc == 4) {
    int fd = shm_open(name, O_RDWR, 0);
    if (fd < 0 || ftruncate(fd, atoll(argv[3])) != 0) {
      perror("shm_posix: shm_open/ftruncate");
      return 1;
    }
    return 0;
  }
  if (strcmp(op, "hold") == 0 && argc == 3) {
    sem_t* sem = sem_open(name, O_CREAT, 0600, 1);
    if (sem == SEM_FAILED || sem_wait(sem) != 0) {
      perror("shm_posix: sem_open/sem_wait");
      return 1;
    }
    printf("held\n");
    fflush(stdout);
    char buf[64];
    while (fread(buf, 1, sizeof buf, stdin) > 0) {
    }
    sem_post(sem);
    return 0;
  }
  return usage();
}
