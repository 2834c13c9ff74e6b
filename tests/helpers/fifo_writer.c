/* The tutorial's writer.c (seed, mkfifo section), unchanged in what it
   does -- mkfifo("myfifo", 0666), whose failure it ignores as the original
   does (the FIFO may exist), open it for writing, write "Hello via FIFO!"
   with its terminating NUL and no newline, close -- plus error checks.  An
   optional argument replaces the text.  */
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <string.h>

int main(int argc, char **argv)
{
  const char *fifo_path = "myfifo";

  mkfifo(fifo_path, 0666);

  int fd = open(fifo_path, O_WRONLY);
  if (fd == -1) {
    perror("fifo_writer: open");
    return 1;
  }
  const char *msg = argc > 1 ? argv[1] : "Hello via FIFO!";
  if (write(fd, msg, strlen(msg) + 1) == -1) {
    perror("fifo_writer: write");
    return 1;
  }
  close(fd);

  return 0;
}
