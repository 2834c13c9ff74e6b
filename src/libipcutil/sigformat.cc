#include <config.h>

#include "libipcutil/sigformat.hh"

namespace ipcutil {

format_result compile_format(std::string_view format,
                             std::string_view directives) {
  format_result r;
  auto add_text = [&r](char c) {
    if (r.pieces.empty() || r.pieces.back().directive != 0)
      r.pieces.push_back({0, {}});
    r.pieces.back().text += c;
  };
  for (std::size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c != '%' && c != '\\') {
      add_text(c);
      continue;
    }
    // A lone '%' or '\' at the end is refused as itself.
    std::size_t n = i + 1 < format.size() ? 2 : 1;
    char next = n == 2 ? format[i + 1] : '\0';
    if (c == '%' && n == 2 && next == '%')
      add_text('%');
    else if (c == '%' && n == 2 && next != '\0' &&
             directives.find(next) != std::string_view::npos)
      r.pieces.push_back({next, {}});
    else if (c == '\\' && n == 2 && next == 'n')
      add_text('\n');
    else if (c == '\\' && n == 2 && next == 't')
      add_text('\t');
    else if (c == '\\' && n == 2 && next == '\\')
      add_text('\\');
    else {
      r.fault = c == '%' ? format_fault::directive : format_fault::escape;
      r.bad = format.substr(i, n);
      r.pieces.clear();
      return r;
    }
    ++i;
  }
  return r;
}

}  // namespace ipcutil
