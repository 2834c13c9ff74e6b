// Fuzzes terminal_escaper of libipcutil/escape.  Byte 0 picks UTF-8 or a
// single-byte character set, byte 1 where the text is cut into pieces;
// the rest is the text.  The output must be the same whether the text
// comes whole or in pieces, must hold nothing that drives a terminal (no
// C0 control but tab, no DEL, no C1 control, and in UTF-8 only valid
// UTF-8), and safe text must pass unchanged.
#include <config.h>

#include <string>
#include <vector>

#include "fuzz.hh"
#include "libipcutil/escape.hh"

using namespace ipcutil;

namespace {

// The length of the valid UTF-8 sequence at S[I] (1 for ASCII), or 0.
std::size_t valid_sequence(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t len = c >= 0xc2 && c <= 0xdf   ? 2
                    : c >= 0xe0 && c <= 0xef ? 3
                    : c >= 0xf0 && c <= 0xf4 ? 4
                                             : 0;
  if (len == 0 || i + len > s.size()) return 0;
  std::uint32_t cp = c & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xc0) != 0x80) return 0;
    cp = cp << 6 | (b(k) & 0x3f);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
    return 0;
  return len;
}

bool control(unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; }

// Safe, and so kept as it is.
bool is_safe(std::string_view s, bool utf8) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (control(c)) return false;
    if (!utf8) {
      if (c >= 0x80 && c < 0xa0) return false;
      ++i;
      continue;
    }
    std::size_t len = valid_sequence(s, i);
    if (len == 0) return false;
    if (len == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0)
      return false;
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size < 2) return 0;
  bool utf8 = (data[0] & 1) != 0;
  unsigned step = 1 + data[1] % 7;
  std::string_view text = as_text(data + 2, size - 2);

  std::string whole;
  terminal_escaper e1(utf8);
  e1.append(whole, text);
  e1.finish(whole);

  // The same text in pieces of 1 to 7 bytes, and with empty pieces.
  std::string pieces;
  terminal_escaper e2(utf8);
  for (std::size_t i = 0; i < text.size(); i += step) {
    e2.append(pieces, text.substr(i, step));
    e2.append(pieces, {});
  }
  e2.finish(pieces);
  FUZZ_CHECK(pieces == whole);

  FUZZ_CHECK(whole.size() >= text.size());
  for (std::size_t i = 0; i < whole.size();) {
    auto c = static_cast<unsigned char>(whole[i]);
    FUZZ_CHECK(!control(c));
    if (!utf8) {
      FUZZ_CHECK(c < 0x80 || c >= 0xa0);
      ++i;
      continue;
    }
    std::size_t len = valid_sequence(whole, i);
    FUZZ_CHECK(len != 0);
    FUZZ_CHECK(!(len == 2 && c == 0xc2 &&
                 static_cast<unsigned char>(whole[i + 1]) < 0xa0));
    i += len;
  }
  if (is_safe(text, utf8)) FUZZ_CHECK(whole == text);
  return 0;
}
