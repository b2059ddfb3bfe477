#pragma once
// What the AT framer reports: one event per framed line, handshake token or run of data bytes.

#include <string>
#include <string_view>

namespace athil::at {

enum class event_kind {
    echo,            // the command line the session just sent, echoed back by the module
    info,            // "+NAME:value" (name and value parsed)
    final_ok,        // "OK"
    final_error,     // "ERROR"
    final_cme_error, // "+CME ERROR:<n>" (code parsed)
    text,            // any other line: query bodies, boot banners, unsolicited lines
    handshake_a,     // the bare token "a" after the host sent "+++"
    handshake_ok,    // the bare token "+ok" after the host answered "a"
    data,            // raw bytes in data mode
    overlong,        // a line longer than the framer's limit; text holds its first bytes
};

std::string_view to_string(event_kind kind) noexcept;

struct event {
    event_kind kind = event_kind::text;
    std::string text;  // the line without CR/LF, or the data bytes
    std::string name;  // info: NAME without the leading '+'
    std::string value; // info: everything after the colon, leading spaces removed
    int cme_code = -1; // final_cme_error: the code; -1 when it does not parse

    bool is_final() const noexcept {
        return kind == event_kind::final_ok || kind == event_kind::final_error ||
               kind == event_kind::final_cme_error;
    }
    friend bool operator==(const event&, const event&) = default;
};

} // namespace athil::at
