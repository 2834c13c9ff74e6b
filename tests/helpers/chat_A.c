/* The tutorial's chat_A.c (seed, named-pipe chat practice), unchanged in
   what it does -- open fifo_AtoB for writing first, then fifo_BtoA for
   reading (the order that deadlocks against its own twin), print a banner,
   then in strict turns: prompt "A: ", read a line from stdin, write it
   (without its NUL), read once from the peer and print it after "B: " --
   plus error checks, so it ends at the end of its input or when the peer
   closes, where the original spins forever re-sending its buffer.  */
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <string.h>

#define FIFO_SEND "fifo_AtoB"
#define FIFO_RECV "fifo_BtoA"

int main(void)
{
  int fd_send, fd_recv;
  char buffer[128];

  fd_send = open(FIFO_SEND, O_WRONLY);
  if (fd_send == -1) {
    perror("chat_A: open " FIFO_SEND);
    return 1;
  }
  fd_recv = open(FIFO_RECV, O_RDONLY);
  if (fd_recv == -1) {
    perror("chat_A: open " FIFO_RECV);
    return 1;
  }

  printf("=== Chat A ready ===\n");

  while (1) {
    printf("A: ");
    if (fgets(buffer, sizeof(buffer), stdin) == NULL)
      break;
    if (write(fd_send, buffer, strlen(buffer)) == -1) {
      perror("chat_A: write");
      return 1;
    }

    int n = read(fd_recv, buffer, sizeof(buffer) - 1);
    if (n == -1) {
      perror("chat_A: read");
      return 1;
    }
    if (n == 0)
      break;
    buffer[n] = '\0';
    printf("B: %s", buffer);
  }

  close(fd_send);
  close(fd_recv);

  return 0;
}
