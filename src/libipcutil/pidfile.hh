// The readiness pid file (-p, --pid-file=FILE) of the programs others wait
// for (sigcatch, udsecho -l): written once the program is ready, removed
// when it ends, and never at the cost of a file that is not ours.
//
//   check_pid_file(path)    at option time, before anything is set up
//   create_pid_file(path)   once ready
//
// One pid file per process.
#pragma once

namespace ipcutil {

// Refuses PATH unless it is absent or a regular file that is empty or holds
// only a number (a stale pid file): a symbolic link, a FIFO, a device, a
// directory or a file of data there is not ours to replace.  Prints
// "PROG: ..." and returns false; an empty PATH is a usage error (exit 2).
bool check_pid_file(const char* path);

// Writes our pid and a newline to a new file beside PATH (mode 0644 less
// the umask) and renames it over PATH, so a reader never sees it
// half-written, after checking PATH again as check_pid_file does.
// Arranges for remove_pid_file to run at exit and before exit_by_signal
// (program.hh).  Prints "PROG: ..." and returns false on failure, leaving
// nothing behind.
bool create_pid_file(const char* path);

// Removes the pid file if it is still the one we wrote: the same file
// (device and inode), still holding our pid.  Anything else found at its
// path is left alone.  Does nothing the second time.
void remove_pid_file();

}  // namespace ipcutil
