// Signal names and numbers: the round trip for every signal, case folding
// and the SIG prefix, real-time arithmetic and its bounds, the rejects of
// RELIABILITY.md 8a item 46, and agreement with the C library's names.
#include <config.h>

#include <signal.h>
#include <string.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "libipcutil/signals.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::parse_signal;
using ipcutil::signal_name;

// ck_assert_str_eq keeps only the pointers: a std::string temporary would
// be gone before the comparison.  Hold both sides for the whole check.
#define ck_assert_string_eq(x, y)             \
  do {                                        \
    const std::string x_ = (x), y_ = (y);     \
    ck_assert_str_eq(x_.c_str(), y_.c_str()); \
  } while (0)

namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool is_number(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

START_TEST(test_signal_max) {
  ck_assert_int_eq(ipcutil::signal_max(), SIGRTMAX);
  ck_assert_int_gt(SIGRTMAX, SIGRTMIN);
}
END_TEST

// Every signal: its name parses back to it, with or without SIG, in upper,
// lower and mixed case, and so does its number.
START_TEST(test_round_trip) {
  const int signo = _i;
  std::string name = signal_name(signo);
  ck_assert_int_eq(parse_signal(std::to_string(signo)), signo);
  ck_assert_msg(!name.empty(), "signal %d has an empty name", signo);
  if (is_number(name)) {
    // Only the two glibc-reserved signals below SIGRTMIN have no name.
    ck_assert_int_lt(signo, SIGRTMIN);
    ck_assert_int_gt(signo, SIGSYS);
    ck_assert_string_eq(name, std::to_string(signo));
    return;
  }
  ck_assert_msg(name.compare(0, 3, "SIG") != 0, "%s carries the prefix",
                name.c_str());
  ck_assert_int_eq(parse_signal(name), signo);
  ck_assert_int_eq(parse_signal("SIG" + name), signo);
  ck_assert_int_eq(parse_signal(lower(name)), signo);
  ck_assert_int_eq(parse_signal("sig" + lower(name)), signo);
  std::string mixed = "Sig" + lower(name);
  mixed[3] = name[0];
  ck_assert_int_eq(parse_signal(mixed), signo);
}
END_TEST

// Names of standard signals are the ones glibc's sigabbrev_np() gives
// (except that we call 29 IO, like kill -l, where glibc says POLL).
START_TEST(test_matches_libc) {
  const int signo = _i;
  const char* abbrev = sigabbrev_np(signo);
  if (abbrev == nullptr) {
    ck_assert(is_number(signal_name(signo)) || signo >= SIGRTMIN);
    return;
  }
  if (signo == SIGIO)
    ck_assert_string_eq(signal_name(signo), "IO");
  else
    ck_assert_string_eq(signal_name(signo), abbrev);
  ck_assert_int_eq(parse_signal(abbrev), signo);
}
END_TEST

START_TEST(test_standard_names) {
  static const struct {
    const char* name;
    int number;
  } table[] = {
      {"HUP", SIGHUP},       {"INT", SIGINT},       {"QUIT", SIGQUIT},
      {"ILL", SIGILL},       {"TRAP", SIGTRAP},     {"ABRT", SIGABRT},
      {"BUS", SIGBUS},       {"FPE", SIGFPE},       {"KILL", SIGKILL},
      {"USR1", SIGUSR1},     {"SEGV", SIGSEGV},     {"USR2", SIGUSR2},
      {"PIPE", SIGPIPE},     {"ALRM", SIGALRM},     {"TERM", SIGTERM},
      {"STKFLT", SIGSTKFLT}, {"CHLD", SIGCHLD},     {"CONT", SIGCONT},
      {"STOP", SIGSTOP},     {"TSTP", SIGTSTP},     {"TTIN", SIGTTIN},
      {"TTOU", SIGTTOU},     {"URG", SIGURG},       {"XCPU", SIGXCPU},
      {"XFSZ", SIGXFSZ},     {"VTALRM", SIGVTALRM}, {"PROF", SIGPROF},
      {"WINCH", SIGWINCH},   {"IO", SIGIO},         {"PWR", SIGPWR},
      {"SYS", SIGSYS},
  };
  for (const auto& entry : table) {
    ck_assert_string_eq(signal_name(entry.number), entry.name);
    ck_assert_int_eq(parse_signal(entry.name), entry.number);
  }
}
END_TEST

START_TEST(test_aliases) {
  ck_assert_int_eq(parse_signal("IOT"), SIGABRT);
  ck_assert_int_eq(parse_signal("SIGIOT"), SIGABRT);
  ck_assert_int_eq(parse_signal("POLL"), SIGIO);
  ck_assert_int_eq(parse_signal("sigpoll"), SIGIO);
  ck_assert_int_eq(parse_signal("CLD"), SIGCHLD);
  ck_assert_int_eq(parse_signal("Cld"), SIGCHLD);
  // Printed names are the canonical ones.
  ck_assert_string_eq(signal_name(SIGABRT), "ABRT");
  ck_assert_string_eq(signal_name(SIGIO), "IO");
  ck_assert_string_eq(signal_name(SIGCHLD), "CHLD");
}
END_TEST

START_TEST(test_case_and_prefix) {
  for (const char* text :
       {"INT", "SIGINT", "int", "sigint", "Int", "SigInt", "sIgInT"})
    ck_assert_msg(parse_signal(text) == SIGINT, "'%s'", text);
  for (const char* text : {"Usr1", "usr1", "SIGusr1", "sigUSR1"})
    ck_assert_msg(parse_signal(text) == SIGUSR1, "'%s'", text);
  for (const char* text : {"Cont", "CONT", "cont", "SIGCONT"})
    ck_assert_msg(parse_signal(text) == SIGCONT, "'%s'", text);
}
END_TEST

START_TEST(test_realtime_parse) {
  const int span = SIGRTMAX - SIGRTMIN;
  ck_assert_int_eq(parse_signal("RTMIN"), SIGRTMIN);
  ck_assert_int_eq(parse_signal("SIGRTMIN"), SIGRTMIN);
  ck_assert_int_eq(parse_signal("rtmin"), SIGRTMIN);
  ck_assert_int_eq(parse_signal("RTMAX"), SIGRTMAX);
  ck_assert_int_eq(parse_signal("sigrtmax"), SIGRTMAX);
  ck_assert_int_eq(parse_signal("RTMIN+0"), SIGRTMIN);
  ck_assert_int_eq(parse_signal("RTMAX-0"), SIGRTMAX);
  ck_assert_int_eq(parse_signal("RTMIN+3"), SIGRTMIN + 3);
  ck_assert_int_eq(parse_signal("SIGRTMIN+3"), SIGRTMIN + 3);
  ck_assert_int_eq(parse_signal("sigrtmin+3"), SIGRTMIN + 3);
  ck_assert_int_eq(parse_signal("RTMAX-2"), SIGRTMAX - 2);
  // Both ends of the range, from either side.
  ck_assert_int_eq(parse_signal("RTMIN+" + std::to_string(span)), SIGRTMAX);
  ck_assert_int_eq(parse_signal("RTMAX-" + std::to_string(span)), SIGRTMIN);
  ck_assert_int_eq(parse_signal("RTMIN+" + std::to_string(span + 1)), 0);
  ck_assert_int_eq(parse_signal("RTMAX-" + std::to_string(span + 1)), 0);
  // Every offset, both spellings.
  for (int n = 0; n <= span; ++n) {
    ck_assert_int_eq(parse_signal("RTMIN+" + std::to_string(n)), SIGRTMIN + n);
    ck_assert_int_eq(parse_signal("RTMAX-" + std::to_string(n)), SIGRTMAX - n);
  }
}
END_TEST

START_TEST(test_realtime_names) {
  ck_assert_string_eq(signal_name(SIGRTMIN), "RTMIN");
  ck_assert_string_eq(signal_name(SIGRTMIN + 1), "RTMIN+1");
  ck_assert_string_eq(signal_name(SIGRTMAX), "RTMAX");
  ck_assert_string_eq(signal_name(SIGRTMAX - 1), "RTMAX-1");
  const int split = SIGRTMIN + (SIGRTMAX - SIGRTMIN) / 2;
  for (int signo = SIGRTMIN + 1; signo < SIGRTMAX; ++signo) {
    std::string want = signo <= split
                           ? "RTMIN+" + std::to_string(signo - SIGRTMIN)
                           : "RTMAX-" + std::to_string(SIGRTMAX - signo);
    ck_assert_string_eq(signal_name(signo), want);
  }
  // The split bash kill -l and util-linux kill -L show with glibc.
  if (SIGRTMIN == 34 && SIGRTMAX == 64) {
    ck_assert_string_eq(signal_name(49), "RTMIN+15");
    ck_assert_string_eq(signal_name(50), "RTMAX-14");
  }
}
END_TEST

START_TEST(test_rejects) {
  const std::string too_far = std::to_string(SIGRTMAX + 1);
  for (std::string_view text : {std::string_view(""),
                                std::string_view("0"),
                                std::string_view("00"),
                                std::string_view(too_far),
                                std::string_view("65"),
                                std::string_view("99999999999999999999"),
                                std::string_view("-1"),
                                std::string_view("+2"),
                                std::string_view(" 2"),
                                std::string_view("2 "),
                                std::string_view("RTMIN+99"),
                                std::string_view("RTMAX-99"),
                                std::string_view("RTMIN+"),
                                std::string_view("RTMAX-"),
                                std::string_view("RTMIN+-1"),
                                std::string_view("RTMAX--1"),
                                std::string_view("RTMIN++1"),
                                std::string_view("RTMIN-1"),
                                std::string_view("RTMAX+1"),
                                std::string_view("RTMIN+1x"),
                                std::string_view("RTMIN +1"),
                                std::string_view("RTMIN+ 1"),
                                std::string_view("RT"),
                                std::string_view("RTMINX"),
                                std::string_view("SIGFOO"),
                                std::string_view("FOO"),
                                std::string_view("SIG"),
                                std::string_view("sig"),
                                std::string_view("SIG9"),
                                std::string_view("SIGSIGINT"),
                                std::string_view("SIG INT"),
                                std::string_view("INT "),
                                std::string_view(" INT"),
                                std::string_view("IN"),
                                std::string_view("INTT"),
                                std::string_view("INT\0", 4),
                                std::string_view("SIGRTMIN+99")}) {
    ck_assert_msg(parse_signal(text) == 0, "'%.*s' parsed as %d",
                  static_cast<int>(text.size()), text.data(),
                  parse_signal(text));
  }
}
END_TEST

START_TEST(test_unnamed_numbers) {
  ck_assert_string_eq(signal_name(0), "0");
  ck_assert_string_eq(signal_name(-1), "-1");
  ck_assert_string_eq(signal_name(SIGRTMAX + 1), std::to_string(SIGRTMAX + 1));
  for (int signo = SIGSYS + 1; signo < SIGRTMIN; ++signo) {
    ck_assert_string_eq(signal_name(signo), std::to_string(signo));
    ck_assert_int_eq(parse_signal(std::to_string(signo)), signo);
  }
}
END_TEST

// The other direction: whatever parse_signal() accepts, named back by
// signal_name(), parses to the same signal.  The texts are every spelling
// built from the names and numbers (RTMIN+N and RTMAX-N for N around the
// whole span, leading zeros, mixed case) and random strings over the
// letters, digits and signs of signal names from a fixed seed.
START_TEST(test_accepted_round_trip) {
  std::vector<std::string> texts;
  const int span = SIGRTMAX - SIGRTMIN;
  for (int n = -2; n <= SIGRTMAX + 2; ++n) {
    texts.push_back(std::to_string(n));
    texts.push_back("0" + std::to_string(n));
    texts.push_back(signal_name(n));
    texts.push_back("Sig" + lower(signal_name(n)));
  }
  for (int n = -1; n <= span + 1; ++n)
    for (const char* base : {"RTMIN+", "rtmin+", "SIGRTMAX-", "rtMax-"}) {
      texts.push_back(base + std::to_string(n));
      texts.push_back(base + ("00" + std::to_string(n)));
    }
  std::uint32_t x = 14;
  static constexpr std::string_view alphabet = "SIGRTMINAXUSR12+-0usrtin";
  for (int i = 0; i < 20000; ++i) {
    std::string t;
    x = x * 1103515245 + 12345;
    std::size_t len = 1 + (x >> 16) % 10;
    for (std::size_t k = 0; k < len; ++k) {
      x = x * 1103515245 + 12345;
      t += alphabet[(x >> 16) % alphabet.size()];
    }
    texts.push_back(t);
  }
  int accepted = 0;
  for (const std::string& t : texts) {
    int signo = parse_signal(t);
    if (signo == 0) continue;
    ++accepted;
    ck_assert_msg(signo >= 1 && signo <= SIGRTMAX, "'%s' gave %d", t.c_str(),
                  signo);
    std::string name = signal_name(signo);
    ck_assert_msg(parse_signal(name) == signo, "'%s' is %d, named '%s'",
                  t.c_str(), signo, name.c_str());
  }
  ck_assert_int_gt(accepted, 2 * SIGRTMAX);
}
END_TEST

}  // namespace

Suite* signals_suite() {
  Suite* s = suite_create("signals");
  TCase* tc = tcase_create("names");
  tcase_add_test(tc, test_signal_max);
  tcase_add_loop_test(tc, test_round_trip, 1, SIGRTMAX + 1);
  tcase_add_loop_test(tc, test_matches_libc, 1, SIGRTMAX + 1);
  tcase_add_test(tc, test_standard_names);
  tcase_add_test(tc, test_aliases);
  tcase_add_test(tc, test_case_and_prefix);
  tcase_add_test(tc, test_realtime_parse);
  tcase_add_test(tc, test_realtime_names);
  tcase_add_test(tc, test_rejects);
  tcase_add_test(tc, test_unnamed_numbers);
  tcase_add_test(tc, test_accepted_round_trip);
  suite_add_tcase(s, tc);
  return s;
}
