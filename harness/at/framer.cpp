#include "harness/at/framer.hpp"

#include "harness/at/line_classifier.hpp"

#include <utility>

namespace athil::at {
namespace {

constexpr std::string_view token_a = "a";
constexpr std::string_view token_ok = "+ok";

bool is_line_end(char c) noexcept {
    return c == '\r' || c == '\n';
}

} // namespace

framer::framer(std::size_t max_line)
    : max_line_(max_line == 0 ? 1 : max_line) {}

std::vector<event> framer::feed(std::string_view bytes) {
    std::vector<event> out;
    feed(bytes, [&out](const event& e) { out.push_back(e); });
    return out;
}

void framer::feed(std::string_view bytes, const handler& on_event) {
    // Each step consumes bytes up to and including the next event, so a mode change made by
    // the handler applies to the very next byte.
    while (!bytes.empty()) {
        switch (mode_) {
        case framer_mode::data:
            // "OK<CR><LF>" then data: the LF still belongs to the final result's line end.
            if (lf_may_follow_ && bytes.front() == '\n') {
                bytes.remove_prefix(1);
                lf_may_follow_ = false;
                continue;
            }
            lf_may_follow_ = false;
            emit(event{.kind = event_kind::data, .text = std::string(bytes)}, on_event);
            bytes = {};
            break;
        case framer_mode::command:
            feed_command(bytes, on_event);
            break;
        case framer_mode::handshake:
            feed_handshake(bytes, on_event);
            break;
        }
    }
}

void framer::feed_command(std::string_view& bytes, const handler& on_event) {
    while (!bytes.empty()) {
        const char c = bytes.front();
        bytes.remove_prefix(1);
        if (push_line_byte(c, on_event)) {
            return;
        }
    }
}

void framer::feed_handshake(std::string_view& bytes, const handler& on_event) {
    // The reference simulator sends "a" and "+ok" without CR LF, so a token is recognised as
    // soon as its last byte arrives; anything that cannot become a token is framed as a line
    // (a module already in command mode answers "+CME ERROR:58" or "ERROR").
    while (!bytes.empty()) {
        const char c = bytes.front();
        bytes.remove_prefix(1);
        if (is_line_end(c) || discarding_ || token_failed_) {
            if (is_line_end(c)) {
                token_failed_ = false;
            }
            if (push_line_byte(c, on_event)) {
                return;
            }
            continue;
        }
        line_.push_back(c);
        if (line_ == token_a) {
            line_.clear();
            emit(event{.kind = event_kind::handshake_a, .text = std::string(token_a)}, on_event);
            return;
        }
        if (line_ == token_ok) {
            line_.clear();
            mode_ = framer_mode::command;
            emit(event{.kind = event_kind::handshake_ok, .text = std::string(token_ok)}, on_event);
            return;
        }
        token_failed_ = !token_ok.starts_with(line_);
    }
}

bool framer::push_line_byte(char c, const handler& on_event) {
    lf_may_follow_ = c == '\r';
    if (is_line_end(c)) {
        const bool had_line = !line_.empty() && !discarding_;
        end_line(on_event);
        return had_line;
    }
    if (discarding_) {
        return false;
    }
    line_.push_back(c);
    if (line_.size() <= max_line_) {
        return false;
    }
    // Bounded memory: report the first max_line_ bytes once and drop the rest of the line.
    line_.resize(max_line_);
    discarding_ = true;
    emit(event{.kind = event_kind::overlong, .text = std::exchange(line_, {})}, on_event);
    return true;
}

void framer::end_line(const handler& on_event) {
    if (discarding_) {
        discarding_ = false;
        line_.clear();
        return;
    }
    if (line_.empty()) {
        return;
    }
    std::string line = std::exchange(line_, {});
    if (echo_armed_ && line == echo_) {
        echo_armed_ = false;
        emit(event{.kind = event_kind::echo, .text = std::move(line)}, on_event);
        return;
    }
    event e = classify_line(line);
    if (e.is_final()) {
        echo_armed_ = false;
        if (mode_ == framer_mode::handshake) {
            mode_ = framer_mode::command; // the module was in command mode all along
        }
    }
    emit(e, on_event);
}

void framer::emit(const event& e, const handler& on_event) {
    if (on_event) {
        on_event(e);
    }
}

void framer::expect_echo(std::string_view line) {
    echo_ = std::string(line);
    echo_armed_ = true;
}

void framer::clear_echo() noexcept {
    echo_armed_ = false;
}

void framer::set_mode(framer_mode mode) {
    if (mode == mode_) {
        return;
    }
    mode_ = mode;
    line_.clear();
    discarding_ = false;
    token_failed_ = false;
}

std::string framer::take_pending() {
    token_failed_ = false;
    return std::exchange(line_, {});
}

} // namespace athil::at
