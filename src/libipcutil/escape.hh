// Showing text that someone else sent on a terminal without letting it
// drive the terminal: control characters become visible escapes, so a
// peer cannot move the cursor, recolour, retitle or clear the screen.
#pragma once
#include <string>
#include <string_view>

namespace ipcutil {

// Whether the character set of the current locale (LC_CTYPE) is UTF-8.
bool locale_is_utf8();

// Streams text into a terminal-safe form.  Kept as they are: printable
// ASCII, tab, and (in UTF-8) every valid multi-byte character except the
// C1 controls U+0080-U+009F.  Escaped: C0 controls and DEL in caret
// notation, as cat -v shows them ("^[" for ESC, "^M" for CR, "^?" for
// DEL); C1 controls and bytes that are not valid UTF-8 as "\xHH" per byte.
// In a single-byte character set the bytes 0x80-0x9F are the C1 controls
// and are escaped; the other bytes pass.
// Text may arrive in pieces: a UTF-8 sequence split between two append()
// calls is held back and judged whole.
class terminal_escaper {
 public:
  explicit terminal_escaper(bool utf8) : utf8_(utf8) {}

  // Appends the safe form of TEXT to OUT.
  void append(std::string& out, std::string_view text);
  // Ends the text: a held-back incomplete sequence is appended as "\xHH"s.
  void finish(std::string& out);

 private:
  void append_bytes(std::string& out, const unsigned char* p, std::size_t n);
  bool utf8_;
  unsigned char held_[4] = {};
  std::size_t held_len_ = 0;
};

}  // namespace ipcutil
