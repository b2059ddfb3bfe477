// AT framer: the events must not depend on how the bytes were chunked (whole input vs one byte
// at a time), no line event may exceed the line limit, and the unfinished line stays bounded.
// The first input byte picks the set-up a session could use: start mode, an armed echo, a small
// line limit, and whether a final result switches the framer to data mode (as after AT+ENTM).
#include "harness/at/framer.hpp"
#include "tests/fuzz/fuzz_targets.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace athil::fuzz {
namespace {

using at::event;
using at::event_kind;
using at::framer;
using at::framer_mode;

struct setup {
    framer_mode mode = framer_mode::command;
    bool echo = false;
    bool data_after_final = false;
    std::size_t max_line = framer::default_max_line;
};

setup read_setup(std::uint8_t b) {
    setup s;
    switch (b & 3U) {
    case 1:
        s.mode = framer_mode::data;
        break;
    case 2:
        s.mode = framer_mode::handshake;
        break;
    default:
        break;
    }
    s.echo = (b & 4U) != 0;
    s.data_after_final = (b & 8U) != 0;
    s.max_line = (b & 16U) != 0 ? 16 : framer::default_max_line;
    return s;
}

// Data events are cut where the chunks are cut: join neighbours before comparing.
void append(std::vector<event>& out, const event& e) {
    if (e.kind == event_kind::data && !out.empty() && out.back().kind == event_kind::data) {
        out.back().text += e.text;
        return;
    }
    out.push_back(e);
}

std::vector<event> run(const setup& s, std::string_view input, std::size_t chunk) {
    framer f(s.max_line);
    f.set_mode(s.mode);
    if (s.echo) {
        f.expect_echo("AT+MQTTCFG?");
    }
    std::vector<event> events;
    const auto on_event = [&](const event& e) {
        if (e.kind != event_kind::data && e.kind != event_kind::overlong) {
            check(e.text.size() <= s.max_line, "a framed line longer than the limit");
        }
        if (e.kind == event_kind::info) {
            check(!e.name.empty(), "an info event without a name");
        }
        append(events, e);
        if (s.data_after_final && e.is_final()) {
            f.set_mode(framer_mode::data);
        }
    };
    while (!input.empty()) {
        const auto n = std::min(chunk, input.size());
        f.feed(input.substr(0, n), on_event);
        input.remove_prefix(n);
        check(f.pending().size() <= s.max_line + 2, "the unfinished line outgrew the limit");
    }
    return events;
}

} // namespace

int at_framer(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const setup s = read_setup(data[0]);
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto whole = run(s, input, input.size() + 1);
    check(run(s, input, 1) == whole, "events depend on chunking (1-byte chunks)");
    check(run(s, input, 7) == whole, "events depend on chunking (7-byte chunks)");
    return 0;
}

} // namespace athil::fuzz
