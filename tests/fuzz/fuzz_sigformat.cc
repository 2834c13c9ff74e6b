// Fuzzes compile_format() of libipcutil/sigformat (sigcatch --format):
// a compiled format written back in the format syntax compiles to the
// same pieces; a refusal names a '%' or '\' sequence of the text that is
// no directive or escape, and nothing before it is refused.
#include <config.h>

#include <string>

#include "fuzz.hh"
#include "libipcutil/sigformat.hh"

using namespace ipcutil;

namespace {

constexpr std::string_view letters = "nNpuvct";  // sigcatch's

std::string write_back(const compiled_format& pieces) {
  std::string out;
  for (const format_piece& p : pieces) {
    if (p.directive != 0) {
      out += '%';
      out += p.directive;
      continue;
    }
    for (char c : p.text) {
      if (c == '%')
        out += "%%";
      else if (c == '\\')
        out += "\\\\";
      else if (c == '\n')
        out += "\\n";
      else if (c == '\t')
        out += "\\t";
      else
        out += c;
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  std::string_view text = as_text(data, size);
  format_result r = compile_format(text, letters);
  if (r.fault != format_fault::none) {
    FUZZ_CHECK(r.pieces.empty());
    FUZZ_CHECK(r.bad.data() >= text.data() &&
               r.bad.data() + r.bad.size() <= text.data() + text.size());
    FUZZ_CHECK(r.bad.size() == 1 || r.bad.size() == 2);
    FUZZ_CHECK(r.bad[0] == (r.fault == format_fault::directive ? '%' : '\\'));
    // A lone '%' or '\' only at the very end.
    FUZZ_CHECK(r.bad.size() == 2 ||
               r.bad.data() + 1 == text.data() + text.size());
    if (r.bad.size() == 2) {
      if (r.fault == format_fault::directive)
        FUZZ_CHECK(r.bad[1] != '%' && (r.bad[1] == '\0' ||
                                       letters.find(r.bad[1]) == letters.npos));
      else
        FUZZ_CHECK(r.bad[1] != 'n' && r.bad[1] != 't' && r.bad[1] != '\\');
    }
    // The text before the fault compiles (it ends on a whole sequence).
    std::string_view before(text.data(),
                            static_cast<std::size_t>(r.bad.data() - text.data()));
    FUZZ_CHECK(compile_format(before, letters).fault == format_fault::none);
    return 0;
  }
  std::size_t literal = 0, directives = 0;
  for (std::size_t i = 0; i < r.pieces.size(); ++i) {
    const format_piece& p = r.pieces[i];
    if (p.directive == 0) {
      FUZZ_CHECK(!p.text.empty());
      // Adjacent literal text is one piece.
      FUZZ_CHECK(i == 0 || r.pieces[i - 1].directive != 0);
      literal += p.text.size();
    } else {
      FUZZ_CHECK(letters.find(p.directive) != letters.npos && p.text.empty());
      ++directives;
    }
  }
  // Every directive and escape takes two bytes and yields at most one.
  FUZZ_CHECK(literal + 2 * directives <= text.size());
  std::string back = write_back(r.pieces);
  format_result again = compile_format(back, letters);
  FUZZ_CHECK(again.fault == format_fault::none);
  FUZZ_CHECK(again.pieces == r.pieces);
  return 0;
}
