#include "suites/bytes_text.hpp"

#include <algorithm>
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

std::string redact(std::string text, const std::vector<std::string>& secrets) {
    // Longest first, so a secret that contains another is replaced whole.
    std::vector<std::string> sorted(secrets);
    std::sort(sorted.begin(), sorted.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const auto& secret : sorted) {
        if (secret.empty()) {
            continue;
        }
        for (auto pos = text.find(secret); pos != std::string::npos;
             pos = text.find(secret, pos + 6)) {
            text.replace(pos, secret.size(), "******");
        }
    }
    return text;
}

} // namespace athil::suites
