// Report formats in the style of sigcatch --format: literal text,
// %-directives (one letter each, "%%" for a '%') and the escapes \n, \t
// and \\.  Compiling is a pure function over the text, apart from the
// program that reports the refusal, so it can be tested and fuzzed.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ipcutil {

// One piece of a compiled format: literal text, or a directive letter.
struct format_piece {
  char directive;  // 0 for literal text
  std::string text;
  friend bool operator==(const format_piece&, const format_piece&) = default;
};
using compiled_format = std::vector<format_piece>;

enum class format_fault { none, directive, escape };

struct format_result {
  compiled_format pieces;  // adjacent literal text is one piece
  format_fault fault = format_fault::none;
  std::string_view bad;  // the refused "%X" or "\X", or a lone "%" or "\"
};

// Compiles FORMAT; a '%' followed by a letter not in DIRECTIVES (or by
// nothing) is a directive fault, a '\' followed by anything but n, t or
// '\' an escape fault.  BAD points into FORMAT.
format_result compile_format(std::string_view format,
                             std::string_view directives);

}  // namespace ipcutil
