// options: every long-only code of the library is distinct, above what a
// program may use for its own, and has its name.
#include <config.h>

#include <climits>
#include <string>

#include "libipcutil/options.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

namespace {

START_TEST(test_codes_distinct_and_named) {
  const auto& all = ipcutil::library_options;
  std::size_t n = sizeof all / sizeof all[0];
  for (std::size_t i = 0; i < n; ++i) {
    ck_assert_int_ge(all[i].code, ipcutil::option_first_library);
    ck_assert_int_gt(all[i].code, CHAR_MAX + 256);
    ck_assert_str_eq(ipcutil::library_option_name(all[i].code), all[i].name);
    for (std::size_t j = i + 1; j < n; ++j) {
      ck_assert_int_ne(all[i].code, all[j].code);
      ck_assert_str_ne(all[i].name, all[j].name);
    }
  }
  ck_assert_ptr_null(ipcutil::library_option_name('w'));
  ck_assert_str_eq(ipcutil::library_option_name(ipcutil::option_nonblock),
                   "nonblock");
  ck_assert_str_eq(ipcutil::library_option_name(ipcutil::option_help), "help");
}
END_TEST

}  // namespace

Suite* options_suite() {
  Suite* s = suite_create("options");
  TCase* tc = tcase_create("options");
  tcase_add_test(tc, test_codes_distinct_and_named);
  suite_add_tcase(s, tc);
  return s;
}
