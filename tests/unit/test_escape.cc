// terminal_escaper: control characters from a peer become visible escapes
// (C0 and DEL as ^X, C1 and broken UTF-8 as \xHH), printable text and valid
// UTF-8 pass, and a sequence cut between two pieces is judged whole.
#include <config.h>

#include <string>
#include <string_view>

#include "libipcutil/escape.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::terminal_escaper;
using namespace std::literals;

namespace {

std::string escape(std::string_view text, bool utf8 = true) {
  terminal_escaper e(utf8);
  std::string out;
  e.append(out, text);
  e.finish(out);
  return out;
}

// The same text fed one byte at a time.
std::string escape_bytewise(std::string_view text, bool utf8 = true) {
  terminal_escaper e(utf8);
  std::string out;
  for (char c : text) e.append(out, std::string_view(&c, 1));
  e.finish(out);
  return out;
}

// ck_assert_str_eq keeps only the pointers it is given: compare the
// strings themselves, so no temporary dies before the comparison.
#define expect_eq(got, want)                        \
  do {                                              \
    const std::string got_ = (got), want_ = (want); \
    ck_assert_str_eq(got_.c_str(), want_.c_str());  \
  } while (0)

START_TEST(test_printable_passes) {
  expect_eq(escape("hello, world"), "hello, world");
  expect_eq(escape(""), "");
  expect_eq(escape("a\tb"), "a\tb");
  expect_eq(escape("^[ \\x1b"), "^[ \\x1b");  // text stays text
  expect_eq(escape(" ~"), " ~");
}
END_TEST

START_TEST(test_c0_and_del) {
  expect_eq(escape("\x1b[2J\x1b]0;owned\x07"), "^[[2J^[]0;owned^G");
  expect_eq(escape("a\rb"), "a^Mb");
  expect_eq(escape("a\nb"), "a^Jb");
  expect_eq(escape("\b\x7f"), "^H^?");
  expect_eq(escape("\0"sv), "^@");
  for (int c = 0; c < 0x20; ++c) {
    if (c == '\t') continue;
    char byte = static_cast<char>(c);
    std::string out = escape(std::string_view(&byte, 1));
    ck_assert_uint_eq(out.size(), 2);
    ck_assert_int_eq(out[0], '^');
    ck_assert_int_eq(out[1], c + '@');
  }
}
END_TEST

START_TEST(test_utf8) {
  const char* korean = "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4";  // 한국어
  expect_eq(escape(korean), korean);
  expect_eq(escape("caf\xc3\xa9"), "caf\xc3\xa9");
  expect_eq(escape("\xf0\x9f\x98\x80"), "\xf0\x9f\x98\x80");  // U+1F600
  expect_eq(escape("\xc2\xa0"), "\xc2\xa0");  // U+00A0 is printable
  // C1 controls, CSI (U+009B) among them.
  expect_eq(escape("\xc2\x9b"
                   "31m"),
            "\\xc2\\x9b31m");
  expect_eq(escape("\xc2\x80"), "\\xc2\\x80");
  // Broken UTF-8: stray continuation, overlong, surrogate, truncated.
  expect_eq(escape("\x9b"), "\\x9b");
  expect_eq(escape("\xc0\xaf"), "\\xc0\\xaf");
  expect_eq(escape("\xed\xa0\x80"), "\\xed\\xa0\\x80");
  expect_eq(escape("\xe2\x82"), "\\xe2\\x82");
  expect_eq(escape("\xe2\x82x"), "\\xe2\\x82x");
  expect_eq(escape("\xff"), "\\xff");
}
END_TEST

START_TEST(test_single_byte_charset) {
  expect_eq(escape("\x9b"
                   "31m",
                   false),
            "\\x9b31m");
  expect_eq(escape("\xe9t\xe9", false), "\xe9t\xe9");  // Latin-1 été
  expect_eq(escape("\x1b", false), "^[");
}
END_TEST

START_TEST(test_split_sequences) {
  const char* texts[] = {"\xed\x95\x9c\xea\xb5\xad",
                         "x\xc2\x9by",
                         "\xf0\x9f\x98\x80!",
                         "\xe2\x82x\x1b",
                         "\xf0\x9f\x98",
                         "a\xc3"};
  for (const char* t : texts) expect_eq(escape_bytewise(t), escape(t));
  // A sequence cut at the end of a piece is held back, not escaped.
  terminal_escaper e(true);
  std::string out;
  e.append(out, "ab\xed\x95");
  ck_assert_str_eq(out.c_str(), "ab");
  e.append(out, "\x9c!");
  ck_assert_str_eq(out.c_str(), "ab\xed\x95\x9c!");
  // ... and escaped if the text ends there.
  e.append(out, "\xea");
  e.finish(out);
  ck_assert_str_eq(out.c_str(), "ab\xed\x95\x9c!\\xea");
}
END_TEST

}  // namespace

Suite* escape_suite() {
  Suite* s = suite_create("escape");
  TCase* tc = tcase_create("escape");
  tcase_add_test(tc, test_printable_passes);
  tcase_add_test(tc, test_c0_and_del);
  tcase_add_test(tc, test_utf8);
  tcase_add_test(tc, test_single_byte_charset);
  tcase_add_test(tc, test_split_sequences);
  suite_add_tcase(s, tc);
  return s;
}
