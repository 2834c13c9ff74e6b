## C peers: programs that use the raw system calls the way the tutorial does.
