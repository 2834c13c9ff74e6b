// Strict parsers for option arguments.  Each parse_* function accepts the
// whole text or nothing (no leading blanks, no trailing junk, no '+' sign)
// and says why it refused; each xparse_* front end turns a refusal into a
// one-line diagnostic naming the value and exits with status 2.  Nothing
// here depends on the locale.
#pragma once
#include <sys/types.h>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <vector>

namespace ipcutil {

enum class parse_error {
  ok,
  invalid,     // not a number (or not the expected form) at all; also a
               // number followed by anything but letters ("1 ", "1.5.2")
  bad_suffix,  // sizes and durations: a number followed by letters that
               // are no unit ("42D", "1Q")
  too_small,   // below the allowed range (including negative for unsigned)
  too_large,   // above the allowed range or overflowing the type
};

template <class T>
struct parse_result {
  T value{};
  parse_error error = parse_error::ok;
  explicit operator bool() const { return error == parse_error::ok; }
};

// Decimal integer in [min, max].  "-0" is 0; "+5", " 5", "5 " and "5x" are
// invalid; overflowing the type is too_small or too_large by its sign, and
// so is a negative number for parse_uint.
parse_result<std::intmax_t> parse_int(std::string_view text, std::intmax_t min,
                                      std::intmax_t max);
parse_result<std::uintmax_t> parse_uint(std::string_view text,
                                        std::uintmax_t min, std::uintmax_t max);

// Byte count: 4096, 4K = 4KiB = 4096, 4KB = 4000, likewise M, G, T, P and E
// (MiB/MB...; "k" is K, the other units are upper case only).  A lone suffix
// ("K"), a fraction ("1.5K") or a blank is invalid; unknown letters ("1Q",
// "0x") are bad_suffix; a negative number is too_small ("-0" is 0); more
// than 2^64-1 bytes is too_large.
parse_result<std::uint64_t> parse_size(std::string_view text);

// Duration: a non-negative decimal with an optional fraction ("1.5", ".5",
// "5.") and an optional exponent ("1e3", "2.5E-3"), in seconds unless
// followed by ns, us, ms, s, m, h or d (lower case).  No sign, blank, "inf"
// or "nan".  The decimal point is always '.', whatever the locale.  The
// arithmetic is exact: a value too large for the type ("1e400",
// "99999999999999999999h") saturates to duration::max(), which callers treat
// as "wait forever", never an error; a fraction of a nanosecond rounds up,
// so a positive value below 1 ns ("1e-10000") is 1 ns and only a zero value
// ("0", "0.0ms") is 0, which callers treat as "do not wait".  Errors are
// only invalid and bad_suffix ("42D", "1e").
using duration = std::chrono::nanoseconds;
parse_result<duration> parse_duration(std::string_view text);

// Permission bits in octal, 0 to 0777 ("600", "0600").  Non-octal text
// ("999", "0x1ff", "abc") is invalid; "10000" is too_large.
parse_result<mode_t> parse_mode(std::string_view text);

// System V key in C notation: decimal, 0x hex, or 0 octal, at most 32 bits
// (0xffffffff is -1 as a key_t).  0 (IPC_PRIVATE) parses; the object
// selector decides whether it is allowed.  A sign, "0x" without digits or a
// digit outside the base ("08") is invalid; above 32 bits is too_large.
parse_result<key_t> parse_key(std::string_view text);

// ftok() project id: a decimal number 1-255, or a single non-digit byte
// ("A" is 65).  "0" and "-1" are too_small, "256" too_large.
parse_result<int> parse_proj_id(std::string_view text);

// POSIX IPC name: "/" followed by 1 to NAME_MAX (255) bytes, none of them
// '/' or NUL.  invalid = missing leading slash, nothing after it, a second
// slash, or "/." or "/.."; too_large = more than 255 bytes after the slash.
// (sem_open adds "sem." to the name, so its own limit is 251 bytes.)
parse_error check_posix_name(std::string_view name);

// A comma-separated list ("msg,sem", "1000,1001"): ITEMS gets each item in
// order.  False when an item is empty ("", "a,", ",a", "a,,b"): the caller
// names the whole list, since "''" alone would not say which comma is
// wrong.
bool split_list(std::string_view list, std::vector<std::string_view>& items);

// Front ends for option arguments.  WHAT is the translated description used
// in "PROG: WHAT: 'ARG'" (for example _("invalid count")); a refusal exits 2
// through error(3), without a "Try --help" line:
//   invalid     PROG: WHAT: 'ARG'
//   bad_suffix  PROG: WHAT: 'ARG': invalid suffix
//   int, uint   PROG: WHAT: 'ARG': must be between MIN and MAX
//   size        PROG: WHAT: 'ARG': value too large / must be at least MIN
//   mode        PROG: WHAT: 'ARG': not an octal mode between 0 and 0777
//   key         PROG: WHAT: 'ARG': larger than 32 bits
//   proj id     PROG: WHAT: 'ARG': must be a number from 1 to 255 or one
//   character
// (mode and proj id use their one form for every refusal.)
std::intmax_t xparse_int(const char* arg, std::intmax_t min, std::intmax_t max,
                         const char* what);
std::uintmax_t xparse_uint(const char* arg, std::uintmax_t min,
                           std::uintmax_t max, const char* what);
std::uint64_t xparse_size(const char* arg, std::uint64_t min, std::uint64_t max,
                          const char* what);
duration xparse_duration(const char* arg, const char* what);
mode_t xparse_mode(const char* arg, const char* what);
key_t xparse_key(const char* arg, const char* what);
int xparse_proj_id(const char* arg, const char* what);

}  // namespace ipcutil
