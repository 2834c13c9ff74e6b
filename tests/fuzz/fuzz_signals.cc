// Fuzzes parse_signal() of libipcutil/signals: whatever it accepts is a
// signal number, and that number's name (with and without "SIG", in any
// letter case) and its decimal form parse back to it.
#include <config.h>

#include <signal.h>

#include <string>

#include "fuzz.hh"
#include "libipcutil/signals.hh"

using namespace ipcutil;

namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view text = as_text(data, size);
  int signo = parse_signal(text);
  FUZZ_CHECK(signo >= 0 && signo <= signal_max());
  FUZZ_CHECK(signal_max() == SIGRTMAX);
  if (signo == 0) return 0;
  // Only digits, letters and one '+' or '-' (RTMIN+N, RTMAX-N) can name
  // a signal.
  for (char c : text)
    FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
               (c >= 'A' && c <= 'Z') || c == '+' || c == '-');
  std::string name = signal_name(signo);
  FUZZ_CHECK(!name.empty());
  FUZZ_CHECK(parse_signal(name) == signo);
  FUZZ_CHECK(parse_signal(lower(name)) == signo);
  FUZZ_CHECK(parse_signal(std::to_string(signo)) == signo);
  bool numeric = name.find_first_not_of("0123456789") == std::string::npos;
  if (!numeric) {
    FUZZ_CHECK(parse_signal("SIG" + name) == signo);
    FUZZ_CHECK(parse_signal("sig" + lower(name)) == signo);
  } else {
    // Only the numbers glibc keeps for itself have no name.
    FUZZ_CHECK(signo > SIGSYS && signo < SIGRTMIN);
  }
  return 0;
}
