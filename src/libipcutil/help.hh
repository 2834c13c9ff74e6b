// The pieces of --help that every program words the same way, written
// once so they read, translate and line up the same everywhere.
//
// Option lines: "  -x, --long=ARG" and the description starting in
// help_column (counting from 0), continuation lines two columns further
// in.  An option too long for that gets its description on the next line.
#pragma once

namespace ipcutil {

inline constexpr int help_column = 25;

// "\nMandatory arguments to long options are mandatory for short options
// too.\n", before the first option.
void emit_mandatory_arguments_help();

// The values described by emit_values_help, or'ed together.
enum help_values : unsigned {
  help_key_id_mode = 1,  // KEY, ID (for --proj), MODE
  help_size = 2,         // SIZE
  help_duration = 4,     // DURATION
};

// One paragraph, after the options, on how to write the VALUES given:
// KEY, ID and MODE, then SIZE, then DURATION.
void emit_values_help(unsigned values);

}  // namespace ipcutil
