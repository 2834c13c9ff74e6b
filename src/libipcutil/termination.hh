// Termination: how a program that holds work in hand (a message taken off
// a queue, a record half written) stops when asked to.
//
// SIGTERM, SIGINT and SIGHUP only set the stop flag and make blocking
// system calls fail with EINTR (a 10 ms repeating SIGALRM covers a call
// that starts just after the signal); the program finishes or undoes the
// work in hand, then dies by the same signal (die_by_signal), so its
// parent sees what killed it.  SIGPIPE is ignored so a closed pipe is an
// EPIPE that can be handled; afterwards the program dies by SIGPIPE like
// cat, unless SIGPIPE was ignored when it started.
//
// This module is the one owner of SIGALRM: its handler is empty and
// installed without SA_RESTART, both for the stop kick and for the
// deadline's interrupt_timer.  Also attempt_until, the "try now, then
// block until the deadline" loop every blocking operation shares.
#pragma once
#include <errno.h>
#include <signal.h>

#include <optional>

#include "libipcutil/deadline.hh"

namespace ipcutil {

// Catches TERM, INT and HUP (a signal inherited as ignored stays ignored,
// as nohup wants), ignores SIGPIPE, and installs the SIGALRM handler.
// Call once, early in main.
void setup_termination();

// The termination signal that arrived, or 0.
int stop_signal();
// The flag itself (0 or the signal number), for loops that poll it.
const volatile sig_atomic_t* stop_flag();

// Whether SIGPIPE was ignored before setup_termination() (then EPIPE is
// reported as a write error instead of dying by SIGPIPE).
bool sigpipe_was_ignored();

// Installs the empty SIGALRM handler (no SA_RESTART) and unblocks SIGALRM;
// idempotent.  False with errno on failure.
bool install_alarm_handler();

// Stops the kick timer, then exit_by_signal(SIGNO) (program.hh): the
// at_signal_death cleanups run, and the process dies by SIGNO with its
// default action, as if it had never been caught.
[[noreturn]] void die_by_signal(int signo);

// If a termination signal arrived, dies by it.
void die_if_stopped();

enum class attempt_status {
  ok,
  would_block,  // the deadline expired (or was immediate) without success
  interrupted,  // a termination signal arrived (stop_signal() says which)
  failed,       // errno says why
};

namespace detail {
template <class AttemptNow, class AttemptBlocking, class WouldBlock,
          class BeforeBlocking>
attempt_status attempt_until(const deadline& until, bool try_first,
                             AttemptNow attempt_now,
                             AttemptBlocking attempt_blocking,
                             WouldBlock would_block,
                             BeforeBlocking before_blocking) {
  if (try_first || !until.is_never()) {
    int r;
    while ((r = attempt_now()) != 0 && errno == EINTR)
      if (stop_signal() != 0) return attempt_status::interrupted;
    if (r == 0) return attempt_status::ok;
    if (!would_block(errno)) return attempt_status::failed;
    if (std::optional<attempt_status> end = before_blocking()) return *end;
    if (until.expired()) return attempt_status::would_block;
  }
  std::optional<interrupt_timer> timer;
  if (!until.is_never()) {
    timer.emplace(until);
    if (!timer->ok()) return attempt_status::failed;
  }
  for (;;) {
    if (attempt_blocking() == 0) return attempt_status::ok;
    if (errno != EINTR) return attempt_status::failed;
    if (stop_signal() != 0) return attempt_status::interrupted;
    if (until.expired()) return attempt_status::would_block;
  }
}
}  // namespace detail

// Try now, then block until the deadline.  ATTEMPT_NOW() never blocks and
// ATTEMPT_BLOCKING() may; each returns 0 on success or -1 with errno set.
// WOULD_BLOCK(err) tells which errors of ATTEMPT_NOW mean "not yet".  EINTR
// is retried unless a termination signal arrived (interrupted) or the
// deadline has expired (would_block).  An immediate deadline makes only
// the non-blocking attempt; a deadline of never goes straight to the
// blocking call (one system call when it succeeds).  The blocking call is
// interrupted at the deadline by an interrupt_timer (deadline.hh).
template <class AttemptNow, class AttemptBlocking, class WouldBlock>
attempt_status attempt_until(const deadline& until, AttemptNow attempt_now,
                             AttemptBlocking attempt_blocking,
                             WouldBlock would_block) {
  return detail::attempt_until(until, false, attempt_now, attempt_blocking,
                               would_block,
                               [] { return std::optional<attempt_status>(); });
}

// The same with a check between the failed attempt and the wait:
// BEFORE_BLOCKING() returns a status to end with, or std::nullopt to wait.
// The non-blocking attempt is then always made first, even with no
// deadline, so the check runs only when the call would block.
template <class AttemptNow, class AttemptBlocking, class WouldBlock,
          class BeforeBlocking>
attempt_status attempt_until(const deadline& until, AttemptNow attempt_now,
                             AttemptBlocking attempt_blocking,
                             WouldBlock would_block,
                             BeforeBlocking before_blocking) {
  return detail::attempt_until(until, true, attempt_now, attempt_blocking,
                               would_block, before_blocking);
}

}  // namespace ipcutil
