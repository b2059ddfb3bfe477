#pragma once
// Bytes as text for failure messages: control bytes spelled out (<CR><LF>, \x00) so a reader
// sees exactly what went over the wire.

#include <string>
#include <string_view>

namespace athil::suites {

std::string escape_bytes(std::string_view bytes);

} // namespace athil::suites
