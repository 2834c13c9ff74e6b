// What every program does first and last: locale and message catalog,
// program name, the suite's exit statuses, usage errors, --version, and
// checking that standard output really got written.
#pragma once
#include <getopt.h>

namespace ipcutil {

// The exit statuses shared by every program (DESIGN.md).
enum exit_status : int {
  exit_ok = 0,
  exit_failure = 1,        // the operation failed; a diagnostic was printed
  exit_usage = 2,          // bad option or argument
  exit_timeout = 3,        // timed out, or --nonblock / --timeout 0 would block
  exit_cannot_run = 125,   // command-running modes: ipcutils itself failed
  exit_cannot_invoke = 126,// the command was found but could not be run
  exit_enoent = 127,       // the command was not found
};

// Sets the program name (basename of argv[0], also written back to argv[0]
// so getopt's messages match ours), the locale and text domain, and arranges
// for standard output to be flushed and checked at exit.
void initialize_program(int argc, char** argv);

// The basename the program was invoked as.
const char* program_name();

// Prints "PROG: MESSAGE" and the "Try 'PROG --help'" line to stderr, exits 2.
[[noreturn]] void usage_error(const char* format, ...)
    __attribute__((format(printf, 1, 2)));

// Prints only the "Try 'PROG --help' for more information." line, exits 2.
// For use after getopt_long has already reported the bad option.
[[noreturn]] void try_help();

// Prints "PROG (ipcutils) VERSION" and the license, exits 0.
[[noreturn]] void print_version();

// Long-only option codes handled by libipcutil (see also object.hh and
// deadline.hh).  Programs number their own from CHAR_MAX + 1 up, well below.
enum : int { option_help = 0x2000, option_version };
#define IPCUTIL_STANDARD_LONG_OPTIONS                                  \
  {"help", no_argument, nullptr, ::ipcutil::option_help},              \
  {"version", no_argument, nullptr, ::ipcutil::option_version}

// The default branch of every program's option switch: --help calls
// USAGE(0), --version prints the version, anything else is a usage error
// (getopt_long has already said what was wrong).
[[noreturn]] void standard_option(int option, void (*usage)(int status));

// The two lines every --help lists last among the options.
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

}  // namespace ipcutil
