#include <config.h>

#include "libipcutil/signals.hh"

#include <signal.h>

#include <cstdint>

namespace ipcutil {

namespace {

struct named_signal {
  const char* name;
  int number;
};

// Our own table, not sigabbrev_np(), so what we print never changes with
// the C library.  Canonical names come first: signal_name() takes the first
// match, parse_signal() accepts the aliases after them too.
constexpr named_signal signal_table[] = {
    {"HUP", SIGHUP},
    {"INT", SIGINT},
    {"QUIT", SIGQUIT},
    {"ILL", SIGILL},
    {"TRAP", SIGTRAP},
    {"ABRT", SIGABRT},
    {"BUS", SIGBUS},
    {"FPE", SIGFPE},
    {"KILL", SIGKILL},
    {"USR1", SIGUSR1},
    {"SEGV", SIGSEGV},
    {"USR2", SIGUSR2},
    {"PIPE", SIGPIPE},
    {"ALRM", SIGALRM},
    {"TERM", SIGTERM},
#ifdef SIGSTKFLT
    {"STKFLT", SIGSTKFLT},
#endif
    {"CHLD", SIGCHLD},
    {"CONT", SIGCONT},
    {"STOP", SIGSTOP},
    {"TSTP", SIGTSTP},
    {"TTIN", SIGTTIN},
    {"TTOU", SIGTTOU},
    {"URG", SIGURG},
    {"XCPU", SIGXCPU},
    {"XFSZ", SIGXFSZ},
    {"VTALRM", SIGVTALRM},
    {"PROF", SIGPROF},
    {"WINCH", SIGWINCH},
    {"IO", SIGIO},
#ifdef SIGPWR
    {"PWR", SIGPWR},
#endif
    {"SYS", SIGSYS},
    // Aliases, accepted on input only.
    {"IOT", SIGABRT},
    {"POLL", SIGIO},
    {"CLD", SIGCHLD},
};

char ascii_upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool equals_ignoring_case(std::string_view text, std::string_view upper) {
  if (text.size() != upper.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (ascii_upper(text[i]) != upper[i]) return false;
  return true;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view upper) {
  return text.size() >= upper.size() &&
         equals_ignoring_case(text.substr(0, upper.size()), upper);
}

// A plain decimal number (no sign, no blanks); -1 if TEXT is not one or
// exceeds LIMIT.
int parse_small_number(std::string_view text, int limit) {
  if (text.empty()) return -1;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
    if (value > limit) return -1;
  }
  return static_cast<int>(value);
}

// The last real-time signal named from RTMIN up; above it they are named
// from RTMAX down (the split of util-linux kill -L and bash kill -l).
int last_rtmin_relative() { return SIGRTMIN + (SIGRTMAX - SIGRTMIN) / 2; }

}  // namespace

int signal_max() { return SIGRTMAX; }

int parse_signal(std::string_view text) {
  if (!text.empty() && text.front() >= '0' && text.front() <= '9') {
    int number = parse_small_number(text, SIGRTMAX);
    return number > 0 ? number : 0;
  }
  if (starts_with_ignoring_case(text, "SIG")) text.remove_prefix(3);
  for (const named_signal& s : signal_table)
    if (equals_ignoring_case(text, s.name)) return s.number;

  const int span = SIGRTMAX - SIGRTMIN;
  if (starts_with_ignoring_case(text, "RTMIN")) {
    text.remove_prefix(5);
    if (text.empty()) return SIGRTMIN;
    if (text.front() != '+') return 0;
    int offset = parse_small_number(text.substr(1), span);
    return offset >= 0 ? SIGRTMIN + offset : 0;
  }
  if (starts_with_ignoring_case(text, "RTMAX")) {
    text.remove_prefix(5);
    if (text.empty()) return SIGRTMAX;
    if (text.front() != '-') return 0;
    int offset = parse_small_number(text.substr(1), span);
    return offset >= 0 ? SIGRTMAX - offset : 0;
  }
  return 0;
}

std::string signal_name(int signo) {
  for (const named_signal& s : signal_table)
    if (s.number == signo) return s.name;
  if (signo == SIGRTMIN) return "RTMIN";
  if (signo == SIGRTMAX) return "RTMAX";
  if (signo > SIGRTMIN && signo <= last_rtmin_relative())
    return "RTMIN+" + std::to_string(signo - SIGRTMIN);
  if (signo > last_rtmin_relative() && signo < SIGRTMAX)
    return "RTMAX-" + std::to_string(SIGRTMAX - signo);
  return std::to_string(signo);
}

}  // namespace ipcutil
