#include "suites/bytes_text.hpp"

#include <cstdio>

namespace athil::suites {

std::string escape_bytes(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + 16);
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\r') {
            out += "<CR>";
        } else if (c == '\n') {
            out += "<LF>";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c < 0x20 || c >= 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(c));
            out += buf;
        } else {
            out += ch;
        }
    }
    return out;
}

} // namespace athil::suites
