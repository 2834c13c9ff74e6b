// Timeouts on the monotonic clock, so a wall-clock jump never shortens or
// stretches a wait.
#pragma once
#include <getopt.h>
#include <time.h>
#include <chrono>
#include <optional>

#include "libipcutil/options.hh"

namespace ipcutil {

// -w, --timeout=DURATION and --nonblock (the same as --timeout 0), as every
// program that waits spells them.  No timeout (std::nullopt) means wait
// forever; zero means never block.
#define IPCUTIL_TIMEOUT_SHORT_OPTIONS "w:"
#define IPCUTIL_TIMEOUT_LONG_OPTIONS                             \
  {"timeout", required_argument, nullptr, 'w'}, {                \
    "nonblock", no_argument, nullptr, ::ipcutil::option_nonblock \
  }

// Takes -w/--timeout (a usage error if ARG is no duration) and --nonblock;
// returns false for any other option.
bool take_timeout_option(int option, const char* arg,
                         std::optional<std::chrono::nanoseconds>& timeout);

class deadline {
 public:
  using clock = std::chrono::steady_clock;  // CLOCK_MONOTONIC

  // No timeout: never expires.
  static deadline never() { return deadline(); }
  // TIMEOUT from now; duration::max() (or anything overflowing) is never.
  static deadline after(std::chrono::nanoseconds timeout);
  // std::nullopt means never: the shape of an optional --timeout.
  static deadline from_option(
      const std::optional<std::chrono::nanoseconds>& timeout);

  bool is_never() const { return never_; }
  // Made with a zero (or negative) timeout, --nonblock: never block at
  // all, and say "would block" rather than "timed out".
  bool is_immediate() const { return immediate_; }
  bool expired() const;
  // Time left, zero once expired; duration::max() when never.
  std::chrono::nanoseconds remaining() const;
  // remaining() as a relative timespec for semtimedop/sigtimedwait/ppoll.
  struct timespec remaining_timespec() const;

 private:
  deadline() = default;
  clock::time_point when_{};
  bool never_ = true;
  bool immediate_ = false;
};

// While alive, makes blocking system calls that have no timed variant
// (msgsnd, msgrcv, open of a FIFO...) fail with EINTR once the deadline has
// passed: a SIGALRM with an empty handler installed without SA_RESTART,
// from a CLOCK_MONOTONIC timer (the handler is termination.hh's, the one
// owner of SIGALRM).  After the first expiry the timer repeats
// every 10 ms, so a signal that lands just before the call starts blocking
// cannot leave it blocked.  Callers loop: on EINTR, check expired().
// Does nothing for a deadline that never expires.
// Keep one alive only around the blocking call itself: once expired it
// interrupts every system call, including writes of output.
class interrupt_timer {
 public:
  explicit interrupt_timer(const deadline& when);
  ~interrupt_timer();
  interrupt_timer(const interrupt_timer&) = delete;
  interrupt_timer& operator=(const interrupt_timer&) = delete;
  // False if the timer could not be set up (errno says why).
  bool ok() const { return ok_; }

 private:
  timer_t timer_{};
  bool armed_ = false;
  bool ok_ = true;
};

}  // namespace ipcutil
