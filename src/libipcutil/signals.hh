// Signal names and numbers, real-time signals included.
#pragma once
#include <string>
#include <string_view>

namespace ipcutil {

// Accepts a number (1 to SIGRTMAX), a name with or without the SIG prefix in
// any letter case ("INT", "SIGINT", "int", "Usr1"), and real-time names
// "RTMIN", "RTMIN+N", "RTMAX", "RTMAX-N" within range.  Returns 0 when TEXT
// names no signal.
int parse_signal(std::string_view text);

// "INT", "USR1", "RTMIN+2" (real-time signals are named from RTMIN up to the
// middle of the range and from RTMAX down above it, as util-linux kill -l
// does); the decimal number for a signal with no name.
std::string signal_name(int signo);

// The highest signal number (SIGRTMAX).
int signal_max();

}  // namespace ipcutil
