#pragma once
// Bytes as text for failure messages: control bytes spelled out (<CR><LF>, \x00) so a reader
// sees exactly what went over the wire, and secrets replaced by ****** before printing.

#include <string>
#include <string_view>
#include <vector>

namespace athil::suites {

std::string escape_bytes(std::string_view bytes);

// Every occurrence of every non-empty secret replaced by "******".
std::string redact(std::string text, const std::vector<std::string>& secrets);

} // namespace athil::suites
