// The value parsers: every bad input of RELIABILITY.md 8a items 5-10, the
// good forms and their boundaries, duration saturation and rounding, and
// the exact diagnostics and exit status of the xparse_* front ends.
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "libipcutil/parse.hh"
#include "libipcutil/program.hh"
#include "child.hh"
// Check defines a macro named fail: include it after the C++ headers.
#include "suites.hh"

using namespace std::literals;
using ipcutil::duration;
using ipcutil::parse_error;

namespace {

const char* error_name(parse_error e) {
  switch (e) {
    case parse_error::ok:
      return "ok";
    case parse_error::invalid:
      return "invalid";
    case parse_error::bad_suffix:
      return "bad_suffix";
    case parse_error::too_small:
      return "too_small";
    case parse_error::too_large:
      return "too_large";
  }
  return "?";
}

#define ck_assert_parse_error(text, got, want)            \
  ck_assert_msg((got) == (want), "'%s': got %s, want %s", \
                std::string(text).c_str(), error_name(got), error_name(want))

constexpr auto imin = std::numeric_limits<std::intmax_t>::min();
constexpr auto imax = std::numeric_limits<std::intmax_t>::max();
constexpr auto umax = std::numeric_limits<std::uintmax_t>::max();
constexpr auto u64max = std::numeric_limits<std::uint64_t>::max();
constexpr auto forever = duration::max();

// ---------------------------------------------------------------- integers

struct int_case {
  std::string_view text;
  std::intmax_t min, max;
  parse_error error;
  std::intmax_t value;
};

const int_case int_cases[] = {
    {"0", -10, 10, parse_error::ok, 0},
    {"-0", -10, 10, parse_error::ok, 0},
    {"-0", 0, 10, parse_error::ok, 0},
    {"10", -10, 10, parse_error::ok, 10},
    {"-10", -10, 10, parse_error::ok, -10},
    {"007", -10, 10, parse_error::ok, 7},
    {"11", -10, 10, parse_error::too_large, 0},
    {"-11", -10, 10, parse_error::too_small, 0},
    {"0", 1, 10, parse_error::too_small, 0},
    {"9223372036854775807", imin, imax, parse_error::ok, imax},
    {"-9223372036854775808", imin, imax, parse_error::ok, imin},
    {"9223372036854775808", imin, imax, parse_error::too_large, 0},
    {"-9223372036854775809", imin, imax, parse_error::too_small, 0},
    {"18446744073709551616", imin, imax, parse_error::too_large, 0},
    {"99999999999999999999999999", imin, imax, parse_error::too_large, 0},
    {"-99999999999999999999999999", imin, imax, parse_error::too_small, 0},
    {"", imin, imax, parse_error::invalid, 0},
    {"-", imin, imax, parse_error::invalid, 0},
    {"--1", imin, imax, parse_error::invalid, 0},
    {"+5", imin, imax, parse_error::invalid, 0},
    {" 5", imin, imax, parse_error::invalid, 0},
    {"5 ", imin, imax, parse_error::invalid, 0},
    {"5x", imin, imax, parse_error::invalid, 0},
    {"42D", imin, imax, parse_error::invalid, 0},
    {"0x10", imin, imax, parse_error::invalid, 0},
    {"1.0", imin, imax, parse_error::invalid, 0},
    {"1e3", imin, imax, parse_error::invalid, 0},
    {"abc", imin, imax, parse_error::invalid, 0},
    {"\xd9\xa3", imin, imax, parse_error::invalid,
     0},  // ARABIC-INDIC DIGIT THREE
    {"1\0"sv, imin, imax, parse_error::invalid, 0},
    {"99999999999999999999x", imin, imax, parse_error::invalid, 0},
};

START_TEST(test_parse_int) {
  const int_case& c = int_cases[_i];
  auto r = ipcutil::parse_int(c.text, c.min, c.max);
  ck_assert_parse_error(c.text, r.error, c.error);
  ck_assert_int_eq(static_cast<bool>(r), c.error == parse_error::ok);
  if (r) ck_assert_int_eq(r.value, c.value);
}
END_TEST

struct uint_case {
  std::string_view text;
  std::uintmax_t min, max;
  parse_error error;
  std::uintmax_t value;
};

const uint_case uint_cases[] = {
    {"0", 0, umax, parse_error::ok, 0},
    {"-0", 0, umax, parse_error::ok, 0},
    {"1", 1, 1, parse_error::ok, 1},
    {"18446744073709551615", 0, umax, parse_error::ok, umax},
    {"18446744073709551616", 0, umax, parse_error::too_large, 0},
    {"4294967295", 1, 4294967295, parse_error::ok, 4294967295},
    {"4294967296", 1, 4294967295, parse_error::too_large, 0},
    {"0", 1, 4294967295, parse_error::too_small, 0},
    {"-0", 1, 4294967295, parse_error::too_small, 0},
    {"-1", 0, umax, parse_error::too_small, 0},
    {"-18446744073709551616", 0, umax, parse_error::too_small, 0},
    {"", 0, umax, parse_error::invalid, 0},
    {"-", 0, umax, parse_error::invalid, 0},
    {"+1", 0, umax, parse_error::invalid, 0},
    {" 1", 0, umax, parse_error::invalid, 0},
    {"1 ", 0, umax, parse_error::invalid, 0},
    {"abc", 0, umax, parse_error::invalid, 0},
    {"-abc", 0, umax, parse_error::invalid, 0},
    {"1K", 0, umax, parse_error::invalid, 0},
};

START_TEST(test_parse_uint) {
  const uint_case& c = uint_cases[_i];
  auto r = ipcutil::parse_uint(c.text, c.min, c.max);
  ck_assert_parse_error(c.text, r.error, c.error);
  if (r) ck_assert_uint_eq(r.value, c.value);
}
END_TEST

// ------------------------------------------------------------------- sizes

struct size_case {
  std::string_view text;
  parse_error error;
  std::uint64_t value;
};

const size_case size_cases[] = {
    {"0", parse_error::ok, 0},
    {"-0", parse_error::ok, 0},
    {"1", parse_error::ok, 1},
    {"4096", parse_error::ok, 4096},
    {"4K", parse_error::ok, 4096},
    {"4k", parse_error::ok, 4096},
    {"4KiB", parse_error::ok, 4096},
    {"4KB", parse_error::ok, 4000},
    {"4kB", parse_error::ok, 4000},
    {"1M", parse_error::ok, 1048576},
    {"1MiB", parse_error::ok, 1048576},
    {"1MB", parse_error::ok, 1000000},
    {"3G", parse_error::ok, 3ULL << 30},
    {"1GiB", parse_error::ok, 1ULL << 30},
    {"1GB", parse_error::ok, 1000000000},
    {"1T", parse_error::ok, 1ULL << 40},
    {"2TB", parse_error::ok, 2000000000000},
    {"1P", parse_error::ok, 1ULL << 50},
    {"1PB", parse_error::ok, 1000000000000000},
    {"1E", parse_error::ok, 1ULL << 60},
    {"1EiB", parse_error::ok, 1ULL << 60},
    {"18EB", parse_error::ok, 18000000000000000000ULL},
    {"15E", parse_error::ok, 15ULL << 60},
    {"16E", parse_error::too_large, 0},
    {"19EB", parse_error::too_large, 0},
    {"17179869183G", parse_error::ok, u64max - (1ULL << 30) + 1},
    {"17179869184G", parse_error::too_large, 0},
    {"18446744073709551615", parse_error::ok, u64max},
    {"18446744073709551616", parse_error::too_large, 0},
    {"99999999999999999999K", parse_error::too_large, 0},
    {"-1", parse_error::too_small, 0},
    {"-1K", parse_error::too_small, 0},
    {"-99999999999999999999", parse_error::too_small, 0},
    {"", parse_error::invalid, 0},
    {" ", parse_error::invalid, 0},
    {"1 ", parse_error::invalid, 0},
    {" 1", parse_error::invalid, 0},
    {"1 K", parse_error::invalid, 0},
    {"+1", parse_error::invalid, 0},
    {"-", parse_error::invalid, 0},
    {"K", parse_error::invalid, 0},
    {"KiB", parse_error::invalid, 0},
    {"abc", parse_error::invalid, 0},
    {"1.5K", parse_error::invalid, 0},
    {"1,5K", parse_error::invalid, 0},
    {".5K", parse_error::invalid, 0},
    {"0x10", parse_error::invalid, 0},
    {"-1Q", parse_error::bad_suffix, 0},
    {"1Q", parse_error::bad_suffix, 0},
    {"0x", parse_error::bad_suffix, 0},
    {"42D", parse_error::bad_suffix, 0},
    {"1B", parse_error::bad_suffix, 0},
    {"1b", parse_error::bad_suffix, 0},
    {"1Ki", parse_error::bad_suffix, 0},
    {"1KIB", parse_error::bad_suffix, 0},
    {"1kb", parse_error::bad_suffix, 0},
    {"1m", parse_error::bad_suffix, 0},
    {"1Z", parse_error::bad_suffix, 0},
    {"1KiBs", parse_error::bad_suffix, 0},
    {"99999999999999999999Q", parse_error::bad_suffix, 0},
};

START_TEST(test_parse_size) {
  const size_case& c = size_cases[_i];
  auto r = ipcutil::parse_size(c.text);
  ck_assert_parse_error(c.text, r.error, c.error);
  if (r) ck_assert_uint_eq(r.value, c.value);
}
END_TEST

// --------------------------------------------------------------- durations

struct duration_case {
  std::string_view text;
  parse_error error;
  duration value;
};

const duration_case duration_cases[] = {
    {"0", parse_error::ok, 0ns},
    {"000", parse_error::ok, 0ns},
    {"0.0", parse_error::ok, 0ns},
    {".0", parse_error::ok, 0ns},
    {"0.", parse_error::ok, 0ns},
    {"0s", parse_error::ok, 0ns},
    {"0ms", parse_error::ok, 0ns},
    {"0.000h", parse_error::ok, 0ns},
    {"0e99999", parse_error::ok, 0ns},
    {"1", parse_error::ok, 1s},
    {"1.5", parse_error::ok, 1500ms},
    {".5", parse_error::ok, 500ms},
    {"5.", parse_error::ok, 5s},
    {"250ms", parse_error::ok, 250ms},
    {"2s", parse_error::ok, 2s},
    {"3m", parse_error::ok, 3min},
    {"1.5m", parse_error::ok, 90s},
    {"1h", parse_error::ok, 1h},
    {"1d", parse_error::ok, 24h},
    {"0.1d", parse_error::ok, 8640s},
    {"10ns", parse_error::ok, 10ns},
    {"10us", parse_error::ok, 10us},
    {"1.5ms", parse_error::ok, 1500us},
    {"0.000000001", parse_error::ok, 1ns},
    {"1e3", parse_error::ok, 1000s},
    {"1E3", parse_error::ok, 1000s},
    {"2.5e-3", parse_error::ok, 2500us},
    {"1e+2ms", parse_error::ok, 100ms},
    {"0.001e3", parse_error::ok, 1s},
    // A fraction of a nanosecond rounds up; positive never becomes 0.
    {"0.5ns", parse_error::ok, 1ns},
    {"1.5ns", parse_error::ok, 2ns},
    {"1.0000001ns", parse_error::ok, 2ns},
    {"0.0000000001", parse_error::ok, 1ns},
    {"0.0000000011", parse_error::ok, 2ns},
    {"1e-10000", parse_error::ok, 1ns},
    {"1e-999999999999999999999999", parse_error::ok, 1ns},
    {"0.0000000000000000000000000000000000000000000000000000000000001ms",
     parse_error::ok, 1ns},
    // The top of the range, and saturation beyond it.
    {"9223372036", parse_error::ok, 9223372036s},
    {"9223372036.854775807", parse_error::ok, forever},
    {"9223372036.854775806", parse_error::ok, forever - 1ns},
    {"9223372036.8547758061", parse_error::ok, forever},
    {"9223372036854775807ns", parse_error::ok, forever},
    {"9223372036854775806.5ns", parse_error::ok, forever},
    {"106751d", parse_error::ok, 106751 * 24h},
    {"9223372036854775808ns", parse_error::ok, forever},
    {"9223372037", parse_error::ok, forever},
    {"106752d", parse_error::ok, forever},
    {"99999999999999999999h", parse_error::ok, forever},
    {"99999999999999999999999999999999999999999999999999d", parse_error::ok,
     forever},
    {"1e400", parse_error::ok, forever},
    {"1.18973149535723176502e+4932", parse_error::ok, forever},  // LDBL_MAX
    {"1e999999999999999999999999", parse_error::ok, forever},
    // The bad inputs of RELIABILITY.md 8a item 5, and relatives.
    {"", parse_error::invalid, 0ns},
    {"abc", parse_error::invalid, 0ns},
    {"-1", parse_error::invalid, 0ns},
    {"-0", parse_error::invalid, 0ns},
    {" -0.1", parse_error::invalid, 0ns},
    {"nan", parse_error::invalid, 0ns},
    {"inf", parse_error::invalid, 0ns},
    {"1.5.2", parse_error::invalid, 0ns},
    {"5 s", parse_error::invalid, 0ns},
    {"1 ", parse_error::invalid, 0ns},
    {" 1", parse_error::invalid, 0ns},
    {"+1", parse_error::invalid, 0ns},
    {".", parse_error::invalid, 0ns},
    {"s", parse_error::invalid, 0ns},
    {"ms", parse_error::invalid, 0ns},
    {"1,5", parse_error::invalid, 0ns},
    {"0x10", parse_error::invalid, 0ns},
    {"1e+", parse_error::invalid, 0ns},
    {"1e-s", parse_error::invalid, 0ns},
    {"1h30m", parse_error::invalid, 0ns},
    {"1\0"sv, parse_error::invalid, 0ns},
    {"42D", parse_error::bad_suffix, 0ns},
    {"1e", parse_error::bad_suffix, 0ns},
    {"1E", parse_error::bad_suffix, 0ns},
    {"1S", parse_error::bad_suffix, 0ns},
    {"1sec", parse_error::bad_suffix, 0ns},
    {"1e5x", parse_error::bad_suffix, 0ns},
    {"99999999999999999999x", parse_error::bad_suffix, 0ns},
};

START_TEST(test_parse_duration) {
  const duration_case& c = duration_cases[_i];
  auto r = ipcutil::parse_duration(c.text);
  ck_assert_parse_error(c.text, r.error, c.error);
  if (r)
    ck_assert_msg(r.value == c.value, "'%s': got %jd ns, want %jd ns",
                  std::string(c.text).c_str(),
                  static_cast<std::intmax_t>(r.value.count()),
                  static_cast<std::intmax_t>(c.value.count()));
}
END_TEST

// Long digit strings: the arithmetic is exact however many digits there are.
START_TEST(test_parse_duration_long_digits) {
  std::string big = "1" + std::string(400, '0');
  ck_assert(ipcutil::parse_duration(big).value == forever);
  ck_assert(ipcutil::parse_duration(big + "ns").value == forever);
  std::string tiny = "0." + std::string(400, '0') + "1";
  ck_assert(ipcutil::parse_duration(tiny).value == 1ns);
  std::string zero = "0." + std::string(100000, '0');
  auto r = ipcutil::parse_duration(zero);
  ck_assert(r);
  ck_assert(r.value == 0ns);
  // 1 second written with a long fraction of zeros.
  ck_assert(ipcutil::parse_duration("1." + std::string(1000, '0')).value == 1s);
  // A trailing nonzero digit far away still rounds up.
  ck_assert(
      ipcutil::parse_duration("1." + std::string(1000, '0') + "1").value ==
      1s + 1ns);
  // Many leading zeros do not count as magnitude.
  ck_assert(ipcutil::parse_duration(std::string(1000, '0') + "2ms").value ==
            2ms);
}
END_TEST

// The decimal point is '.' whatever LC_NUMERIC says.  Only meaningful where
// a comma locale is installed; the C locale case always runs.
START_TEST(test_parse_duration_locale) {
  static const char* const comma_locales[] = {"de_DE.UTF-8", "de_DE.utf8",
                                              "fr_FR.UTF-8", "ko_KR.UTF-8"};
  for (const char* name : comma_locales) {
    if (setlocale(LC_ALL, name) == nullptr) continue;
    auto r = ipcutil::parse_duration("1.5");
    ck_assert_msg(r && r.value == 1500ms, "1.5 under %s", name);
    ck_assert_msg(ipcutil::parse_duration("1,5").error == parse_error::invalid,
                  "1,5 under %s", name);
  }
  setlocale(LC_ALL, "C");
  ck_assert(ipcutil::parse_duration("1.5").value == 1500ms);
}
END_TEST

// ------------------------------------------------------------------- modes

struct mode_case {
  std::string_view text;
  parse_error error;
  mode_t value;
};

const mode_case mode_cases[] = {
    {"0", parse_error::ok, 0},
    {"600", parse_error::ok, 0600},
    {"0600", parse_error::ok, 0600},
    {"640", parse_error::ok, 0640},
    {"777", parse_error::ok, 0777},
    {"0777", parse_error::ok, 0777},
    {"00000777", parse_error::ok, 0777},
    {"1000", parse_error::too_large, 0},
    {"10000", parse_error::too_large, 0},
    {"7777", parse_error::too_large, 0},
    {"77777777777777777777777777777", parse_error::too_large, 0},
    {"999", parse_error::invalid, 0},
    {"8", parse_error::invalid, 0},
    {"0x1ff", parse_error::invalid, 0},
    {"abc", parse_error::invalid, 0},
    {"", parse_error::invalid, 0},
    {"-1", parse_error::invalid, 0},
    {"+600", parse_error::invalid, 0},
    {" 600", parse_error::invalid, 0},
    {"600 ", parse_error::invalid, 0},
    {"u+rw", parse_error::invalid, 0},
};

START_TEST(test_parse_mode) {
  const mode_case& c = mode_cases[_i];
  auto r = ipcutil::parse_mode(c.text);
  ck_assert_parse_error(c.text, r.error, c.error);
  if (r) ck_assert_uint_eq(r.value, c.value);
}
END_TEST

// -------------------------------------------------------------------- keys

struct key_case {
  std::string_view text;
  parse_error error;
  key_t value;
};

const key_case key_cases[] = {
    {"4660", parse_error::ok, 4660},
    {"0x1234", parse_error::ok, 0x1234},
    {"0X1234", parse_error::ok, 0x1234},
    {"011064", parse_error::ok, 4660},
    {"0xABCDEF", parse_error::ok, 0xabcdef},
    {"0xabcdef", parse_error::ok, 0xabcdef},
    {"0", parse_error::ok, 0},
    {"00", parse_error::ok, 0},
    {"0x0", parse_error::ok, 0},
    {"1", parse_error::ok, 1},
    {"0x7fffffff", parse_error::ok, 0x7fffffff},
    {"0x80000000", parse_error::ok, std::numeric_limits<key_t>::min()},
    {"0xffffffff", parse_error::ok, -1},
    {"0x00000000ffffffff", parse_error::ok, -1},
    {"4294967295", parse_error::ok, -1},
    {"037777777777", parse_error::ok, -1},
    {"0x100000000", parse_error::too_large, 0},
    {"0x1ffffffff", parse_error::too_large, 0},
    {"4294967296", parse_error::too_large, 0},
    {"040000000000", parse_error::too_large, 0},
    {"0xffffffffffffffffffffffff", parse_error::too_large, 0},
    {"99999999999999999999999999", parse_error::too_large, 0},
    {"0x", parse_error::invalid, 0},
    {"0X", parse_error::invalid, 0},
    {"08", parse_error::invalid, 0},
    {"0x12g", parse_error::invalid, 0},
    {"-1", parse_error::invalid, 0},
    {"+1", parse_error::invalid, 0},
    {"", parse_error::invalid, 0},
    {" 1", parse_error::invalid, 0},
    {"1 ", parse_error::invalid, 0},
    {"abc", parse_error::invalid, 0},
    {"1K", parse_error::invalid, 0},
    {"0x 1", parse_error::invalid, 0},
};

START_TEST(test_parse_key) {
  const key_case& c = key_cases[_i];
  auto r = ipcutil::parse_key(c.text);
  ck_assert_parse_error(c.text, r.error, c.error);
  if (r) ck_assert_int_eq(r.value, c.value);
}
END_TEST

// ------------------------------------------------------------ project ids

struct proj_case {
  std::string_view text;
  parse_error error;
  int value;
};

const proj_case proj_cases[] = {
    {"1", parse_error::ok, 1},
    {"255", parse_error::ok, 255},
    {"01", parse_error::ok, 1},
    {"A", parse_error::ok, 'A'},
    {"z", parse_error::ok, 'z'},
    {"/", parse_error::ok, '/'},
    {"-", parse_error::ok, '-'},
    {"\xff", parse_error::ok, 255},
    {"0", parse_error::too_small, 0},
    {"-1", parse_error::too_small, 0},
    {"256", parse_error::too_large, 0},
    {"99999999999999999999999", parse_error::too_large, 0},
    {"", parse_error::invalid, 0},
    {"AB", parse_error::invalid, 0},
    {"1a", parse_error::invalid, 0},
    {" 1", parse_error::invalid, 0},
    {"+1", parse_error::invalid, 0},
    {"\xc3\xa9", parse_error::invalid,
     0},  // two bytes: one character, but not one byte
    {"\0"sv, parse_error::invalid, 0},
};

START_TEST(test_parse_proj_id) {
  const proj_case& c = proj_cases[_i];
  auto r = ipcutil::parse_proj_id(c.text);
  ck_assert_parse_error(c.text, r.error, c.error);
  if (r) ck_assert_int_eq(r.value, c.value);
}
END_TEST

// ------------------------------------------------------------ POSIX names

struct name_case {
  std::string text;
  parse_error error;
};

const name_case name_cases[] = {
    {"/q", parse_error::ok},
    {"/a.b-c_d", parse_error::ok},
    {"/...", parse_error::ok},
    {"/\xed\x95\x9c", parse_error::ok},
    {"/" + std::string(255, 'x'), parse_error::ok},
    {"/" + std::string(256, 'x'), parse_error::too_large},
    {"/" + std::string(300, 'x'), parse_error::too_large},
    {"q", parse_error::invalid},
    {"", parse_error::invalid},
    {"/", parse_error::invalid},
    {"/a/b", parse_error::invalid},
    {"//a", parse_error::invalid},
    {"/a/", parse_error::invalid},
    {"/.", parse_error::invalid},
    {"/..", parse_error::invalid},
    {std::string("/a\0b", 4), parse_error::invalid},
    {"/" + std::string(300, 'x') + "/", parse_error::invalid},
};

START_TEST(test_check_posix_name) {
  const name_case& c = name_cases[_i];
  ck_assert_parse_error(c.text.substr(0, 40), ipcutil::check_posix_name(c.text),
                        c.error);
}
END_TEST

// ----------------------------------------------------- xparse diagnostics

#define ck_assert_usage_error(body, expected_err)        \
  do {                                                   \
    outcome o_ = run_as_program([] { body; });           \
    ck_assert_int_eq(o_.status, ipcutil::exit_usage);    \
    ck_assert_str_eq(o_.err.c_str(), expected_err "\n"); \
    ck_assert_str_eq(o_.out.c_str(), "");                \
  } while (0)

START_TEST(test_xparse_int_messages) {
  ck_assert_usage_error(ipcutil::xparse_int("abc", 1, 10, "invalid count"),
                        "prog: invalid count: 'abc'");
  ck_assert_usage_error(ipcutil::xparse_int("", 1, 10, "invalid count"),
                        "prog: invalid count: ''");
  ck_assert_usage_error(
      ipcutil::xparse_int("0", 1, 4294967295, "invalid count"),
      "prog: invalid count: '0': must be between 1 and 4294967295");
  ck_assert_usage_error(ipcutil::xparse_int("-4", -3, 3, "invalid offset"),
                        "prog: invalid offset: '-4': must be between -3 and 3");
  ck_assert_usage_error(
      ipcutil::xparse_int("99999999999999999999", -3, 3, "n"),
      "prog: n: '99999999999999999999': must be between -3 and 3");
  // The argument is quoted: a newline cannot forge a second line.
  ck_assert_usage_error(
      ipcutil::xparse_int("1\nprog: fake", 1, 10, "invalid count"),
      "prog: invalid count: '1\\x0aprog: fake'");
  ck_assert_usage_error(ipcutil::xparse_int("it's", 1, 10, "invalid count"),
                        "prog: invalid count: 'it\\'s'");
}
END_TEST

START_TEST(test_xparse_uint_messages) {
  ck_assert_usage_error(
      ipcutil::xparse_uint("-1", 1, 4294967295, "invalid count"),
      "prog: invalid count: '-1': must be between 1 and 4294967295");
  ck_assert_usage_error(
      ipcutil::xparse_uint("18446744073709551616", 0, UINTMAX_MAX,
                           "invalid count"),
      "prog: invalid count: '18446744073709551616': must be between 0 and "
      "18446744073709551615");
  ck_assert_usage_error(ipcutil::xparse_uint("+1", 1, 10, "invalid count"),
                        "prog: invalid count: '+1'");
}
END_TEST

START_TEST(test_xparse_size_messages) {
  ck_assert_usage_error(
      ipcutil::xparse_size("1Q", 1, UINT64_MAX, "invalid size"),
      "prog: invalid size: '1Q': invalid suffix");
  ck_assert_usage_error(
      ipcutil::xparse_size("0x", 1, UINT64_MAX, "invalid size"),
      "prog: invalid size: '0x': invalid suffix");
  ck_assert_usage_error(
      ipcutil::xparse_size("1 ", 1, UINT64_MAX, "invalid size"),
      "prog: invalid size: '1 '");
  ck_assert_usage_error(
      ipcutil::xparse_size("K", 1, UINT64_MAX, "invalid size"),
      "prog: invalid size: 'K'");
  ck_assert_usage_error(
      ipcutil::xparse_size("18446744073709551616", 1, UINT64_MAX,
                           "invalid size"),
      "prog: invalid size: '18446744073709551616': value too large");
  ck_assert_usage_error(
      ipcutil::xparse_size("99999999999999999999K", 1, UINT64_MAX,
                           "invalid size"),
      "prog: invalid size: '99999999999999999999K': value too large");
  ck_assert_usage_error(
      ipcutil::xparse_size("1E", 1, 1ULL << 40, "invalid size"),
      "prog: invalid size: '1E': value too large");
  ck_assert_usage_error(
      ipcutil::xparse_size("0", 1, UINT64_MAX, "invalid size"),
      "prog: invalid size: '0': must be at least 1");
  ck_assert_usage_error(
      ipcutil::xparse_size("-1", 1, UINT64_MAX, "invalid size"),
      "prog: invalid size: '-1': must be at least 1");
  ck_assert_usage_error(
      ipcutil::xparse_size("1K", 4096, UINT64_MAX, "invalid size"),
      "prog: invalid size: '1K': must be at least 4096");
}
END_TEST

START_TEST(test_xparse_duration_messages) {
  ck_assert_usage_error(ipcutil::xparse_duration("42D", "invalid timeout"),
                        "prog: invalid timeout: '42D': invalid suffix");
  ck_assert_usage_error(ipcutil::xparse_duration("abc", "invalid timeout"),
                        "prog: invalid timeout: 'abc'");
  ck_assert_usage_error(ipcutil::xparse_duration(" -0.1", "invalid timeout"),
                        "prog: invalid timeout: ' -0.1'");
  ck_assert_usage_error(ipcutil::xparse_duration("5 s", "invalid timeout"),
                        "prog: invalid timeout: '5 s'");
}
END_TEST

START_TEST(test_xparse_mode_messages) {
  for (const char* bad : {"999", "0x1ff", "10000", "abc", ""}) {
    outcome o =
        run_as_program([bad] { ipcutil::xparse_mode(bad, "invalid mode"); });
    ck_assert_int_eq(o.status, ipcutil::exit_usage);
    std::string want = "prog: invalid mode: '" + std::string(bad) +
                       "': not an octal mode between 0 and 0777\n";
    ck_assert_str_eq(o.err.c_str(), want.c_str());
  }
}
END_TEST

START_TEST(test_xparse_key_messages) {
  ck_assert_usage_error(
      ipcutil::xparse_key("0x1ffffffff", "invalid key"),
      "prog: invalid key: '0x1ffffffff': larger than 32 bits");
  ck_assert_usage_error(ipcutil::xparse_key("0x", "invalid key"),
                        "prog: invalid key: '0x'");
  ck_assert_usage_error(ipcutil::xparse_key("-1", "invalid key"),
                        "prog: invalid key: '-1'");
}
END_TEST

START_TEST(test_xparse_proj_id_messages) {
  for (const char* bad : {"0", "256", "", "AB", "-1"}) {
    outcome o = run_as_program(
        [bad] { ipcutil::xparse_proj_id(bad, "invalid project id"); });
    ck_assert_int_eq(o.status, ipcutil::exit_usage);
    std::string want = "prog: invalid project id: '" + std::string(bad) +
                       "': must be a number from 1 to 255 or one character\n";
    ck_assert_str_eq(o.err.c_str(), want.c_str());
  }
}
END_TEST

// Accepted values come back without printing or exiting.
START_TEST(test_xparse_accepts) {
  outcome o = run_as_program([] {
    bool all =
        ipcutil::xparse_int("-3", -3, 3, "n") == -3 &&
        ipcutil::xparse_uint("4294967295", 1, 4294967295, "n") == 4294967295 &&
        ipcutil::xparse_size("4KB", 1, UINT64_MAX, "n") == 4000 &&
        ipcutil::xparse_size("4K", 4096, 4096, "n") == 4096 &&
        ipcutil::xparse_duration("0", "n") == 0ns &&
        ipcutil::xparse_duration("1e400", "n") == forever &&
        ipcutil::xparse_mode("0600", "n") == 0600 &&
        ipcutil::xparse_key("0xffffffff", "n") == -1 &&
        ipcutil::xparse_proj_id("A", "n") == 'A';
    exit(all ? 0 : 1);
  });
  ck_assert_int_eq(o.status, 0);
  ck_assert_str_eq(o.err.c_str(), "");
  ck_assert_str_eq(o.out.c_str(), "");
}
END_TEST

// error() flushes what the program already wrote to stdout first.
START_TEST(test_xparse_flushes_stdout) {
  outcome o = run_as_program([] {
    fputs("before\n", stdout);
    ipcutil::xparse_int("x", 1, 2, "n");
  });
  ck_assert_int_eq(o.status, ipcutil::exit_usage);
  ck_assert_str_eq(o.out.c_str(), "before\n");
  ck_assert_str_eq(o.err.c_str(), "prog: n: 'x'\n");
}
END_TEST

// ---------------------------------------------------------------- properties
// What each parser accepts, formatted back, parses to the same value: the
// edges of each type and random values from a fixed seed (the same run
// every time), in every form the parser takes.

// A fixed-seed generator (splitmix64), so every run checks the same values.
struct fixed_random {
  std::uint64_t state = 0x1414141414141414;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }
  // Random bits of a random width, so small values come up as often as
  // large ones.
  std::uint64_t any() {
    unsigned bits = static_cast<unsigned>(next() % 65);
    return bits == 64 ? next() : next() & ((std::uint64_t{1} << bits) - 1);
  }
};

template <class T>
std::string decimal(T v) {
  char buf[48];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

// V in BASE, in upper case with UPPER, padded with zeros to WIDTH.
std::string in_base(std::uintmax_t v, int base, bool upper = false,
                    std::size_t width = 0) {
  char buf[80];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, base);
  std::string s(buf, end);
  if (upper)
    for (char& c : s)
      if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  if (s.size() < width) s.insert(0, width - s.size(), '0');
  return s;
}

constexpr int property_rounds = 20000;

std::vector<std::intmax_t> int_samples() {
  std::vector<std::intmax_t> v = {imin, imin + 1, -1, 0, 1, imax - 1, imax};
  for (std::intmax_t p = 1; p <= imax / 10; p *= 10)
    v.insert(v.end(), {p - 1, p, p + 1, -p, -p - 1});
  for (int b = 1; b < 63; ++b) {
    std::intmax_t p = std::intmax_t{1} << b;
    v.insert(v.end(), {p - 1, p, -p, -p + 1});
  }
  fixed_random r;
  for (int i = 0; i < property_rounds; ++i)
    v.push_back(static_cast<std::intmax_t>(r.any()) *
                (r.next() % 2 != 0 ? -1 : 1));
  return v;
}

START_TEST(test_int_round_trip) {
  for (std::intmax_t v : int_samples()) {
    std::string text = decimal(v);
    auto r = ipcutil::parse_int(text, imin, imax);
    ck_assert_msg(r && r.value == v, "'%s' did not parse back", text.c_str());
    // The range is exact at V: [V, V] takes it, one past either end not.
    auto at = ipcutil::parse_int(text, v, v);
    ck_assert_msg(at && at.value == v, "'%s' not in [v, v]", text.c_str());
    if (v < imax)
      ck_assert_parse_error(text, ipcutil::parse_int(text, v + 1, imax).error,
                            parse_error::too_small);
    if (v > imin)
      ck_assert_parse_error(text, ipcutil::parse_int(text, imin, v - 1).error,
                            parse_error::too_large);
  }
}
END_TEST

START_TEST(test_uint_round_trip) {
  std::vector<std::uintmax_t> values = {0, 1, umax - 1, umax};
  for (std::uintmax_t p = 1; p <= umax / 10; p *= 10)
    values.insert(values.end(), {p - 1, p, p + 1});
  fixed_random r;
  for (int i = 0; i < property_rounds; ++i) values.push_back(r.any());
  for (std::uintmax_t v : values) {
    std::string text = decimal(v);
    auto u = ipcutil::parse_uint(text, 0, umax);
    ck_assert_msg(u && u.value == v, "'%s' did not parse back", text.c_str());
    auto at = ipcutil::parse_uint(text, v, v);
    ck_assert_msg(at && at.value == v, "'%s' not in [v, v]", text.c_str());
    if (v < umax)
      ck_assert_parse_error(text, ipcutil::parse_uint(text, v + 1, umax).error,
                            parse_error::too_small);
    if (v > 0)
      ck_assert_parse_error(text, ipcutil::parse_uint(text, 0, v - 1).error,
                            parse_error::too_large);
    if (v > 0)
      ck_assert_parse_error(text, ipcutil::parse_uint("-" + text, 0, umax).error,
                            parse_error::too_small);
  }
}
END_TEST

// Every unit: N of it is N times its size, as long as that fits in 64
// bits, and the byte count written back parses to the same size.
START_TEST(test_size_round_trip) {
  static constexpr std::string_view units = "KMGTPE";
  fixed_random r;
  for (std::size_t power = 0; power < units.size(); ++power) {
    const std::vector<std::pair<std::uint64_t, std::vector<std::string>>>
        kinds = {{1024, {"", "iB"}}, {1000, {"B"}}};
    for (const auto& [base, suffixes] : kinds) {
      std::uint64_t unit = 1;
      for (std::size_t i = 0; i <= power; ++i) unit *= base;
      std::uint64_t most = u64max / unit;
      std::vector<std::uint64_t> counts = {0, 1, 2, most - 1, most};
      for (int i = 0; i < property_rounds / 12; ++i)
        counts.push_back(r.any() % (most + 1));
      for (const std::string& tail : suffixes) {
        std::vector<std::string> letters = {std::string(1, units[power])};
        if (power == 0) letters.push_back("k");
        for (const std::string& letter : letters) {
          for (std::uint64_t n : counts) {
            std::string text = decimal(n) + letter + tail;
            auto s = ipcutil::parse_size(text);
            ck_assert_msg(s && s.value == n * unit, "'%s' is not %ju * %ju",
                          text.c_str(), static_cast<std::uintmax_t>(n),
                          static_cast<std::uintmax_t>(unit));
            auto back = ipcutil::parse_size(decimal(s.value));
            ck_assert_msg(back && back.value == s.value,
                          "'%s' written back does not parse", text.c_str());
          }
          std::string over = decimal(most + 1) + letter + tail;
          ck_assert_parse_error(over, ipcutil::parse_size(over).error,
                                parse_error::too_large);
        }
      }
    }
  }
}
END_TEST

// A nanosecond count, written back in nanoseconds, in seconds with nine
// decimals, in seconds with an exponent and in the largest unit that
// divides it, parses to the same count.
START_TEST(test_duration_round_trip) {
  const std::int64_t max = forever.count();
  std::vector<std::int64_t> values = {0, 1, 999999999, 1000000000, max - 1,
                                      max};
  fixed_random r;
  for (int i = 0; i < property_rounds; ++i)
    values.push_back(static_cast<std::int64_t>(r.any() >> 1));
  static constexpr std::pair<const char*, std::int64_t> units[] = {
      {"d", 86400000000000}, {"h", 3600000000000}, {"m", 60000000000},
      {"s", 1000000000},     {"ms", 1000000},      {"us", 1000},
      {"ns", 1}};
  for (std::int64_t ns : values) {
    std::vector<std::string> forms = {
        decimal(ns) + "ns",
        decimal(ns / 1000000000) + "." +
            in_base(static_cast<std::uintmax_t>(ns % 1000000000), 10, false,
                    9),
        decimal(ns) + "e-9",
        decimal(ns) + "E-6ms",
    };
    for (auto [name, size] : units)
      if (ns % size == 0) {
        forms.push_back(decimal(ns / size) + name);
        break;
      }
    for (const std::string& text : forms) {
      auto d = ipcutil::parse_duration(text);
      ck_assert_msg(d && d.value.count() == ns, "'%s' is not %jd ns",
                    text.c_str(), static_cast<std::intmax_t>(ns));
    }
  }
}
END_TEST

START_TEST(test_mode_round_trip) {
  for (std::uintmax_t m = 0; m <= 0777; ++m)
    for (const std::string& text :
         {in_base(m, 8), "0" + in_base(m, 8), in_base(m, 8, false, 4),
          "00000" + in_base(m, 8)}) {
      auto r = ipcutil::parse_mode(text);
      ck_assert_msg(r && r.value == m, "'%s' is not mode %jo", text.c_str(),
                    m);
    }
}
END_TEST

// Every 32-bit key in decimal, hex (either case) and octal; 0xffffffff
// is -1 as a key_t, however written.
START_TEST(test_key_round_trip) {
  std::vector<std::uint32_t> keys = {0, 1, 7, 8, 0x7fffffff, 0x80000000,
                                     0xfffffffe, 0xffffffff};
  fixed_random r;
  for (int i = 0; i < property_rounds; ++i)
    keys.push_back(static_cast<std::uint32_t>(r.any()));
  for (std::uint32_t k : keys) {
    for (const std::string& text :
         {in_base(k, 10), "0x" + in_base(k, 16), "0X" + in_base(k, 16, true),
          "0x" + in_base(k, 16, false, 8), "0" + in_base(k, 8)}) {
      auto key = ipcutil::parse_key(text);
      ck_assert_msg(key && static_cast<std::uint32_t>(key.value) == k,
                    "'%s' is not key %ju", text.c_str(),
                    static_cast<std::uintmax_t>(k));
      ck_assert_int_eq(key.value, static_cast<key_t>(k));
    }
  }
  for (const char* over : {"4294967296", "0x100000000", "040000000000"})
    ck_assert_parse_error(over, ipcutil::parse_key(over).error,
                          parse_error::too_large);
}
END_TEST

// Every project id in decimal, and every one-byte id that is no digit.
START_TEST(test_proj_id_round_trip) {
  for (int id = 1; id <= 255; ++id) {
    auto r = ipcutil::parse_proj_id(decimal(id));
    ck_assert_msg(r && r.value == id, "'%d' did not parse back", id);
    char c = static_cast<char>(id);
    if (c >= '0' && c <= '9') continue;
    auto b = ipcutil::parse_proj_id(std::string_view(&c, 1));
    ck_assert_msg(b && b.value == id, "byte %d is not id %d", id, id);
  }
}
END_TEST

// Random names of every allowed length and byte are accepted as they are.
START_TEST(test_posix_name_lengths) {
  fixed_random r;
  for (std::size_t len = 1; len <= 256; ++len) {
    std::string name = "/";
    for (std::size_t i = 0; i < len; ++i) {
      char c;
      do c = static_cast<char>(1 + r.next() % 255);
      while (c == '/');
      name += c;
    }
    parse_error want = len > 255 ? parse_error::too_large : parse_error::ok;
    if (name == "/." || name == "/..") want = parse_error::invalid;
    ck_assert_parse_error(name, ipcutil::check_posix_name(name), want);
  }
}
END_TEST

// split_list: the items in order, and every list with an empty item
// refused; items joined back with commas give the list again.
START_TEST(test_split_list) {
  std::vector<std::string_view> items;
  ck_assert(ipcutil::split_list("msg", items));
  ck_assert_uint_eq(items.size(), 1);
  ck_assert(items[0] == "msg");
  ck_assert(ipcutil::split_list("1000,1001,x y", items));
  ck_assert_uint_eq(items.size(), 3);
  ck_assert(items[0] == "1000" && items[1] == "1001" && items[2] == "x y");
  for (const char* bad : {"", ",", "a,", ",a", "a,,b", ",,"})
    ck_assert_msg(!ipcutil::split_list(bad, items), "'%s' accepted", bad);
  fixed_random r;
  for (int round = 0; round < 2000; ++round) {
    std::string list;
    std::size_t n = 1 + r.next() % 6;
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) list += ',';
      std::size_t len = 1 + r.next() % 4;
      for (std::size_t j = 0; j < len; ++j)
        list += static_cast<char>('a' + r.next() % 26);
    }
    ck_assert(ipcutil::split_list(list, items));
    ck_assert_uint_eq(items.size(), n);
    std::string back;
    for (std::string_view item : items) {
      if (!back.empty()) back += ',';
      back += item;
    }
    ck_assert_str_eq(back.c_str(), list.c_str());
  }
}
END_TEST

template <class T, std::size_t N>
constexpr int count(const T (&)[N]) {
  return static_cast<int>(N);
}

}  // namespace

Suite* parse_suite() {
  Suite* s = suite_create("parse");

  TCase* tc = tcase_create("numbers");
  tcase_add_loop_test(tc, test_parse_int, 0, count(int_cases));
  tcase_add_loop_test(tc, test_parse_uint, 0, count(uint_cases));
  tcase_add_loop_test(tc, test_parse_size, 0, count(size_cases));
  tcase_add_loop_test(tc, test_parse_mode, 0, count(mode_cases));
  tcase_add_loop_test(tc, test_parse_key, 0, count(key_cases));
  tcase_add_loop_test(tc, test_parse_proj_id, 0, count(proj_cases));
  tcase_add_loop_test(tc, test_check_posix_name, 0, count(name_cases));
  suite_add_tcase(s, tc);

  tc = tcase_create("durations");
  tcase_add_loop_test(tc, test_parse_duration, 0, count(duration_cases));
  tcase_add_test(tc, test_parse_duration_long_digits);
  tcase_add_test(tc, test_parse_duration_locale);
  suite_add_tcase(s, tc);

  tc = tcase_create("xparse");
  tcase_add_test(tc, test_xparse_int_messages);
  tcase_add_test(tc, test_xparse_uint_messages);
  tcase_add_test(tc, test_xparse_size_messages);
  tcase_add_test(tc, test_xparse_duration_messages);
  tcase_add_test(tc, test_xparse_mode_messages);
  tcase_add_test(tc, test_xparse_key_messages);
  tcase_add_test(tc, test_xparse_proj_id_messages);
  tcase_add_test(tc, test_xparse_accepts);
  tcase_add_test(tc, test_xparse_flushes_stdout);
  suite_add_tcase(s, tc);

  tc = tcase_create("round trips");
  tcase_add_test(tc, test_int_round_trip);
  tcase_add_test(tc, test_uint_round_trip);
  tcase_add_test(tc, test_size_round_trip);
  tcase_add_test(tc, test_duration_round_trip);
  tcase_add_test(tc, test_mode_round_trip);
  tcase_add_test(tc, test_key_round_trip);
  tcase_add_test(tc, test_proj_id_round_trip);
  tcase_add_test(tc, test_posix_name_lengths);
  tcase_add_test(tc, test_split_list);
  suite_add_tcase(s, tc);
  return s;
}
