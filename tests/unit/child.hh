// run_as_program: runs a piece of library code in a child process started
// as a program named "prog", so its exit status and its exact output can be
// asserted.  Include it before suites.hh (Check's fail macro).
#pragma once

#include <concepts>
#include <functional>
#include <string>
#include <type_traits>

enum class stdout_to { pipe, same_pipe_as_stderr, dev_full, closed };

struct outcome {
  int status = -1;  // exit status, or 128 + signal
  std::string out, err;
  // A BODY returning bool returned (status 0 for true, 1 for false)
  // rather than exiting by itself.
  bool returned = false;
};

// Runs BODY in a child process started as "/usr/bin/prog" (so
// initialize_program has a directory to strip), in the C locale, with
// stdout sent where TARGET says and stderr captured.  The child exits
// through exit() with the status BODY returns, so the at-exit check of
// stdout runs.
outcome run_in_child(const std::function<int()>& body, stdout_to target);

// BODY returning exits with STATUS_IF_BODY_RETURNS: 0 by default, some
// other value to tell a body that returned from one that exited.
template <class Body>
requires std::is_void_v<std::invoke_result_t<Body&>> outcome
run_as_program(Body body, stdout_to target = stdout_to::pipe,
               int status_if_body_returns = 0) {
  return run_in_child(
      [&] {
        body();
        return status_if_body_returns;
      },
      target);
}

// BODY returning true exits 0 and false exits 1, with returned set: a
// usage error exiting 2, or a failure exiting 1 by itself, leaves it false.
template <class Body>
requires std::same_as < std::invoke_result_t<Body&>,
bool > outcome run_as_program(Body body, stdout_to target = stdout_to::pipe) {
  // Statuses no library code exits with, told apart in the parent.
  constexpr int returned_true = 100, returned_false = 101;
  outcome result = run_in_child(
      [&] { return body() ? returned_true : returned_false; }, target);
  if (result.status == returned_true || result.status == returned_false) {
    result.returned = true;
    result.status -= returned_true;
  }
  return result;
}
