// program: the program name, --version, usage errors, the help blocks, and
// the write-error checks on stdout (/dev/full, closed stdout), each run in a
// child process so the exit status and the exact text can be asserted.
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>

#include "libipcutil/help.hh"
#include "libipcutil/program.hh"
#include "child.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

namespace {

// The expected texts are held in strings for the whole check:
// ck_assert_str_eq keeps only pointers, and a temporary would be gone.
#define ck_assert_outcome(o, want_status, want_out, want_err) \
  do {                                                        \
    const std::string want_out_ = (want_out);                 \
    const std::string want_err_ = (want_err);                 \
    ck_assert_int_eq((o).status, want_status);                \
    ck_assert_str_eq((o).out.c_str(), want_out_.c_str());     \
    ck_assert_str_eq((o).err.c_str(), want_err_.c_str());     \
  } while (0)

const char* const no_space = "prog: write error: No space left on device\n";
const char* const bad_fd = "prog: write error: Bad file descriptor\n";

START_TEST(test_exit_statuses) {
  ck_assert_int_eq(ipcutil::exit_ok, 0);
  ck_assert_int_eq(ipcutil::exit_failure, 1);
  ck_assert_int_eq(ipcutil::exit_usage, 2);
  ck_assert_int_eq(ipcutil::exit_timeout, 3);
  ck_assert_int_eq(ipcutil::exit_cannot_run, 125);
  ck_assert_int_eq(ipcutil::exit_cannot_invoke, 126);
  ck_assert_int_eq(ipcutil::exit_enoent, 127);
}
END_TEST

START_TEST(test_program_name) {
  outcome o = run_as_program([] {
    printf("[%s] [%s]\n", ipcutil::program_name(), program_invocation_name);
  });
  ck_assert_outcome(o, 0, "[prog] [prog]\n", "");
}
END_TEST

START_TEST(test_version) {
  outcome o = run_as_program([] { ipcutil::print_version(); });
  ck_assert_int_eq(o.status, 0);
  ck_assert_str_eq(o.err.c_str(), "");
  std::string first_line = "prog (" PACKAGE_NAME ") " PACKAGE_VERSION "\n";
  const std::string head = o.out.substr(0, first_line.size());
  ck_assert_str_eq(head.c_str(), first_line.c_str());
  ck_assert(o.out.find("\nLicense GPLv3+: ") != std::string::npos);
  ck_assert(o.out.find("There is NO WARRANTY") != std::string::npos);
  ck_assert_int_eq(o.out.back(), '\n');
}
END_TEST

START_TEST(test_version_to_dev_full) {
  outcome o =
      run_as_program([] { ipcutil::print_version(); }, stdout_to::dev_full);
  ck_assert_outcome(o, 1, "", no_space);
}
END_TEST

START_TEST(test_version_to_closed_stdout) {
  outcome o =
      run_as_program([] { ipcutil::print_version(); }, stdout_to::closed);
  ck_assert_outcome(o, 1, "", bad_fd);
}
END_TEST

START_TEST(test_usage_error) {
  outcome o =
      run_as_program([] { ipcutil::usage_error("invalid count: %s", "'0'"); });
  ck_assert_outcome(o, 2, "",
                    "prog: invalid count: '0'\n"
                    "Try 'prog --help' for more information.\n");
}
END_TEST

// Output already written comes out before the diagnostic, not after it.
START_TEST(test_usage_error_flushes_stdout_first) {
  outcome o = run_as_program(
      [] {
        fputs("partial output\n", stdout);
        ipcutil::usage_error("%s", "bad");
      },
      stdout_to::same_pipe_as_stderr);
  ck_assert_outcome(o, 2, "",
                    "partial output\n"
                    "prog: bad\n"
                    "Try 'prog --help' for more information.\n");
}
END_TEST

START_TEST(test_try_help) {
  outcome o = run_as_program([] { ipcutil::try_help(); });
  ck_assert_outcome(o, 2, "", "Try 'prog --help' for more information.\n");
}
END_TEST

// The default branch of every option switch: --help runs the program's
// usage(0), --version the version, anything else points to --help.
[[noreturn]] void fake_usage(int status) {
  printf("usage %d\n", status);
  exit(status);
}

START_TEST(test_standard_option) {
  outcome o = run_as_program(
      [] { ipcutil::standard_option(ipcutil::option_help, fake_usage); });
  ck_assert_outcome(o, 0, "usage 0\n", "");
  o = run_as_program(
      [] { ipcutil::standard_option(ipcutil::option_version, fake_usage); });
  ck_assert_int_eq(o.status, 0);
  ck_assert_msg(
      o.out.rfind("prog (" PACKAGE_NAME ") " PACKAGE_VERSION "\n", 0) == 0,
      "version line: %s", o.out.c_str());
  o = run_as_program([] { ipcutil::standard_option('?', fake_usage); });
  ck_assert_outcome(o, 2, "", "Try 'prog --help' for more information.\n");
}
END_TEST

// write_error reports once, and drops what can no longer be written.
START_TEST(test_write_error) {
  outcome o = run_as_program([] {
    fputs("never shown", stdout);
    ipcutil::write_error(EPIPE);
  });
  ck_assert_outcome(o, 1, "", "prog: write error: Broken pipe\n");
  o = run_as_program([] { ipcutil::write_error(ENOSPC); }, stdout_to::dev_full);
  ck_assert_outcome(o, 1, "", no_space);
}
END_TEST

// Output longer than stdio's buffer fails while it is written; at exit the
// error flag alone is left, and it still makes the run fail.
START_TEST(test_exit_after_failed_flush) {
  outcome o = run_as_program(
      [] {
        for (int i = 0; i < 4; ++i)
          fputs(std::string(4096, 'x').c_str(), stdout);
      },
      stdout_to::dev_full);
  ck_assert_outcome(o, 1, "", "prog: write error: Input/output error\n");
}
END_TEST

// --help is written in one piece, so its failure keeps its own reason.
START_TEST(test_long_help_dev_full) {
  outcome o = run_as_program(
      [] {
        ipcutil::standard_option(ipcutil::option_help, [](int) {
          for (int i = 0; i < 4; ++i)
            fputs(std::string(4096, 'x').c_str(), stdout);
          exit(0);
        });
      },
      stdout_to::dev_full);
  ck_assert_outcome(o, 1, "", no_space);
}
END_TEST

START_TEST(test_flush_stdout_dev_full) {
  outcome o = run_as_program(
      [] {
        fputs("x", stdout);
        ipcutil::flush_stdout();
        fputs("not reached\n", stderr);
      },
      stdout_to::dev_full);
  ck_assert_outcome(o, 1, "", no_space);
}
END_TEST

START_TEST(test_flush_stdout_ok) {
  outcome o = run_as_program([] {
    fputs("report 1\n", stdout);
    ipcutil::flush_stdout();
    fputs("after\n", stderr);  // reached: the flush succeeded
  });
  ck_assert_outcome(o, 0, "report 1\n", "after\n");
}
END_TEST

// Output that fails only when exit() flushes it is still an error.
START_TEST(test_exit_checks_stdout) {
  outcome o = run_as_program([] { fputs("x", stdout); }, stdout_to::dev_full);
  ck_assert_outcome(o, 1, "", no_space);
  o = run_as_program([] { fputs("x", stdout); }, stdout_to::closed);
  ck_assert_outcome(o, 1, "", bad_fd);
  // A program that wrote nothing has nothing to report, even to a closed
  // or full stdout.
  o = run_as_program([] {}, stdout_to::closed);
  ck_assert_outcome(o, 0, "", "");
  o = run_as_program([] {}, stdout_to::dev_full);
  ck_assert_outcome(o, 0, "", "");
}
END_TEST

START_TEST(test_standard_options_help) {
  outcome o = run_as_program([] { ipcutil::emit_standard_options_help(); });
  ck_assert_outcome(
      o, 0,
      "      --help             display this help and exit\n"
      "      --version          output version information and exit\n",
      "");
}
END_TEST

START_TEST(test_exit_status_help) {
  const char* const base =
      "\nExit status:\n"
      "  0  success\n"
      "  1  the operation failed\n"
      "  2  bad option or argument\n";
  const char* const timeout =
      "  3  timed out, or --nonblock/--timeout 0 would have blocked\n";
  const char* const command =
      "  125  this program failed before or after running COMMAND\n"
      "  126  COMMAND was found but could not be run\n"
      "  127  COMMAND was not found\n"
      "  otherwise the exit status of COMMAND\n";
  outcome o = run_as_program([] { ipcutil::emit_exit_status_help(false); });
  ck_assert_outcome(o, 0, base, "");
  o = run_as_program([] { ipcutil::emit_exit_status_help(true); });
  ck_assert_outcome(o, 0, std::string(base) + timeout, "");
  o = run_as_program([] { ipcutil::emit_exit_status_help(true, true); });
  ck_assert_outcome(o, 0, std::string(base) + timeout + command, "");
  o = run_as_program([] { ipcutil::emit_exit_status_help(false, true); });
  ck_assert_outcome(o, 0, std::string(base) + command, "");
}
END_TEST

START_TEST(test_help_footer) {
  outcome o = run_as_program([] { ipcutil::emit_help_footer(); });
  ck_assert_outcome(o, 0,
                    "\nReport bugs to the " PACKAGE_NAME
                    " issue tracker.\n"
                    "Full documentation: man prog\n",
                    "");
}
END_TEST

// --help into /dev/full: the whole help is buffered, so the failure shows
// at exit and must still be reported.
START_TEST(test_help_to_dev_full) {
  outcome o = run_as_program(
      [] {
        ipcutil::emit_standard_options_help();
        ipcutil::emit_exit_status_help(true);
        ipcutil::emit_help_footer();
        exit(ipcutil::exit_ok);
      },
      stdout_to::dev_full);
  ck_assert_outcome(o, 1, "", no_space);
}
END_TEST

// die() is error(3) that needs no abort() after it: stdout flushed first,
// the reason after a colon when ERRNUM is set, the status given.
START_TEST(test_die) {
  outcome o =
      run_as_program([] { ipcutil::die(3, 0, "timed out: %s", "'q'"); });
  ck_assert_outcome(o, 3, "", "prog: timed out: 'q'\n");
  o = run_as_program(
      [] {
        fputs("before\n", stdout);
        ipcutil::die(1, ENOENT, "cannot open %s", "'f'");
      },
      stdout_to::same_pipe_as_stderr);
  ck_assert_outcome(
      o, 1, "", "before\nprog: cannot open 'f': No such file or directory\n");
}
END_TEST

START_TEST(test_warn) {
  outcome o = run_as_program([] {
    ipcutil::warn(EACCES, "cannot remove %s", "'x'");
    ipcutil::warn(0, "%d left", 3);
  });
  ck_assert_outcome(
      o, 0, "", "prog: cannot remove 'x': Permission denied\nprog: 3 left\n");
}
END_TEST

// Closed standard descriptors get a placeholder at start-up: what the
// program opens next is never 0, 1 or 2, and writing to the closed stdout
// still fails with EBADF.
START_TEST(test_closed_stdout_is_not_reused) {
  outcome o = run_as_program(
      [] {
        int fd = open("/dev/null", O_RDONLY);
        ssize_t n = write(STDOUT_FILENO, "x", 1);
        int err = errno;
        fprintf(stderr, "%d %d %d %d %d\n", fd > STDERR_FILENO,
                static_cast<int>(n), err == EBADF, ipcutil::stdio_was_closed(1),
                ipcutil::stdio_was_closed(0));
      },
      stdout_to::closed);
  ck_assert_outcome(o, 0, "", "1 -1 1 1 0\n");
  // An open stdout is left alone.
  o = run_as_program([] {
    fprintf(stderr, "%d\n", ipcutil::stdio_was_closed(1));
    fputs("out\n", stdout);
  });
  ck_assert_outcome(o, 0, "out\n", "0\n");
}
END_TEST

void note_cleanup() { fputs("cleanup\n", stderr); }

// exit_by_signal: the cleanups first, then death by that very signal,
// whatever the mask and the handler were.
START_TEST(test_exit_by_signal) {
  for (int signo : {SIGTERM, SIGPIPE, SIGUSR1, SIGRTMIN + 1}) {
    static int sig;
    sig = signo;
    outcome o = run_as_program([] {
      sigset_t set;
      sigemptyset(&set);
      sigaddset(&set, sig);
      sigprocmask(SIG_BLOCK, &set, nullptr);
      ipcutil::at_signal_death(note_cleanup);
      fputs("dropped", stdout);
      ipcutil::exit_by_signal(sig);
    });
    ck_assert_outcome(o, 128 + signo, "", "cleanup\n");
  }
}
END_TEST

// The default-fatal signals left at SIG_DFL and unblocked, and no others.
START_TEST(test_default_fatal_signals) {
  outcome o = run_as_program([] {
    // Whatever the test runner inherited, start from the defaults.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int signo = 1; signo <= SIGRTMAX; ++signo) signal(signo, SIG_DFL);
    signal(SIGHUP, SIG_IGN);  // nohup
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR2);
    sigprocmask(SIG_BLOCK, &blocked, nullptr);
    sigset_t set;
    sigemptyset(&set);
    ipcutil::add_default_fatal_signals(set);
    for (int signo : {SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1,
                      SIGRTMIN, SIGRTMAX, SIGHUP, SIGUSR2, SIGSEGV, SIGCHLD,
                      SIGCONT, SIGTSTP, SIGKILL})
      printf("%d", sigismember(&set, signo));
  });
  ck_assert_outcome(o, 0, "111111110000000", "");
}
END_TEST

START_TEST(test_mandatory_arguments_help) {
  outcome o = run_as_program([] { ipcutil::emit_mandatory_arguments_help(); });
  ck_assert_outcome(o, 0,
                    "\nMandatory arguments to long options are mandatory for "
                    "short options too.\n",
                    "");
}
END_TEST

START_TEST(test_values_help) {
  const std::string key =
      "KEY is decimal, 0x hexadecimal or 0 octal; ID for --proj is a number\n"
      "from 1 to 255 or one character (\"A\" is 65).  MODE is octal.\n";
  const std::string size =
      "SIZE is a number of bytes, optionally followed by K (1024), KB (1000),\n"
      "M, MB, G...\n";
  const std::string duration =
      "DURATION is a number of seconds with an optional fraction, or a number\n"
      "followed by ns, us, ms, s, m, h or d.\n";
  outcome o = run_as_program([] { ipcutil::emit_values_help(0); });
  ck_assert_outcome(o, 0, "", "");
  o = run_as_program([] { ipcutil::emit_values_help(ipcutil::help_duration); });
  ck_assert_outcome(o, 0, "\n" + duration, "");
  o = run_as_program([] {
    ipcutil::emit_values_help(ipcutil::help_duration |
                              ipcutil::help_key_id_mode | ipcutil::help_size);
  });
  ck_assert_outcome(o, 0, "\n" + key + size + duration, "");
}
END_TEST

// Every option line of the library's help starts its description in
// help_column.
START_TEST(test_help_column) {
  outcome o = run_as_program([] { ipcutil::emit_standard_options_help(); });
  std::size_t start = 0;
  while (start < o.out.size()) {
    std::size_t end = o.out.find('\n', start);
    std::string line = o.out.substr(start, end - start);
    ck_assert_msg(line.size() > ipcutil::help_column &&
                      line[ipcutil::help_column - 1] == ' ' &&
                      line[ipcutil::help_column] != ' ',
                  "not in column %d: %s", ipcutil::help_column, line.c_str());
    start = end + 1;
  }
}
END_TEST

}  // namespace

Suite* program_suite() {
  Suite* s = suite_create("program");
  TCase* tc = tcase_create("program");
  tcase_add_test(tc, test_exit_statuses);
  tcase_add_test(tc, test_program_name);
  tcase_add_test(tc, test_version);
  tcase_add_test(tc, test_version_to_dev_full);
  tcase_add_test(tc, test_version_to_closed_stdout);
  tcase_add_test(tc, test_usage_error);
  tcase_add_test(tc, test_usage_error_flushes_stdout_first);
  tcase_add_test(tc, test_try_help);
  tcase_add_test(tc, test_standard_option);
  tcase_add_test(tc, test_write_error);
  tcase_add_test(tc, test_flush_stdout_dev_full);
  tcase_add_test(tc, test_exit_after_failed_flush);
  tcase_add_test(tc, test_long_help_dev_full);
  tcase_add_test(tc, test_flush_stdout_ok);
  tcase_add_test(tc, test_exit_checks_stdout);
  tcase_add_test(tc, test_standard_options_help);
  tcase_add_test(tc, test_exit_status_help);
  tcase_add_test(tc, test_help_footer);
  tcase_add_test(tc, test_help_to_dev_full);
  tcase_add_test(tc, test_die);
  tcase_add_test(tc, test_warn);
  tcase_add_test(tc, test_closed_stdout_is_not_reused);
  tcase_add_test(tc, test_exit_by_signal);
  tcase_add_test(tc, test_default_fatal_signals);
  tcase_add_test(tc, test_mandatory_arguments_help);
  tcase_add_test(tc, test_values_help);
  tcase_add_test(tc, test_help_column);
  suite_add_tcase(s, tc);
  return s;
}
