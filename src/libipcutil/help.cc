#include <config.h>

#include "libipcutil/help.hh"

#include <stdio.h>

#include "libipcutil/i18n.hh"

namespace ipcutil {

void emit_mandatory_arguments_help() {
  fputs(_("\nMandatory arguments to long options are mandatory for short "
          "options too.\n"),
        stdout);
}

void emit_values_help(unsigned values) {
  if (values == 0) return;
  fputs("\n", stdout);
  if (values & help_key_id_mode)
    fputs(_("KEY is decimal, 0x hexadecimal or 0 octal; ID for --proj is a "
            "number\n"
            "from 1 to 255 or one character (\"A\" is 65).  MODE is octal.\n"),
          stdout);
  if (values & help_size)
    fputs(_("SIZE is a number of bytes, optionally followed by K (1024), KB "
            "(1000),\n"
            "M, MB, G...\n"),
          stdout);
  if (values & help_duration)
    fputs(_("DURATION is a number of seconds with an optional fraction, or a "
            "number\n"
            "followed by ns, us, ms, s, m, h or d.\n"),
          stdout);
}

}  // namespace ipcutil
