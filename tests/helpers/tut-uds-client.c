/* The tutorial's UNIX domain stream client (seed: client.c, section 5.2),
   unchanged in what it does -- connect to "my_socket", send "Hello from
   client!" with its NUL, read once into a 128-byte buffer and print it as
   a C string -- plus error checks and a zeroed buffer.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define SOCKET_PATH "my_socket"

int main(void)
{
  int sock_fd;
  struct sockaddr_un addr;
  char buffer[128];

  memset(buffer, 0, sizeof buffer);
  sock_fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (sock_fd == -1) {
    perror("tut-uds-client: socket");
    return 1;
  }

  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  strcpy(addr.sun_path, SOCKET_PATH);

  if (connect(sock_fd, (struct sockaddr*)&addr, sizeof(addr)) == -1) {
    perror("tut-uds-client: connect");
    return 1;
  }

  if (write(sock_fd, "Hello from client!", 19) != 19) {
    perror("tut-uds-client: write");
    return 1;
  }

  if (read(sock_fd, buffer, sizeof(buffer)) == -1) {
    perror("tut-uds-client: read");
    return 1;
  }
  printf("Received from server: %s\n", buffer);

  close(sock_fd);
  return 0;
}
