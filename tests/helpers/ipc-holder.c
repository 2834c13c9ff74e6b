/* ipc-holder MODE ARG...: puts itself in one of the positions ipcclean
   must recognise as "in use", says "ready" on standard output once it is
   there (for the blocking modes: just before the call that blocks), and
   stays until killed.  The create-* modes make a POSIX object and exit.

     shm-attach ID         attached to System V segment ID
     pg KEY NSEMS          PostgreSQL-like: creates segment KEY (attached)
                           and semaphore set KEY+1 of NSEMS semaphores, whose
                           last operations are made by a child that exits;
                           prints "ready SHMID SEMID"
     sem-op ID             one V and one P on semaphore 0 of set ID, exit
     semop ID              blocked in semop (P) on semaphore 0 of set ID
     msgrcv ID             blocked in msgrcv on queue ID
     pshm-map /NAME        maps POSIX shared memory NAME (descriptor closed)
     pshm-open /NAME       holds POSIX shared memory NAME open, unmapped
     psem /NAME            has POSIX semaphore NAME open (sem_open maps it)
     pmq-open /NAME        holds POSIX queue NAME open
     pmq-notify /NAME      holds POSIX queue NAME open, registered for
                           notification
     create-pshm /NAME     creates POSIX shared memory NAME (4096 bytes), exits
     create-psem /NAME     creates POSIX semaphore NAME (value 1), exits
     create-pmq /NAME      creates POSIX queue NAME, exits  */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char* what) {
  fprintf(stderr, "ipc-holder: %s: %s\n", what, strerror(errno));
  exit(1);
}

static void ready(void) {
  printf("ready\n");
  fflush(stdout);
}

static void stay(void) {
  for (;;) pause();
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: ipc-holder MODE ARG...\n");
    return 2;
  }
  const char *mode = argv[1], *arg = argv[2];
  if (strcmp(mode, "shm-attach") == 0) {
    if (shmat(atoi(arg), NULL, SHM_RDONLY) == (void*)-1) die("shmat");
    ready();
    stay();
  }
  if (strcmp(mode, "pg") == 0 && argc == 4) {
    key_t key = (key_t)strtoul(arg, NULL, 0);
    int shmid = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
    if (shmid == -1 || shmat(shmid, NULL, 0) == (void*)-1) die("shm");
    int nsems = atoi(argv[3]);
    int semid = semget(key + 1, nsems, IPC_CREAT | IPC_EXCL | 0600);
    if (semid == -1) die("semget");
    pid_t child = fork();
    if (child == -1) die("fork");
    if (child == 0) {
      /* A backend: posts and takes each semaphore once, then exits.  */
      for (int i = 0; i < nsems; i++) {
        struct sembuf ops[2] = {{(unsigned short)i, 1, 0},
                                {(unsigned short)i, -1, 0}};
        if (semop(semid, ops, 2) == -1) die("semop");
      }
      _exit(0);
    }
    int status;
    if (waitpid(child, &status, 0) != child || status != 0) die("backend");
    printf("ready %d %d\n", shmid, semid);
    fflush(stdout);
    stay();
  }
  if (strcmp(mode, "sem-op") == 0) {
    struct sembuf ops[2] = {{0, 1, 0}, {0, -1, 0}};
    if (semop(atoi(arg), ops, 2) == -1) die("semop");
    return 0;
  }
  if (strcmp(mode, "semop") == 0) {
    struct sembuf op = {0, -1, 0};
    ready();
    while (semop(atoi(arg), &op, 1) == -1)
      if (errno != EINTR) die("semop");
    stay();
  }
  if (strcmp(mode, "msgrcv") == 0) {
    struct {
      long mtype;
      char mtext[64];
    } m;
    ready();
    while (msgrcv(atoi(arg), &m, sizeof m.mtext, 0, MSG_NOERROR) == -1)
      if (errno != EINTR) die("msgrcv");
    stay();
  }
  if (strcmp(mode, "pshm-map") == 0 || strcmp(mode, "pshm-open") == 0) {
    int fd = shm_open(arg, O_RDWR, 0);
    if (fd == -1) die("shm_open");
    if (strcmp(mode, "pshm-map") == 0) {
      if (mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) ==
          MAP_FAILED)
        die("mmap");
      close(fd);
    }
    ready();
    stay();
  }
  if (strcmp(mode, "psem") == 0) {
    if (sem_open(arg, 0) == SEM_FAILED) die("sem_open");
    ready();
    stay();
  }
  if (strcmp(mode, "pmq-open") == 0 || strcmp(mode, "pmq-notify") == 0) {
    mqd_t q = mq_open(arg, O_RDONLY);
    if (q == (mqd_t)-1) die("mq_open");
    if (strcmp(mode, "pmq-notify") == 0) {
      struct sigevent ev;
      memset(&ev, 0, sizeof ev);
      ev.sigev_notify = SIGEV_NONE;
      if (mq_notify(q, &ev) == -1) die("mq_notify");
    }
    ready();
    stay();
  }
  if (strcmp(mode, "create-pshm") == 0) {
    int fd = shm_open(arg, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd == -1 || ftruncate(fd, 4096) == -1) die("shm_open");
    return 0;
  }
  if (strcmp(mode, "create-psem") == 0) {
    if (sem_open(arg, O_CREAT | O_EXCL, 0600, 1) == SEM_FAILED) die("sem_open");
    return 0;
  }
  if (strcmp(mode, "create-pmq") == 0) {
    if (mq_open(arg, O_RDWR | O_CREAT | O_EXCL, 0600, NULL) == (mqd_t)-1)
      die("mq_open");
    return 0;
  }
  fprintf(stderr, "ipc-holder: unknown mode '%s'\n", mode);
  return 2;
}
