// sigcatch's --format syntax: the pieces each form compiles to, the exact
// refused sequence, and the round trip of every compiled format written
// back in the syntax.
#include <config.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "libipcutil/sigformat.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::compile_format;
using ipcutil::compiled_format;
using ipcutil::format_fault;
using ipcutil::format_piece;

namespace {

constexpr std::string_view letters = "nNpuvct";

START_TEST(test_pieces) {
  auto r = compile_format("sig=%n\\t%N%%\\\\\\n", letters);
  ck_assert(r.fault == format_fault::none);
  compiled_format want = {{0, "sig="}, {'n', ""}, {0, "\t"}, {'N', ""},
                          {0, "%\\\n"}};
  ck_assert(r.pieces == want);
  ck_assert(compile_format("", letters).pieces.empty());
}
END_TEST

START_TEST(test_refusals) {
  struct {
    std::string_view text;
    format_fault fault;
    std::string_view bad;
  } cases[] = {
      {"%x", format_fault::directive, "%x"},
      {"ok %n then %q", format_fault::directive, "%q"},
      {"end %", format_fault::directive, "%"},
      {"\\a", format_fault::escape, "\\a"},
      {"end \\", format_fault::escape, "\\"},
      {"%n\\%", format_fault::escape, "\\%"},
  };
  for (auto& c : cases) {
    auto r = compile_format(c.text, letters);
    ck_assert_msg(r.fault == c.fault, "'%s': wrong fault",
                  std::string(c.text).c_str());
    ck_assert_msg(r.bad == c.bad, "'%s': refused '%s'",
                  std::string(c.text).c_str(), std::string(r.bad).c_str());
    ck_assert(r.pieces.empty());
  }
}
END_TEST

std::string write_back(const compiled_format& pieces) {
  std::string out;
  for (const format_piece& p : pieces) {
    if (p.directive != 0) {
      out += '%';
      out += p.directive;
      continue;
    }
    for (char c : p.text)
      out += c == '%'    ? "%%"
             : c == '\\' ? "\\\\"
             : c == '\n' ? "\\n"
             : c == '\t' ? "\\t"
                         : std::string(1, c);
  }
  return out;
}

// Random formats (fixed seed) over the syntax's own characters: each one
// accepted, written back, compiles to the same pieces.
START_TEST(test_round_trip) {
  static constexpr std::string_view alphabet = "%\\nNpuvctx \t%\\";
  std::uint32_t x = 14;
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string t;
    x = x * 1103515245 + 12345;
    std::size_t len = (x >> 16) % 12;
    for (std::size_t k = 0; k < len; ++k) {
      x = x * 1103515245 + 12345;
      t += alphabet[(x >> 16) % alphabet.size()];
    }
    auto r = compile_format(t, letters);
    if (r.fault != format_fault::none) continue;
    ++accepted;
    auto again = compile_format(write_back(r.pieces), letters);
    ck_assert_msg(again.fault == format_fault::none && again.pieces == r.pieces,
                  "'%s' does not survive the round trip", t.c_str());
  }
  ck_assert_int_gt(accepted, 1000);
}
END_TEST

}  // namespace

Suite* sigformat_suite() {
  Suite* s = suite_create("sigformat");
  TCase* tc = tcase_create("compile");
  tcase_add_test(tc, test_pieces);
  tcase_add_test(tc, test_refusals);
  tcase_add_test(tc, test_round_trip);
  suite_add_tcase(s, tc);
  return s;
}
