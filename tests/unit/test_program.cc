// program: the program name, --version, usage errors, the help blocks, and
// the write-error checks on stdout (/dev/full, closed stdout), each run in a
// child process so the exit status and the exact text can be asserted.
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <string>

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

START_TEST(test_exit_statuses)
{
  ck_assert_int_eq(ipcutil::exit_ok, 0);
  ck_assert_int_eq(ipcutil::exit_failure, 1);
  ck_assert_int_eq(ipcutil::exit_usage, 2);
  ck_assert_int_eq(ipcutil::exit_timeout, 3);
  ck_assert_int_eq(ipcutil::exit_cannot_run, 125);
  ck_assert_int_eq(ipcutil::exit_cannot_invoke, 126);
  ck_assert_int_eq(ipcutil::exit_enoent, 127);
}
END_TEST

START_TEST(test_program_name)
{
  outcome o = run_as_program([] {
    printf("[%s] [%s]\n", ipcutil::program_name(), program_invocation_name);
  });
  ck_assert_outcome(o, 0, "[prog] [prog]\n", "");
}
END_TEST

START_TEST(test_version)
{
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

START_TEST(test_version_to_dev_full)
{
  outcome o = run_as_program([] { ipcutil::print_version(); }, stdout_to::dev_full);
  ck_assert_outcome(o, 1, "", no_space);
}
END_TEST

START_TEST(test_version_to_closed_stdout)
{
  outcome o = run_as_program([] { ipcutil::print_version(); }, stdout_to::closed);
  ck_assert_outcome(o, 1, "", bad_fd);
}
END_TEST

START_TEST(test_usage_error)
{
  outcome o = run_as_program([] { ipcutil::usage_error("invalid count: %s", "'0'"); });
  ck_assert_outcome(o, 2, "",
                    "prog: invalid count: '0'\n"
                    "Try 'prog --help' for more information.\n");
}
END_TEST

// Output already written comes out before the diagnostic, not after it.
START_TEST(test_usage_error_flushes_stdout_first)
{
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

START_TEST(test_try_help)
{
  outcome o = run_as_program([] { ipcutil::try_help(); });
  ck_assert_outcome(o, 2, "", "Try 'prog --help' for more information.\n");
}
END_TEST

// The default branch of every option switch: --help runs the program's
// usage(0), --version the version, anything else points to --help.
[[noreturn]] void fake_usage(int status)
{
  printf("usage %d\n", status);
  exit(status);
}

START_TEST(test_standard_option)
{
  outcome o = run_as_program([] { ipcutil::standard_option(ipcutil::option_help, fake_usage); });
  ck_assert_outcome(o, 0, "usage 0\n", "");
  o = run_as_program([] { ipcutil::standard_option(ipcutil::option_version, fake_usage); });
  ck_assert_int_eq(o.status, 0);
  ck_assert_msg(o.out.rfind("prog (" PACKAGE_NAME ") " PACKAGE_VERSION "\n", 0) == 0,
                "version line: %s", o.out.c_str());
  o = run_as_program([] { ipcutil::standard_option('?', fake_usage); });
  ck_assert_outcome(o, 2, "", "Try 'prog --help' for more information.\n");
}
END_TEST

// write_error reports once, and drops what can no longer be written.
START_TEST(test_write_error)
{
  outcome o = run_as_program([] {
    fputs("never shown", stdout);
    ipcutil::write_error(EPIPE);
  });
  ck_assert_outcome(o, 1, "", "prog: write error: Broken pipe\n");
  o = run_as_program([] { ipcutil::write_error(ENOSPC); }, stdout_to::dev_full);
  ck_assert_outcome(o, 1, "", no_space);
}
END_TEST

START_TEST(test_flush_stdout_dev_full)
{
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

START_TEST(test_flush_stdout_ok)
{
  outcome o = run_as_program([] {
    fputs("report 1\n", stdout);
    ipcutil::flush_stdout();
    fputs("after\n", stderr);  // reached: the flush succeeded
  });
  ck_assert_outcome(o, 0, "report 1\n", "after\n");
}
END_TEST

// Output that fails only when exit() flushes it is still an error.
START_TEST(test_exit_checks_stdout)
{
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

START_TEST(test_standard_options_help)
{
  outcome o = run_as_program([] { ipcutil::emit_standard_options_help(); });
  ck_assert_outcome(o, 0,
                    "      --help        display this help and exit\n"
                    "      --version     output version information and exit\n",
                    "");
}
END_TEST

START_TEST(test_exit_status_help)
{
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

START_TEST(test_help_footer)
{
  outcome o = run_as_program([] { ipcutil::emit_help_footer(); });
  ck_assert_outcome(o, 0,
                    "\nReport bugs to the " PACKAGE_NAME " issue tracker.\n"
                    "Full documentation: man prog\n",
                    "");
}
END_TEST

// --help into /dev/full: the whole help is buffered, so the failure shows
// at exit and must still be reported.
START_TEST(test_help_to_dev_full)
{
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

}  // namespace

Suite* program_suite()
{
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
  tcase_add_test(tc, test_flush_stdout_ok);
  tcase_add_test(tc, test_exit_checks_stdout);
  tcase_add_test(tc, test_standard_options_help);
  tcase_add_test(tc, test_exit_status_help);
  tcase_add_test(tc, test_help_footer);
  tcase_add_test(tc, test_help_to_dev_full);
  suite_add_tcase(s, tc);
  return s;
}
