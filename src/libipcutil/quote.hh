// Quoting arguments in diagnostics: 'like this', with control characters
// escaped so a hostile name cannot forge a second line.
#pragma once
#include <string_view>

namespace ipcutil {

// Returns ARG quoted; the result stays valid for the next 7 calls, so one
// diagnostic can quote several arguments.
const char* quote(std::string_view arg);

}  // namespace ipcutil
