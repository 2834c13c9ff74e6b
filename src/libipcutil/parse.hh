// Strict parsers for option arguments.  Each parse_* function accepts the
// whole text or nothing (no leading blanks, no trailing junk) and says why
// it refused; each xparse_* front end turns a refusal into a one-line
// diagnostic naming the value and exits with status 2.
#pragma once
#include <sys/types.h>
#include <chrono>
#include <cstdint>
#include <string_view>

namespace ipcutil {

enum class parse_error {
  ok,
  invalid,     // not a number (or not the expected form) at all
  bad_suffix,  // a number followed by an unknown unit
  too_small,   // below the allowed range (including negative for unsigned)
  too_large,   // above the allowed range or overflowing the type
};

template <class T>
struct parse_result {
  T value{};
  parse_error error = parse_error::ok;
  explicit operator bool() const { return error == parse_error::ok; }
};

// Decimal integer in [min, max].  "-0" is 0; "+5" and " 5" are invalid.
parse_result<std::intmax_t> parse_int(std::string_view text, std::intmax_t min,
                                      std::intmax_t max);
parse_result<std::uintmax_t> parse_uint(std::string_view text,
                                        std::uintmax_t min, std::uintmax_t max);

// Byte count: 4096, 4K = 4KiB = 4096, 4KB = 4000, likewise M, G, T (and
// MiB/MB...).  A lone suffix or a fraction is invalid.
parse_result<std::uint64_t> parse_size(std::string_view text);

// Duration: a non-negative decimal with an optional fraction ("1.5", ".5"),
// in seconds unless followed by ns, us, ms, s, m, h or d.  The decimal point
// is always '.', whatever the locale.  A value too large for the type
// saturates to duration::max(), which callers treat as "wait forever";
// a positive value below 1 ns rounds up to 1 ns, so it never means "0".
using duration = std::chrono::nanoseconds;
parse_result<duration> parse_duration(std::string_view text);

// Permission bits in octal, 0 to 0777 ("600", "0600").
parse_result<mode_t> parse_mode(std::string_view text);

// System V key in C notation: decimal, 0x hex, or 0 octal, at most 32 bits
// (0xffffffff is -1 as a key_t).  0 (IPC_PRIVATE) parses; the object
// selector decides whether it is allowed.
parse_result<key_t> parse_key(std::string_view text);

// ftok() project id: a number 1-255, or a single non-digit character ("A").
parse_result<int> parse_proj_id(std::string_view text);

// POSIX IPC name: "/" followed by 1 to NAME_MAX (255) bytes, none of them
// '/' or NUL.  invalid = missing leading slash or a second slash;
// too_large = too long.
parse_error check_posix_name(std::string_view name);

// Front ends for option arguments.  WHAT is the translated description used
// in "PROG: WHAT: 'ARG'" (for example _("invalid count")); a refusal exits 2.
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
