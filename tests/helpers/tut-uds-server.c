/* The tutorial's UNIX domain stream server (seed: server.c, section 5.1),
   unchanged in what it does -- unlink "my_socket", bind, listen, accept one
   client, read once into a 128-byte buffer, print it as a C string, send
   "Hello from server!" with its NUL, unlink -- plus error checks, a zeroed
   buffer and a flush after the first line, so a test can wait for it.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define SOCKET_PATH "my_socket"

int main(void)
{
  int server_fd, client_fd;
  struct sockaddr_un addr;
  char buffer[128];

  memset(buffer, 0, sizeof buffer);
  server_fd = socket(AF_UNIX, SOCK_STREAM, 0);
  if (server_fd == -1) {
    perror("tut-uds-server: socket");
    return 1;
  }

  unlink(SOCKET_PATH);

  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  strcpy(addr.sun_path, SOCKET_PATH);

  if (bind(server_fd, (struct sockaddr*)&addr, sizeof(addr)) == -1) {
    perror("tut-uds-server: bind");
    return 1;
  }
  if (listen(server_fd, 5) == -1) {
    perror("tut-uds-server: listen");
    return 1;
  }

  printf("Server waiting for connection...\n");
  fflush(stdout);

  client_fd = accept(server_fd, NULL, NULL);
  if (client_fd == -1) {
    perror("tut-uds-server: accept");
    return 1;
  }

  printf("Client connected!\n");

  if (read(client_fd, buffer, sizeof(buffer)) == -1) {
    perror("tut-uds-server: read");
    return 1;
  }
  printf("Received: %s\n", buffer);

  if (write(client_fd, "Hello from server!", 19) != 19) {
    perror("tut-uds-server: write");
    return 1;
  }

  close(client_fd);
  close(server_fd);
  unlink(SOCKET_PATH);
  return 0;
}
