// quote(): plain text in single quotes, quote and backslash escaped,
// control bytes as \xHH so a hostile name cannot forge a line, UTF-8 left
// readable, and several results alive at once in one diagnostic.
#include <config.h>

#include <stdio.h>

#include <string>
#include <string_view>

#include "libipcutil/quote.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using ipcutil::quote;
using namespace std::literals;

namespace {

START_TEST(test_plain) {
  ck_assert_str_eq(quote("abc"), "'abc'");
  ck_assert_str_eq(quote(""), "''");
  ck_assert_str_eq(quote("/dev/mqueue/q 1"), "'/dev/mqueue/q 1'");
  ck_assert_str_eq(quote("~!@#$%^&*()\"`"), "'~!@#$%^&*()\"`'");
}
END_TEST

START_TEST(test_quote_and_backslash) {
  ck_assert_str_eq(quote("it's"), "'it\\'s'");
  ck_assert_str_eq(quote("'"), "'\\''");
  ck_assert_str_eq(quote("a\\b"), "'a\\\\b'");
  ck_assert_str_eq(quote("\\x41"),
                   "'\\\\x41'");  // no confusion with our escapes
}
END_TEST

START_TEST(test_control_characters) {
  ck_assert_str_eq(quote("a\nb"), "'a\\x0ab'");
  ck_assert_str_eq(quote("\t"), "'\\x09'");
  ck_assert_str_eq(quote("\r"), "'\\x0d'");
  ck_assert_str_eq(quote("\x1b[31mred"), "'\\x1b[31mred'");
  ck_assert_str_eq(quote("\x7f"), "'\\x7f'");
  ck_assert_str_eq(quote("\x01\x1f"), "'\\x01\\x1f'");
  ck_assert_str_eq(quote("a\0b"sv), "'a\\x00b'");
  // Every byte below 0x20 is escaped; no raw control byte survives.
  for (int c = 0; c < 0x20; ++c) {
    char byte = static_cast<char>(c);
    std::string q = quote(std::string_view(&byte, 1));
    char want[8];
    snprintf(want, sizeof want, "'\\x%02x'", c);
    ck_assert_str_eq(q.c_str(), want);
  }
}
END_TEST

START_TEST(test_utf8_passes) {
  ck_assert_str_eq(quote("\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4"),  // 한국어
                   "'\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4'");
  ck_assert_str_eq(quote("caf\xc3\xa9"), "'caf\xc3\xa9'");
  ck_assert_str_eq(quote("\xff\x80"),
                   "'\xff\x80'");  // bytes >= 0x80 pass as they are
}
END_TEST

// One diagnostic may quote several arguments: eight results stay valid.
START_TEST(test_several_alive) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s %s %s %s %s %s %s %s", quote("1"), quote("two"),
           quote("3'"), quote("4\n"), quote(""), quote("six"), quote("7"),
           quote("eight"));
  ck_assert_str_eq(buf, "'1' 'two' '3\\'' '4\\x0a' '' 'six' '7' 'eight'");
  const char* first = quote("first");
  const char* second = quote("second");
  ck_assert_str_eq(first, "'first'");
  ck_assert_str_eq(second, "'second'");
}
END_TEST

START_TEST(test_long_argument) {
  std::string arg(128 * 1024, 'x');
  arg[1000] = '\n';
  std::string q = quote(arg);
  ck_assert_uint_eq(q.size(), arg.size() + 2 + 3);
  const std::string around = q.substr(1000, 6);
  ck_assert_str_eq(around.c_str(), "x\\x0ax");
  ck_assert_int_eq(q.front(), '\'');
  ck_assert_int_eq(q.back(), '\'');
}
END_TEST

}  // namespace

Suite* quote_suite() {
  Suite* s = suite_create("quote");
  TCase* tc = tcase_create("quote");
  tcase_add_test(tc, test_plain);
  tcase_add_test(tc, test_quote_and_backslash);
  tcase_add_test(tc, test_control_characters);
  tcase_add_test(tc, test_utf8_passes);
  tcase_add_test(tc, test_several_alive);
  tcase_add_test(tc, test_long_argument);
  suite_add_tcase(s, tc);
  return s;
}
