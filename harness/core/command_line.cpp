#include "harness/core/command_line.hpp"

#include "harness/core/error.hpp"

#include <fstream>
#include <iterator>

namespace athil::core {

std::vector<std::string> own_arguments() {
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    const std::string all{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::vector<std::string> args;
    for (std::size_t start = 0; start < all.size();) {
        const auto end = all.find('\0', start);
        args.push_back(all.substr(start, end == std::string::npos ? end : end - start));
        start = end == std::string::npos ? all.size() : end + 1;
    }
    return args;
}

std::string shell_quoted(const std::vector<std::string>& args) {
    // Characters sh takes literally; anything else puts the argument in single quotes.
    constexpr std::string_view plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789@%+=:,./_-";
    std::string out;
    for (const auto& a : args) {
        if (!out.empty()) {
            out += ' ';
        }
        if (!a.empty() && a.find_first_not_of(plain) == std::string::npos) {
            out += a;
            continue;
        }
        out += '\'';
        for (const char c : a) {
            out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        }
        out += '\'';
    }
    return out;
}

std::vector<std::string> shell_split(const std::string& text) {
    std::vector<std::string> out;
    std::string word;
    bool in_word = false;
    char quote = 0; // the quote we are inside, 0 outside
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            } else {
                word += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < text.size()) {
            word += text[++i];
            in_word = true;
        } else if (c == ' ' || c == '\t') {
            if (in_word) {
                out.push_back(word);
            }
            word.clear();
            in_word = false;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (quote != 0) {
        throw athil_error(errc::bad_input, "unclosed quote in: " + text);
    }
    if (in_word) {
        out.push_back(word);
    }
    return out;
}

} // namespace athil::core
