// What every program does first and last: locale and message catalog,
// program name, the suite's exit statuses, usage errors, --version, and
// checking that standard output really got written.
#pragma once
#include <getopt.h>
#include <signal.h>

#include "libipcutil/options.hh"

namespace ipcutil {

// The exit statuses shared by every program (DESIGN.md).
enum exit_status : int {
  exit_ok = 0,
  exit_failure = 1,       // the operation failed; a diagnostic was printed
  exit_usage = 2,         // bad option or argument
  exit_timeout = 3,       // timed out, or --nonblock / --timeout 0 would block
  exit_cannot_run = 125,  // command-running modes: ipcutils itself failed
  exit_cannot_invoke = 126,  // the command was found but could not be run
  exit_enoent = 127,         // the command was not found
};

// Sets the program name (basename of argv[0], also written back to argv[0]
// so getopt's messages match ours), the locale and text domain, and arranges
// for standard output to be flushed and checked at exit.  Descriptors 0, 1
// and 2 that were closed get a placeholder that can be neither read nor
// written (/dev/null opened O_PATH), so no queue, socket or file the program
// opens later becomes its standard output, and output to a closed stdout
// still fails with EBADF.
void initialize_program(int argc, char** argv);

// Whether descriptor FD (0, 1 or 2) was closed when the program started.
bool stdio_was_closed(int fd);

// The basename the program was invoked as.
const char* program_name();

// Prints "PROG: MESSAGE" (": strerror(ERRNUM)" added when ERRNUM is not 0)
// to stderr after flushing stdout, and exits with STATUS: error(3) for the
// statuses that end the program, without the abort() that has to follow it.
[[noreturn]] void die(int status, int errnum, const char* format, ...)
    __attribute__((format(printf, 3, 4)));

// The same line as die(), without exiting.
void warn(int errnum, const char* format, ...)
    __attribute__((format(printf, 2, 3)));

// Prints "PROG: MESSAGE" and the "Try 'PROG --help'" line to stderr, exits 2.
[[noreturn]] void usage_error(const char* format, ...)
    __attribute__((format(printf, 1, 2)));

// Prints only the "Try 'PROG --help' for more information." line, exits 2.
// For use after getopt_long has already reported the bad option.
[[noreturn]] void try_help();

// Prints "PROG (ipcutils) VERSION" and the license, exits 0.
[[noreturn]] void print_version();

// --help and --version; their codes are in options.hh.
#define IPCUTIL_STANDARD_LONG_OPTIONS                          \
  {"help", no_argument, nullptr, ::ipcutil::option_help}, {    \
    "version", no_argument, nullptr, ::ipcutil::option_version \
  }

// The default branch of every program's option switch: --help calls
// USAGE(0), --version prints the version, anything else is a usage error
// (getopt_long has already said what was wrong).
[[noreturn]] void standard_option(int option, void (*usage)(int status));

// The two lines every --help lists last among the options, their
// descriptions in help_column like every other option's (help.hh).
void emit_standard_options_help();

// The "Exit status:" block of --help; with_command adds 125/126/127.
void emit_exit_status_help(bool with_timeout, bool with_command = false);

// The closing lines of --help: where the manual is, where to report bugs.
void emit_help_footer();

// Flushes stdout; on failure prints "PROG: write error: REASON" and exits 1.
// Programs that report as events happen call this after each report.
void flush_stdout();

// Prints "PROG: write error: REASON" for ERRNUM and exits 1.
[[noreturn]] void write_error(int errnum);

// ---- dying by a signal ------------------------------------------------------

// Adds to SET every signal whose default action ends the process and that
// the process now leaves at SIG_DFL and unblocked: HUP, INT, QUIT, PIPE,
// ALRM, TERM, USR1, USR2, STKFLT, IO, PROF, VTALRM, XCPU, XFSZ, PWR and the
// real-time signals.  A program that must clean up before such a death
// blocks them, reads them (signalfd, sigwaitinfo) and calls exit_by_signal.
// Left out: the signals a fault raises synchronously (ILL, TRAP, ABRT, BUS,
// FPE, SEGV, SYS), which cannot usefully be blocked, the ones the C library
// reserves, and any the parent ignored or blocked, which keep that state.
void add_default_fatal_signals(sigset_t& set);

// Registers FN to run before exit_by_signal kills the process (removing a
// pid file or a socket).  At most a handful; FN must not exit.
void at_signal_death(void (*fn)());

// Runs the at_signal_death functions, then ends the process by SIGNO with
// its default action, so the parent sees the same status as if the signal
// had not been caught (a shell's 128 + SIGNO).  Output still buffered in
// stdout is dropped, as the uncaught signal would have dropped it.
[[noreturn]] void exit_by_signal(int signo);

}  // namespace ipcutil
