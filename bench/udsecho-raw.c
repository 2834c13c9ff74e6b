/* bench/udsecho-raw.c: the limits udsecho is measured against.
     udsecho-raw server PATH        a minimal echo server: one client at a
                                    time, blocking read/write, 256 KiB
     udsecho-raw bulk PATH BYTES [WINDOW]
                                    stream BYTES and read them back at once,
                                    at most WINDOW bytes in flight if given;
                                    prints the seconds taken
     udsecho-raw pingpong PATH N    N one-byte round trips; prints seconds */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static char buf[256 * 1024];

static int addr_of(const char* path, struct sockaddr_un* a)
{
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  if (strlen(path) >= sizeof a->sun_path) return -1;
  strcpy(a->sun_path, path);
  return 0;
}

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static int dial(const char* path)
{
  struct sockaddr_un a;
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0 || addr_of(path, &a) || connect(fd, (struct sockaddr*)&a, sizeof a)) {
    perror("udsecho-raw: connect");
    exit(1);
  }
  return fd;
}

static int server(const char* path)
{
  struct sockaddr_un a;
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  unlink(path);
  if (l < 0 || addr_of(path, &a) || bind(l, (struct sockaddr*)&a, sizeof a) || listen(l, 128)) {
    perror("udsecho-raw: listen");
    return 1;
  }
  for (;;) {
    int c = accept(l, NULL, NULL);
    if (c < 0) continue;
    ssize_t n;
    while ((n = read(c, buf, sizeof buf)) > 0)
      for (ssize_t off = 0; off < n;) {
        ssize_t w = write(c, buf + off, n - off);
        if (w <= 0) goto done;
        off += w;
      }
  done:
    close(c);
  }
}

static int bulk(const char* path, long long bytes, long long window)
{
  int fd = dial(path);
  static char in[256 * 1024];
  long long sent = 0, got = 0;
  double t0 = now();
  while (got < bytes) {
    long long room = window > 0 ? window - (sent - got) : (long long)sizeof buf;
    int may_send = sent < bytes && room > 0;
    struct pollfd p = {fd, POLLIN | (may_send ? POLLOUT : 0), 0};
    if (poll(&p, 1, -1) < 0) return 1;
    if (p.revents & POLLIN) {
      ssize_t n = recv(fd, in, sizeof in, MSG_DONTWAIT);
      if (n == 0) break;
      if (n > 0) got += n;
    }
    if (may_send && (p.revents & POLLOUT)) {
      long long want = bytes - sent < (long long)sizeof buf ? bytes - sent : (long long)sizeof buf;
      if (want > room) want = room;
      ssize_t n = send(fd, buf, want, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n > 0) sent += n;
      if (sent == bytes) shutdown(fd, SHUT_WR);
    }
  }
  double t = now() - t0;
  if (got != bytes) {
    fprintf(stderr, "udsecho-raw: got %lld of %lld bytes\n", got, bytes);
    return 1;
  }
  printf("%.6f\n", t);
  return 0;
}

static int pingpong(const char* path, long n)
{
  int fd = dial(path);
  char c = 'x';
  double t0 = now();
  for (long i = 0; i < n; i++)
    if (write(fd, &c, 1) != 1 || read(fd, &c, 1) != 1) {
      perror("udsecho-raw: pingpong");
      return 1;
    }
  printf("%.6f\n", now() - t0);
  return 0;
}

int main(int argc, char** argv)
{
  if (argc == 3 && !strcmp(argv[1], "server")) return server(argv[2]);
  if ((argc == 4 || argc == 5) && !strcmp(argv[1], "bulk"))
    return bulk(argv[2], atoll(argv[3]), argc == 5 ? atoll(argv[4]) : 0);
  if (argc == 4 && !strcmp(argv[1], "pingpong")) return pingpong(argv[2], atol(argv[3]));
  fprintf(stderr, "usage: udsecho-raw server PATH | bulk PATH BYTES [WINDOW] | pingpong PATH N\n");
  return 2;
}
