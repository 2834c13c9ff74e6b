#include <config.h>

#include "libipcutil/quote.hh"

#include <array>
#include <string>

namespace ipcutil {

const char* quote(std::string_view arg) {
  static std::array<std::string, 8> slots;
  static std::size_t next = 0;
  std::string& out = slots[next];
  next = (next + 1) % slots.size();

  out.assign(1, '\'');
  for (unsigned char c : arg) {
    if (c == '\'' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xf];
    } else {
      out += static_cast<char>(
          c);  // bytes >= 0x80 pass: UTF-8 names stay readable
    }
  }
  out += '\'';
  return out.c_str();
}

}  // namespace ipcutil
