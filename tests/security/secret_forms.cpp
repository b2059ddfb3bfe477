#include "tests/security/secret_forms.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace athil::faults {
namespace {

constexpr std::size_t min_secret = 6;
constexpr std::size_t shared_key_prefix = 32; // ASN.1 header bytes of the first body line

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::string base64(const std::string& in) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const auto n = (static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16) |
                       (static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8) |
                       static_cast<unsigned>(static_cast<unsigned char>(in[i + 2]));
        out += table[(n >> 18) & 63];
        out += table[(n >> 12) & 63];
        out += table[(n >> 6) & 63];
        out += table[n & 63];
    }
    // Only whole groups: the tail's padding depends on what follows the secret.
    return out;
}

std::string url_escaped(const std::string& in) {
    std::string out;
    for (const char c : in) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
            out += c;
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", u);
            out += hex;
        }
    }
    return out;
}

// The value after "AT+<NAME>=" on a received line, unescaped; empty when not such a line.
std::string set_value(const std::string& line, const std::string& name) {
    const auto key = "rx AT+" + name + "=";
    const auto at = line.find(key);
    if (at == std::string::npos) {
        return {};
    }
    auto value = line.substr(at + key.size());
    value = replace_all(value, "\\x0D", "");
    value = replace_all(value, "\\x0A", "");
    return value;
}

} // namespace

std::vector<secret> secrets_in_wire_log(const std::string& log) {
    std::vector<secret> out;
    std::istringstream in(log);
    std::string line;
    while (std::getline(in, line)) {
        for (const auto& [name, what] :
             {std::pair<std::string, std::string>{"MQTTPSW", "2.11 password"},
              {"ALIDEVSEC", "2.15 device secret"}}) {
            const auto v = set_value(line, name);
            if (v.size() >= min_secret && v != "usr.cn") {
                out.push_back({what, v});
            }
        }
        const auto pem = set_value(line, "SSLCRT");
        if (pem.find("PRIVATE KEY-----") != std::string::npos) {
            // AT+SSLCRT content carries its line ends as the text "[0D][0A]".
            for (auto& s : secrets_of_pem(replace_all(pem, "[0D][0A]", "\n"), "2.19 private key")) {
                out.push_back(std::move(s));
            }
        }
    }
    return out;
}

std::vector<secret> secrets_of_pem(const std::string& pem, const std::string& what) {
    std::vector<secret> out;
    std::istringstream in(pem);
    std::string line;
    bool first = true;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line.find("-----BEGIN") != std::string::npos &&
            line.find("PRIVATE KEY") != std::string::npos) {
            inside = true;
            first = true;
            continue;
        }
        if (line.find("-----END") != std::string::npos) {
            inside = false;
            continue;
        }
        if (!inside) {
            continue;
        }
        auto material =
            first && line.size() > shared_key_prefix ? line.substr(shared_key_prefix) : line;
        first = false;
        if (material.size() >= min_secret * 2) {
            out.push_back({what, material});
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> forms_of(const std::string& value) {
    std::vector<std::pair<std::string, std::string>> out{
        {"as is", value},
        {"JSON-escaped", replace_all(replace_all(value, "\\", "\\\\"), "/", "\\/")},
        {"XML-escaped",
         replace_all(
             replace_all(replace_all(replace_all(value, "&", "&amp;"), "<", "&lt;"), ">", "&gt;"),
             "\"", "&quot;")},
        {"URL-escaped", url_escaped(value)},
        {"base64", base64(value)}};
    std::vector<std::pair<std::string, std::string>> unique;
    for (auto& f : out) {
        const bool seen = std::any_of(unique.begin(), unique.end(),
                                      [&](const auto& u) { return u.second == f.second; });
        if (!seen && f.second.size() >= min_secret) {
            unique.push_back(std::move(f));
        }
    }
    return unique;
}

} // namespace athil::faults
