// Fuzzes the option-value parsers of libipcutil/parse (integers, sizes,
// durations, modes, keys, project ids, POSIX names), the socket address
// of libipcutil/unixsock, quote() and comma-separated lists (split_list).
// The input is the argument text.
// Each accepted value is checked against a reference reading of the text
// and formatted back, and the formatted text must parse to the same value.
#include <config.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/un.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz.hh"
#include "libipcutil/parse.hh"
#include "libipcutil/quote.hh"
#include "libipcutil/unixsock.hh"

using namespace ipcutil;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

bool all_letters(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

// The value of a digit string, saturating at 2^100 (beyond any type here).
unsigned __int128 reference_value(std::string_view digits, unsigned base) {
  constexpr unsigned __int128 cap = static_cast<unsigned __int128>(1) << 100;
  unsigned __int128 v = 0;
  for (char c : digits) {
    unsigned d = is_digit(c) ? static_cast<unsigned>(c - '0')
                 : (c >= 'a' && c <= 'f') ? static_cast<unsigned>(c - 'a' + 10)
                                          : static_cast<unsigned>(c - 'A' + 10);
    v = v * base + d;
    if (v > cap) v = cap;
  }
  return v;
}

template <class T>
std::string decimal(T v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}

// ---- integers

void check_ints(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  bool syntax = all_digits(digits);
  unsigned __int128 magnitude = syntax ? reference_value(digits, 10) : 0;
  constexpr auto imin = std::numeric_limits<std::intmax_t>::min();
  constexpr auto imax = std::numeric_limits<std::intmax_t>::max();
  constexpr auto umax = std::numeric_limits<std::uintmax_t>::max();

  auto i = parse_int(text, imin, imax);
  if (!syntax) {
    FUZZ_CHECK(i.error == parse_error::invalid);
  } else if (negative && magnitude > static_cast<unsigned __int128>(imax) + 1) {
    FUZZ_CHECK(i.error == parse_error::too_small);
  } else if (!negative && magnitude > static_cast<unsigned __int128>(imax)) {
    FUZZ_CHECK(i.error == parse_error::too_large);
  } else {
    FUZZ_CHECK(i);
    __int128 want = negative ? -static_cast<__int128>(magnitude)
                             : static_cast<__int128>(magnitude);
    FUZZ_CHECK(i.value == want);
    auto again = parse_int(decimal(i.value), imin, imax);
    FUZZ_CHECK(again && again.value == i.value);
  }
  // A narrower range agrees with the full one.
  static constexpr std::intmax_t ranges[][2] = {
      {0, 255}, {-5, 5}, {1, std::numeric_limits<int>::max()}, {imin, -1}};
  for (auto& range : ranges) {
    auto n = parse_int(text, range[0], range[1]);
    if (!i)
      FUZZ_CHECK(n.error == i.error);
    else if (i.value < range[0])
      FUZZ_CHECK(n.error == parse_error::too_small);
    else if (i.value > range[1])
      FUZZ_CHECK(n.error == parse_error::too_large);
    else
      FUZZ_CHECK(n && n.value == i.value);
  }

  auto u = parse_uint(text, 0, umax);
  if (!syntax) {
    FUZZ_CHECK(u.error == parse_error::invalid);
  } else if (negative && magnitude != 0) {
    FUZZ_CHECK(u.error == parse_error::too_small);
  } else if (magnitude > umax) {
    FUZZ_CHECK(u.error == parse_error::too_large);
  } else {
    FUZZ_CHECK(u && u.value == magnitude);
    auto again = parse_uint(decimal(u.value), 0, umax);
    FUZZ_CHECK(again && again.value == u.value);
  }
  static constexpr std::uintmax_t uranges[][2] = {
      {1, 255}, {0, 0}, {1, std::numeric_limits<std::uint32_t>::max() - 1}};
  for (auto& range : uranges) {
    auto n = parse_uint(text, range[0], range[1]);
    if (!u)
      FUZZ_CHECK(n.error == u.error);
    else if (u.value < range[0])
      FUZZ_CHECK(n.error == parse_error::too_small);
    else if (u.value > range[1])
      FUZZ_CHECK(n.error == parse_error::too_large);
    else
      FUZZ_CHECK(n && n.value == u.value);
  }
}

// ---- sizes

void check_size(std::string_view text) {
  auto r = parse_size(text);
  bool negative = !text.empty() && text.front() == '-';
  std::string_view body = negative ? text.substr(1) : text;
  std::size_t n = 0;
  while (n < body.size() && is_digit(body[n])) ++n;
  std::string_view digits = body.substr(0, n), suffix = body.substr(n);
  if (digits.empty()) {
    FUZZ_CHECK(r.error == parse_error::invalid);
    return;
  }
  unsigned __int128 multiplier = 1;
  if (!suffix.empty()) {
    static constexpr std::string_view units = "KMGTPE";
    char unit = suffix.front() == 'k' ? 'K' : suffix.front();
    std::size_t power = units.find(unit);
    std::string_view tail = suffix.substr(1);
    unsigned base = power == std::string_view::npos ? 0
                    : (tail.empty() || tail == "iB") ? 1024
                    : tail == "B"                    ? 1000
                                                     : 0;
    if (base == 0) {
      FUZZ_CHECK(r.error == (all_letters(suffix) ? parse_error::bad_suffix
                                                 : parse_error::invalid));
      return;
    }
    for (std::size_t i = 0; i <= power; ++i) multiplier *= base;
  }
  unsigned __int128 magnitude = reference_value(digits, 10);
  if (negative) {
    FUZZ_CHECK(magnitude == 0 ? r && r.value == 0
                              : r.error == parse_error::too_small);
    return;
  }
  unsigned __int128 bytes = magnitude * multiplier;  // < 2^100 * 2^60
  if (magnitude > std::numeric_limits<std::uint64_t>::max() ||
      bytes > std::numeric_limits<std::uint64_t>::max()) {
    FUZZ_CHECK(r.error == parse_error::too_large);
    return;
  }
  FUZZ_CHECK(r && r.value == bytes);
  // Back in bytes, and in the largest unit of each kind that divides it.
  auto again = parse_size(decimal(r.value));
  FUZZ_CHECK(again && again.value == r.value);
  static constexpr const char* binary[] = {"K", "M", "G", "T", "P", "E"};
  static constexpr const char* si[] = {"KB", "MB", "GB", "TB", "PB", "EB"};
  std::uint64_t b = 1, d = 1;
  for (int i = 0; i < 6; ++i) {
    b *= 1024;
    d *= 1000;
    if (r.value % b == 0) {
      auto x = parse_size(decimal(r.value / b) + binary[i]);
      FUZZ_CHECK(x && x.value == r.value);
      auto y = parse_size(decimal(r.value / b) + binary[i] + "iB");
      FUZZ_CHECK(y && y.value == r.value);
    }
    if (r.value % d == 0) {
      auto x = parse_size(decimal(r.value / d) + si[i]);
      FUZZ_CHECK(x && x.value == r.value);
    }
  }
}

// ---- durations

void check_duration(std::string_view text) {
  auto r = parse_duration(text);
  if (!r) {
    FUZZ_CHECK(r.error == parse_error::invalid ||
               r.error == parse_error::bad_suffix);
    return;
  }
  FUZZ_CHECK(r.value.count() >= 0);
  // What was accepted is digits, a point, digits, an exponent and a unit:
  // read the number with strtold and compare, where long double is exact
  // enough to tell.
  std::size_t unit_at = text.size();
  while (unit_at > 0 && (text[unit_at - 1] < '0' || text[unit_at - 1] > '9') &&
         text[unit_at - 1] != '.')
    --unit_at;
  std::string_view number = text.substr(0, unit_at), unit = text.substr(unit_at);
  FUZZ_CHECK(!number.empty());
  for (char c : number)
    FUZZ_CHECK(is_digit(c) || c == '.' || c == 'e' || c == 'E' || c == '-' ||
               c == '+');
  bool any_nonzero = false;
  std::size_t exp_at = number.find_first_of("eE");
  for (char c : number.substr(0, exp_at))
    if (c >= '1' && c <= '9') any_nonzero = true;
  // Zero only for a zero number; any positive value is at least 1 ns.
  FUZZ_CHECK(any_nonzero == (r.value.count() > 0));

  long double scale = unit == "ns"   ? 1
                      : unit == "us" ? 1e3L
                      : unit == "ms" ? 1e6L
                      : unit == "m"  ? 60e9L
                      : unit == "h"  ? 3600e9L
                      : unit == "d"  ? 86400e9L
                                     : 1e9L;  // "" and "s"
  FUZZ_CHECK(unit.empty() || unit == "ns" || unit == "us" || unit == "ms" ||
             unit == "s" || unit == "m" || unit == "h" || unit == "d");
  std::string copy(number);
  long double x = strtold(copy.c_str(), nullptr) * scale;
  long double max = static_cast<long double>(duration::max().count());
  if (x > max * 1.0001L) {
    FUZZ_CHECK(r.value == duration::max());
  } else if (x < max * 0.9999L && x > 1e-3L) {
    long double v = static_cast<long double>(r.value.count());
    FUZZ_CHECK(v >= x * (1 - 1e-15L) - 1e-9L);  // never early
    FUZZ_CHECK(v <= x * (1 + 1e-15L) + 1);       // at most 1 ns late
  }
  // Formatted back as nanoseconds and as seconds with nine decimals.
  if (r.value != duration::max()) {
    auto ns = parse_duration(decimal(r.value.count()) + "ns");
    FUZZ_CHECK(ns && ns.value == r.value);
    char buf[64];
    snprintf(buf, sizeof buf, "%jd.%09jd",
             static_cast<std::intmax_t>(r.value.count() / 1000000000),
             static_cast<std::intmax_t>(r.value.count() % 1000000000));
    auto s = parse_duration(buf);
    FUZZ_CHECK(s && s.value == r.value);
  }
}

// ---- modes, keys, project ids

void check_mode(std::string_view text) {
  auto r = parse_mode(text);
  bool octal = !text.empty() && text.find_first_not_of("01234567") ==
                                    std::string_view::npos;
  if (!octal) {
    FUZZ_CHECK(r.error == parse_error::invalid);
    return;
  }
  unsigned __int128 v = reference_value(text, 8);
  if (v > 0777) {
    FUZZ_CHECK(r.error == parse_error::too_large);
    return;
  }
  FUZZ_CHECK(r && r.value == v);
  char buf[8];
  snprintf(buf, sizeof buf, "%o", static_cast<unsigned>(r.value));
  auto again = parse_mode(buf);
  FUZZ_CHECK(again && again.value == r.value);
  snprintf(buf, sizeof buf, "0%o", static_cast<unsigned>(r.value));
  again = parse_mode(buf);
  FUZZ_CHECK(again && again.value == r.value);
}

void check_key(std::string_view text) {
  auto r = parse_key(text);
  std::string_view digits = text;
  unsigned base = 10;
  if (text.size() >= 2 && text[0] == '0' &&
      (text[1] == 'x' || text[1] == 'X')) {
    digits = text.substr(2), base = 16;
  } else if (text.size() >= 2 && text[0] == '0') {
    digits = text.substr(1), base = 8;
  }
  std::string_view allowed = base == 16  ? "0123456789abcdefABCDEF"
                             : base == 8 ? "01234567"
                                         : "0123456789";
  if (digits.empty() || digits.find_first_not_of(allowed) != digits.npos) {
    FUZZ_CHECK(r.error == parse_error::invalid);
    return;
  }
  unsigned __int128 v = reference_value(digits, base);
  if (v > 0xffffffff) {
    FUZZ_CHECK(r.error == parse_error::too_large);
    return;
  }
  FUZZ_CHECK(r && static_cast<std::uint32_t>(r.value) == v);
  auto u = static_cast<std::uint32_t>(r.value);
  char forms[4][32];
  snprintf(forms[0], sizeof forms[0], "%u", u);
  snprintf(forms[1], sizeof forms[1], "0x%x", u);
  snprintf(forms[2], sizeof forms[2], "0X%X", u);
  snprintf(forms[3], sizeof forms[3], "0%o", u);
  for (const char* form : forms) {
    auto again = parse_key(form);
    FUZZ_CHECK(again && again.value == r.value);
  }
}

void check_proj_id(std::string_view text) {
  auto r = parse_proj_id(text);
  if (text.size() == 1 && !is_digit(text[0])) {
    if (text[0] == '\0')
      FUZZ_CHECK(r.error == parse_error::invalid);
    else
      FUZZ_CHECK(r && r.value == static_cast<unsigned char>(text[0]));
    return;
  }
  if (!r) return;
  FUZZ_CHECK(r.value >= 1 && r.value <= 255);
  auto again = parse_proj_id(decimal(r.value));
  FUZZ_CHECK(again && again.value == r.value);
  auto u = parse_uint(text, 1, 255);
  FUZZ_CHECK(u && static_cast<int>(u.value) == r.value);
}

void check_posix_name_of(std::string_view text) {
  parse_error e = check_posix_name(text);
  parse_error want = parse_error::ok;
  if (text.size() < 2 || text[0] != '/')
    want = parse_error::invalid;
  else {
    std::string_view rest = text.substr(1);
    if (rest.find('/') != rest.npos || rest.find('\0') != rest.npos ||
        rest == "." || rest == "..")
      want = parse_error::invalid;
    else if (rest.size() > 255)
      want = parse_error::too_large;
  }
  FUZZ_CHECK(e == want);
}

// ---- socket addresses and quoting

void check_unix_address(std::string_view text) {
  unix_address a;
  address_error e = make_unix_address(text, a);
  bool abstract = !text.empty() && text[0] == '@';
  std::string_view name = abstract ? text.substr(1) : text;
  FUZZ_CHECK(unix_address_length(text) == name.size());
  if (e != address_error::ok) {
    FUZZ_CHECK(name.empty() || name.size() > max_socket_path ||
               (!abstract && name.find('\0') != name.npos));
    return;
  }
  FUZZ_CHECK(a.abstract == abstract && a.text == text);
  FUZZ_CHECK(a.len <= sizeof(sockaddr_un));
  std::size_t offset = offsetof(sockaddr_un, sun_path);
  if (abstract) {
    FUZZ_CHECK(a.addr.sun_path[0] == '\0' && a.path() == nullptr);
    FUZZ_CHECK(a.len == offset + 1 + name.size());
    FUZZ_CHECK(std::string_view(a.addr.sun_path + 1, name.size()) == name);
  } else {
    // The kernel reads the path up to its NUL: the very path given.
    FUZZ_CHECK(a.path() != nullptr && std::string_view(a.path()) == name);
    FUZZ_CHECK(a.len == offset + name.size() + 1);
  }
}

void check_quote(std::string_view text) {
  std::string_view q = quote(text);
  FUZZ_CHECK(q.size() >= 2 && q.front() == '\'' && q.back() == '\'');
  // No control character can reach the terminal, and unquoting gives the
  // text back.
  std::string back;
  for (std::size_t i = 1; i + 1 < q.size(); ++i) {
    auto c = static_cast<unsigned char>(q[i]);
    FUZZ_CHECK(c >= 0x20 && c != 0x7f);
    FUZZ_CHECK(c != '\'');
    if (c != '\\') {
      back += q[i];
      continue;
    }
    FUZZ_CHECK(i + 2 < q.size());
    char e = q[++i];
    if (e == 'x') {
      FUZZ_CHECK(i + 3 < q.size());
      back += static_cast<char>(reference_value(q.substr(i + 1, 2), 16));
      i += 2;
    } else {
      FUZZ_CHECK(e == '\\' || e == '\'');
      back += e;
    }
  }
  FUZZ_CHECK(back == text);
}

// split_list: accepted exactly when no item is empty; the items hold no
// comma and, joined with commas, give the text back.
void check_split_list(std::string_view text) {
  std::vector<std::string_view> items;
  bool ok = ipcutil::split_list(text, items);
  bool has_empty = text.empty() || text.front() == ',' ||
                   text.back() == ',' ||
                   text.find(",,") != std::string_view::npos;
  FUZZ_CHECK(ok == !has_empty);
  if (!ok) return;
  std::string back;
  for (std::size_t i = 0; i < items.size(); ++i) {
    FUZZ_CHECK(!items[i].empty());
    FUZZ_CHECK(items[i].find(',') == std::string_view::npos);
    if (i > 0) back += ',';
    back += items[i];
  }
  FUZZ_CHECK(back == text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view text = as_text(data, size);
  check_ints(text);
  check_size(text);
  check_duration(text);
  check_mode(text);
  check_key(text);
  check_proj_id(text);
  check_posix_name_of(text);
  check_unix_address(text);
  check_quote(text);
  check_split_list(text);
  return 0;
}
