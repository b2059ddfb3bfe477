#pragma once
// This process's own command line, as the kernel keeps it (/proc/self/cmdline), and the shell
// form of an argument list: what a report records and a repro line prints, so it can be pasted
// into a shell and run as it is.

#include <string>
#include <vector>

namespace athil::core {

// argv of this process, argv[0] included.
std::vector<std::string> own_arguments();

// "athil run --filter 'S2_3_*'": each argument quoted for sh where it needs it.
std::string shell_quoted(const std::vector<std::string>& args);

// The reverse of shell_quoted: words split at blanks, single- or double-quoted text kept
// together, a backslash taking the next character as it is. No expansion of any kind. Throws
// athil_error(bad_input) on an unclosed quote.
std::vector<std::string> shell_split(const std::string& text);

} // namespace athil::core
