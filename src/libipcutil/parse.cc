#include <config.h>

#include "libipcutil/parse.hh"

#include <error.h>
#include <stdlib.h>

#include <cstdint>
#include <limits>
#include <string>

#include "libipcutil/i18n.hh"
#include "libipcutil/program.hh"
#include "libipcutil/quote.hh"

namespace ipcutil {

namespace {

// Locale-independent classification: isdigit/isalpha follow LC_CTYPE.
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool all_letters(std::string_view s) {
  for (char c : s)
    if (!is_letter(c)) return false;
  return !s.empty();
}

// What follows a number but is not a known unit: letters look like a
// misspelt unit ("42D", "1Q"); anything else (blanks, a second point,
// a sign) means the text is no number at all.
parse_error classify_junk(std::string_view rest) {
  return all_letters(rest) ? parse_error::bad_suffix : parse_error::invalid;
}

struct digit_run {
  std::uintmax_t value = 0;
  std::size_t length = 0;
  bool overflow = false;
};

// Reads the decimal digits at the start of TEXT; value saturates.
digit_run scan_decimal(std::string_view text) {
  digit_run run;
  constexpr auto max = std::numeric_limits<std::uintmax_t>::max();
  while (run.length < text.size() && is_digit(text[run.length])) {
    unsigned digit = static_cast<unsigned>(text[run.length] - '0');
    if (run.value > (max - digit) / 10)
      run.overflow = true;
    else
      run.value = run.value * 10 + digit;
    ++run.length;
  }
  return run;
}

// A whole string of digits in BASE (8, 10 or 16); invalid if empty or if
// anything else appears.
parse_result<std::uintmax_t> parse_digits(std::string_view text,
                                          unsigned base) {
  parse_result<std::uintmax_t> r;
  if (text.empty()) {
    r.error = parse_error::invalid;
    return r;
  }
  constexpr auto max = std::numeric_limits<std::uintmax_t>::max();
  bool overflow = false;
  for (char c : text) {
    unsigned digit;
    if (is_digit(c))
      digit = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f')
      digit = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      digit = static_cast<unsigned>(c - 'A' + 10);
    else
      digit = base;
    if (digit >= base) {
      r.error = parse_error::invalid;
      return r;
    }
    if (r.value > (max - digit) / base)
      overflow = true;
    else
      r.value = r.value * base + digit;
  }
  if (overflow) r.error = parse_error::too_large;
  return r;
}

// error() with a non-zero status does not return; abort() tells the
// compiler so.
#define DIE_USAGE(format, ...) \
  (error(exit_usage, 0, format, __VA_ARGS__), abort())

// The two forms every xparse_* shares; returns for a range error.
void die_on_syntax(parse_error e, const char* arg, const char* what) {
  if (e == parse_error::invalid)
    // TRANSLATORS: here and in the messages below, the first %s is what was
    // wrong ("invalid count", already translated), the second the argument.
    DIE_USAGE(_("%s: %s"), what, quote(arg));
  if (e == parse_error::bad_suffix)
    DIE_USAGE(_("%s: %s: invalid suffix"), what, quote(arg));
}

}  // namespace

parse_result<std::uintmax_t> parse_uint(std::string_view text,
                                        std::uintmax_t min,
                                        std::uintmax_t max) {
  parse_result<std::uintmax_t> r;
  bool negative = !text.empty() && text.front() == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  digit_run run = scan_decimal(digits);
  if (run.length == 0 || run.length != digits.size()) {
    r.error = parse_error::invalid;
    return r;
  }
  if (negative && (run.overflow || run.value != 0))
    r.error = parse_error::too_small;
  else if (run.overflow || run.value > max)
    r.error = parse_error::too_large;
  else if (run.value < min)
    r.error = parse_error::too_small;
  else
    r.value = run.value;
  return r;
}

parse_result<std::intmax_t> parse_int(std::string_view text, std::intmax_t min,
                                      std::intmax_t max) {
  parse_result<std::intmax_t> r;
  bool negative = !text.empty() && text.front() == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  digit_run run = scan_decimal(digits);
  if (run.length == 0 || run.length != digits.size()) {
    r.error = parse_error::invalid;
    return r;
  }
  constexpr auto int_max =
      static_cast<std::uintmax_t>(std::numeric_limits<std::intmax_t>::max());
  std::intmax_t value;
  if (negative) {
    if (run.overflow || run.value > int_max + 1) {
      r.error = parse_error::too_small;
      return r;
    }
    // -(int_max + 1) without overflowing on the way.
    value = run.value == 0 ? 0 : -static_cast<std::intmax_t>(run.value - 1) - 1;
  } else {
    if (run.overflow || run.value > int_max) {
      r.error = parse_error::too_large;
      return r;
    }
    value = static_cast<std::intmax_t>(run.value);
  }
  if (value < min)
    r.error = parse_error::too_small;
  else if (value > max)
    r.error = parse_error::too_large;
  else
    r.value = value;
  return r;
}

parse_result<std::uint64_t> parse_size(std::string_view text) {
  parse_result<std::uint64_t> r;
  bool negative = !text.empty() && text.front() == '-';
  std::string_view body = negative ? text.substr(1) : text;
  digit_run run = scan_decimal(body);
  if (run.length == 0) {
    r.error = parse_error::invalid;  // "", "K", "+1", ".5", " 1"
    return r;
  }
  std::string_view suffix = body.substr(run.length);
  std::uint64_t multiplier = 1;
  if (!suffix.empty()) {
    static constexpr std::string_view units = "KMGTPE";
    char unit = suffix.front() == 'k' ? 'K' : suffix.front();
    std::size_t power = units.find(unit);
    std::string_view tail = suffix.substr(1);
    std::uint64_t base;
    if (power == std::string_view::npos)
      base = 0;
    else if (tail.empty() || tail == "iB")
      base = 1024;
    else if (tail == "B")
      base = 1000;
    else
      base = 0;
    if (base == 0) {
      r.error = classify_junk(suffix);
      return r;
    }
    for (std::size_t i = 0; i <= power; ++i)
      multiplier *= base;  // at most 1024^6 = 2^60: no overflow
  }
  if (negative) {
    if (run.overflow || run.value != 0) r.error = parse_error::too_small;
    return r;  // "-0" is 0
  }
  constexpr auto max = std::numeric_limits<std::uint64_t>::max();
  if (run.overflow || run.value > max / multiplier) {
    r.error = parse_error::too_large;
    return r;
  }
  r.value = run.value * multiplier;
  return r;
}

namespace {

struct time_unit {
  std::string_view name;
  unsigned factor;  // the unit in ns is factor * 10^power
  int power;
};

constexpr time_unit time_units[] = {
    {"", 1, 9},  {"ns", 1, 0}, {"us", 1, 3},  {"ms", 1, 6},
    {"s", 1, 9}, {"m", 6, 10}, {"h", 36, 11}, {"d", 864, 11},
};

}  // namespace

parse_result<duration> parse_duration(std::string_view text) {
  parse_result<duration> r;
  std::size_t pos = 0;
  auto scan = [&] {
    std::size_t start = pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    return text.substr(start, pos - start);
  };
  std::string_view whole = scan();
  std::string_view fraction;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    fraction = scan();
  }
  if (whole.empty() && fraction.empty()) {
    r.error = parse_error::invalid;  // "", ".", "nan", "-1", "+1", " 1"
    return r;
  }

  // An exponent ("1e3", "1.2E-4") only when digits follow; "1e" and "1E"
  // are left to the unit check below.
  std::int64_t exponent = 0;
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    std::size_t p = pos + 1;
    bool negative_exponent = false;
    if (p < text.size() && (text[p] == '+' || text[p] == '-'))
      negative_exponent = text[p++] == '-';
    if (p < text.size() && is_digit(text[p])) {
      pos = p;
      for (char c : scan()) {
        // Beyond 10^12 nothing changes: the value has already saturated
        // (or, negative, is below 1 ns), given any text that fits in memory.
        if (exponent < 1000000000000) exponent = exponent * 10 + (c - '0');
      }
      if (negative_exponent) exponent = -exponent;
    }
  }

  std::string_view suffix = text.substr(pos);
  const time_unit* unit = nullptr;
  for (const time_unit& u : time_units)
    if (u.name == suffix) unit = &u;
  if (unit == nullptr) {
    r.error = classify_junk(suffix);
    return r;
  }

  // Exact decimal arithmetic on the digit string, so no digit string, however
  // long, loses precision or overflows: value = digits * 10^scale ns.
  std::string digits;
  digits.reserve(whole.size() + fraction.size() + 3);
  digits.append(whole).append(fraction);
  digits.erase(0, digits.find_first_not_of('0'));
  if (digits.empty()) return r;  // zero, in any unit: "do not wait"
  std::int64_t scale =
      exponent - static_cast<std::int64_t>(fraction.size()) + unit->power;
  if (unit->factor != 1) {
    unsigned carry = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
      unsigned product =
          static_cast<unsigned>(*it - '0') * unit->factor + carry;
      *it = static_cast<char>('0' + product % 10);
      carry = product / 10;
    }
    for (; carry != 0; carry /= 10)
      digits.insert(digits.begin(), static_cast<char>('0' + carry % 10));
  }

  // Digits before the decimal point of the nanosecond count.
  std::int64_t integer_digits =
      static_cast<std::int64_t>(digits.size()) + scale;
  constexpr auto max = static_cast<unsigned __int128>(duration::max().count());
  if (integer_digits > 24) {  // >= 10^23 ns: far beyond duration::max()
    r.value = duration::max();
    return r;
  }
  unsigned __int128 ns = 0;
  std::size_t take =
      integer_digits > 0 ? static_cast<std::size_t>(integer_digits) : 0;
  for (std::size_t i = 0; i < take; ++i)
    ns = ns * 10 +
         (i < digits.size() ? static_cast<unsigned>(digits[i] - '0') : 0);
  // Round any fraction of a nanosecond up: a timeout never ends early,
  // and a positive value never becomes 0 ("do not wait").
  if (take < digits.size() &&
      digits.find_first_not_of('0', take) != std::string::npos)
    ++ns;
  r.value =
      ns > max ? duration::max() : duration(static_cast<std::int64_t>(ns));
  return r;
}

parse_result<mode_t> parse_mode(std::string_view text) {
  parse_result<mode_t> r;
  parse_result<std::uintmax_t> octal = parse_digits(text, 8);
  if (octal.error == parse_error::ok && octal.value > 0777)
    octal.error = parse_error::too_large;
  r.error = octal.error;
  if (r) r.value = static_cast<mode_t>(octal.value);
  return r;
}

parse_result<key_t> parse_key(std::string_view text) {
  parse_result<key_t> r;
  parse_result<std::uintmax_t> number;
  if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    number = parse_digits(text.substr(2), 16);
  else if (text.size() >= 2 && text[0] == '0')
    number = parse_digits(text.substr(1), 8);
  else
    number = parse_digits(text, 10);
  if (number.error == parse_error::ok && number.value > 0xffffffff)
    number.error = parse_error::too_large;
  r.error = number.error;
  if (r)  // 0xffffffff wraps to -1, the key ipcs shows as 0xffffffff
    r.value = static_cast<key_t>(static_cast<std::uint32_t>(number.value));
  return r;
}

parse_result<int> parse_proj_id(std::string_view text) {
  parse_result<int> r;
  if (text.size() == 1 && !is_digit(text[0])) {
    if (text[0] == '\0')
      r.error = parse_error::invalid;
    else
      r.value = static_cast<unsigned char>(text[0]);
    return r;
  }
  parse_result<std::uintmax_t> number = parse_uint(text, 1, 255);
  r.error = number.error;
  if (r) r.value = static_cast<int>(number.value);
  return r;
}

bool split_list(std::string_view list, std::vector<std::string_view>& items) {
  items.clear();
  for (;;) {
    std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    if (item.empty()) return false;
    items.push_back(item);
    if (comma == std::string_view::npos) return true;
    list.remove_prefix(comma + 1);
  }
}

parse_error check_posix_name(std::string_view name) {
  if (name.size() < 2 || name[0] != '/') return parse_error::invalid;
  std::string_view rest = name.substr(1);
  if (rest.find('/') != std::string_view::npos ||
      rest.find('\0') != std::string_view::npos || rest == "." || rest == "..")
    return parse_error::invalid;
  if (rest.size() > 255)  // NAME_MAX
    return parse_error::too_large;
  return parse_error::ok;
}

std::intmax_t xparse_int(const char* arg, std::intmax_t min, std::intmax_t max,
                         const char* what) {
  parse_result<std::intmax_t> r = parse_int(arg, min, max);
  if (r) return r.value;
  die_on_syntax(r.error, arg, what);
  DIE_USAGE(_("%s: %s: must be between %jd and %jd"), what, quote(arg), min,
            max);
}

std::uintmax_t xparse_uint(const char* arg, std::uintmax_t min,
                           std::uintmax_t max, const char* what) {
  parse_result<std::uintmax_t> r = parse_uint(arg, min, max);
  if (r) return r.value;
  die_on_syntax(r.error, arg, what);
  DIE_USAGE(_("%s: %s: must be between %ju and %ju"), what, quote(arg), min,
            max);
}

std::uint64_t xparse_size(const char* arg, std::uint64_t min, std::uint64_t max,
                          const char* what) {
  parse_result<std::uint64_t> r = parse_size(arg);
  if (r && r.value > max)
    r.error = parse_error::too_large;
  else if (r && r.value < min)
    r.error = parse_error::too_small;
  if (r) return r.value;
  die_on_syntax(r.error, arg, what);
  if (r.error == parse_error::too_large)
    DIE_USAGE(_("%s: %s: value too large"), what, quote(arg));
  DIE_USAGE(_("%s: %s: must be at least %ju"), what, quote(arg),
            static_cast<std::uintmax_t>(min));
}

duration xparse_duration(const char* arg, const char* what) {
  parse_result<duration> r = parse_duration(arg);
  if (r) return r.value;
  die_on_syntax(r.error, arg, what);
  abort();  // not reached: durations have no range errors
}

mode_t xparse_mode(const char* arg, const char* what) {
  parse_result<mode_t> r = parse_mode(arg);
  if (r) return r.value;
  DIE_USAGE(_("%s: %s: not an octal mode between 0 and 0777"), what,
            quote(arg));
}

key_t xparse_key(const char* arg, const char* what) {
  parse_result<key_t> r = parse_key(arg);
  if (r) return r.value;
  die_on_syntax(r.error, arg, what);
  DIE_USAGE(_("%s: %s: larger than 32 bits"), what, quote(arg));
}

int xparse_proj_id(const char* arg, const char* what) {
  parse_result<int> r = parse_proj_id(arg);
  if (r) return r.value;
  DIE_USAGE(_("%s: %s: must be a number from 1 to 255 or one character"), what,
            quote(arg));
}

}  // namespace ipcutil
