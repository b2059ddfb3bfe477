#include "harness/core/redactor.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace athil {
namespace {

// Text after these markers, to the end of the line, is secret. "AT+MQTTPSW=?" (the test form)
// has nothing to hide and stays readable.
constexpr std::array<std::string_view, 5> value_markers = {
    "AT+MQTTPSW=", "AT+ALIDEVSEC=", "AT+SSLCRT=2,", "+MQTTPSW:", "+ALIDEVSEC:"};
// The markers whose values are learned: a private key (AT+SSLCRT=2,) is hidden by its PEM
// frame wherever it goes.
constexpr std::array<std::string_view, 4> learned_markers = {
    "AT+MQTTPSW=", "AT+ALIDEVSEC=", "+MQTTPSW:", "+ALIDEVSEC:"};
// A longer value is no stored secret (the module keeps at most 128 bytes): an over-long line
// is hidden after its marker, but not searched for in every later text.
constexpr std::size_t max_learned_size = 1024;

char upper(char c) noexcept {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

// Commands are case-insensitive on many modules, so the markers are matched ignoring case.
std::size_t find_ignoring_case(std::string_view haystack, std::string_view needle) {
    const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                                [](char a, char b) { return upper(a) == upper(b); });
    return it == haystack.end() ? std::string_view::npos
                                : static_cast<std::size_t>(it - haystack.begin());
}

void replace_all(std::string& text, std::string_view what) {
    for (auto at = text.find(what); at != std::string::npos;
         at = text.find(what, at + redacted_mark.size())) {
        text.replace(at, what.size(), redacted_mark);
    }
}

// A PEM private key is secret wherever it appears, whatever command carries it: a test that
// sends a key where a certificate belongs (AT+SSLCRT=0,<key>) must not print it either.
// Redacted from "-----BEGIN" to the end of its "-----END ...PRIVATE KEY-----" line, or to the
// end of the line when the key is cut short.
void redact_private_keys(std::string& line) {
    constexpr std::string_view begin = "-----BEGIN ";
    constexpr std::string_view key_label = "PRIVATE KEY-----";
    constexpr std::string_view end = "-----END ";
    for (auto at = line.find(begin); at != std::string::npos;
         at = line.find(begin, at + redacted_mark.size())) {
        const auto label = line.find(key_label, at + begin.size());
        const auto next_begin = line.find(begin, at + begin.size());
        if (label == std::string::npos || label > next_begin) {
            continue; // a certificate or public key: not secret, stays readable
        }
        auto stop = line.find(end, label + key_label.size());
        if (stop != std::string::npos) {
            const auto end_label = line.find(key_label, stop + end.size());
            stop =
                end_label == std::string::npos ? std::string::npos : end_label + key_label.size();
        }
        line.replace(at, stop == std::string::npos ? std::string::npos : stop - at, redacted_mark);
    }
}

// The lines of `text` without their CR / LF.
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find_first_of("\r\n");
        if (end != 0) {
            lines.push_back(text.substr(0, end));
        }
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return lines;
}

// "abc" -> abc; anything else as it is.
std::string_view without_quotes(std::string_view value) {
    return value.size() >= 2 && value.front() == '"' && value.back() == '"'
               ? value.substr(1, value.size() - 2)
               : value;
}

} // namespace

void redactor::register_secret(std::string secret) {
    const std::scoped_lock lock(mutex_);
    add_secret_locked(std::move(secret));
}

void redactor::add_secret_locked(std::string secret) {
    if (secret.empty() || std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) {
        return;
    }
    secrets_.push_back(std::move(secret));
    std::stable_sort(secrets_.begin(), secrets_.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

void redactor::declare_public(std::string value) {
    const std::scoped_lock lock(mutex_);
    public_.push_back(std::move(value));
}

void redactor::learn(std::string_view text) {
    const std::scoped_lock lock(mutex_);
    for (const auto& line : lines_of(text)) {
        for (const auto marker : learned_markers) {
            const auto at = find_ignoring_case(line, marker);
            if (at == std::string_view::npos) {
                continue;
            }
            const auto value = line.substr(at + marker.size());
            const auto inner = without_quotes(value);
            if (std::find(public_.begin(), public_.end(), inner) != public_.end()) {
                continue;
            }
            for (const auto v : {value, inner}) {
                if (v.size() >= min_learned_size && v.size() <= max_learned_size) {
                    add_secret_locked(std::string(v));
                }
            }
        }
    }
}

std::string redactor::redact(std::string_view text) const {
    const std::scoped_lock lock(mutex_);
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        const auto end = text.find_first_of("\r\n");
        const auto line = text.substr(0, end);
        out += redact_line(line);
        if (end == std::string_view::npos) {
            break;
        }
        out.push_back(text[end]);
        text.remove_prefix(end + 1);
    }
    return out;
}

std::string redactor::redact_line(std::string_view line) const {
    std::string out(line);
    for (const auto marker : value_markers) {
        const auto at = find_ignoring_case(out, marker);
        if (at == std::string::npos) {
            continue;
        }
        const auto value = at + marker.size();
        const std::string_view rest = std::string_view(out).substr(value);
        if (!rest.empty() && rest != "?") {
            out.replace(value, std::string::npos, redacted_mark);
        }
    }
    redact_private_keys(out);
    for (const auto& secret : secrets_) {
        replace_all(out, secret);
    }
    return out;
}

redactor& run_redactor() {
    // Never destroyed: threads still printing while the process exits must find it alive.
    static auto* const the_redactor = new redactor;
    return *the_redactor;
}

} // namespace athil
