// Signal names and numbers, real-time signals included.
#pragma once
#include <string>
#include <string_view>

namespace ipcutil {

// Accepts a decimal number (1 to SIGRTMAX, no sign), a name with or
// without the SIG prefix in any letter case ("INT", "SIGINT", "int",
// "Usr1"), the aliases IOT, POLL and CLD, and real-time names "RTMIN",
// "RTMIN+N", "RTMAX", "RTMAX-N" with N from 0 to SIGRTMAX - SIGRTMIN.
// Returns 0 when TEXT names no signal ("0", "65", "RTMIN+99", "+2", "").
int parse_signal(std::string_view text);

// "INT", "USR1", "RTMIN+2", without the SIG prefix, from our own table so
// the output never depends on the C library.  Real-time signals are named
// from RTMIN up to RTMIN + (SIGRTMAX - SIGRTMIN) / 2 and from RTMAX down
// above it, as util-linux kill -L and bash kill -l do (34..49 RTMIN..RTMIN+15,
// 50..64 RTMAX-14..RTMAX with glibc); the decimal number for a signal with
// no name (32, 33, 0, 65).
std::string signal_name(int signo);

// The highest signal number (SIGRTMAX).
int signal_max();

}  // namespace ipcutil
