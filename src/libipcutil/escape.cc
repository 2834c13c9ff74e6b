#include <config.h>

#include "libipcutil/escape.hh"

#include <langinfo.h>
#include <string.h>

namespace ipcutil {

namespace {

void append_hex(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789abcdef";
  out += "\\x";
  out += hex[c >> 4];
  out += hex[c & 0xf];
}

// C0 controls and DEL as cat -v shows them.
void append_caret(std::string& out, unsigned char c) {
  out += '^';
  out += static_cast<char>(c == 0x7f ? '?' : c + '@');
}

// The length of the UTF-8 sequence led by LEAD, or 0 if LEAD cannot start
// one (a continuation byte, C0/C1 overlong leads, or above U+10FFFF).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// Whether the I-th byte (I >= 1) of a sequence led by LEAD may be C: the
// continuation range, narrowed after E0, ED, F0 and F4 so that overlong
// forms, surrogates and code points above U+10FFFF are refused.
bool continuation_ok(unsigned char lead, std::size_t i, unsigned char c) {
  unsigned char lo = 0x80, hi = 0xbf;
  if (i == 1) {
    if (lead == 0xe0)
      lo = 0xa0;
    else if (lead == 0xed)
      hi = 0x9f;
    else if (lead == 0xf0)
      lo = 0x90;
    else if (lead == 0xf4)
      hi = 0x8f;
  }
  return c >= lo && c <= hi;
}

}  // namespace

bool locale_is_utf8() {
  const char* codeset = nl_langinfo(CODESET);
  return codeset != nullptr && (strcasecmp(codeset, "UTF-8") == 0 ||
                                strcasecmp(codeset, "UTF8") == 0);
}

void terminal_escaper::append_bytes(std::string& out, const unsigned char* p,
                                    std::size_t n) {
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7f)
        append_caret(out, c);
      else
        out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (!utf8_) {
      if (c < 0xa0)
        append_hex(out, c);
      else
        out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t len = sequence_length(c);
    if (len == 0) {
      append_hex(out, c);
      ++i;
      continue;
    }
    std::size_t k = 1;
    while (k < len && i + k < n && continuation_ok(c, k, p[i + k])) ++k;
    if (k < len && i + k == n) {
      // Cut off by the end of this piece: judge it when the rest comes.
      memcpy(held_, p + i, k);
      held_len_ = k;
      return;
    }
    if (k < len) {
      append_hex(out, c);  // a broken sequence: escape its lead, go on
      ++i;
      continue;
    }
    if (c == 0xc2 && p[i + 1] < 0xa0) {
      // U+0080-U+009F: the C1 controls, CSI (U+009B) among them.
      append_hex(out, p[i]);
      append_hex(out, p[i + 1]);
    } else {
      out.append(reinterpret_cast<const char*>(p + i), len);
    }
    i += len;
  }
}

void terminal_escaper::append(std::string& out, std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  if (held_len_ > 0) {
    // Complete the held-back sequence from the front of TEXT.
    unsigned char buf[4];
    std::size_t have = held_len_;
    memcpy(buf, held_, have);
    held_len_ = 0;
    std::size_t len = sequence_length(buf[0]);
    std::size_t used = 0;
    while (have < len && used < n && continuation_ok(buf[0], have, p[used]))
      buf[have++] = p[used++];
    if (have < len && used == n) {
      memcpy(held_, buf, have);
      held_len_ = have;
      return;
    }
    if (have < len) {
      // Broken: escape the lead; its valid continuation bytes, if any,
      // are stray bytes now and get escaped as such below.
      append_hex(out, buf[0]);
      append_bytes(out, buf + 1, have - 1);
    } else {
      append_bytes(out, buf, have);
    }
    p += used;
    n -= used;
  }
  append_bytes(out, p, n);
}

void terminal_escaper::finish(std::string& out) {
  for (std::size_t i = 0; i < held_len_; ++i) append_hex(out, held_[i]);
  held_len_ = 0;
}

}  // namespace ipcutil
