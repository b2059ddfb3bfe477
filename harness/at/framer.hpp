#pragma once
// The AT framer: bytes in, events out. Pure protocol code: no I/O, no clocks. The session feeds
// whatever chunks the link returns and tells the framer what it sent (expect_echo) and which
// mode the serial line is in; the result does not depend on how the bytes were chunked.

#include "harness/at/event.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace athil::at {

enum class framer_mode {
    command,   // CR, LF or CR LF end a line; empty lines are skipped
    data,      // every byte is payload
    handshake, // after "+++": the bare tokens "a" and "+ok", with or without CR LF
};

class framer {
public:
    static constexpr std::size_t default_max_line = std::size_t{8} * 1024;

    // Called for each event. The handler may call set_mode()/expect_echo(): the rest of the
    // chunk is then framed in the new mode (e.g. data bytes right after AT+ENTM's OK).
    using handler = std::function<void(const event&)>;

    explicit framer(std::size_t max_line = default_max_line);

    void feed(std::string_view bytes, const handler& on_event);
    std::vector<event> feed(std::string_view bytes);

    // The next line equal to `line` is reported as an echo; cleared by a final result.
    void expect_echo(std::string_view line);
    void clear_echo() noexcept;

    // Switching mode drops a partial line; take_pending() first to keep it.
    void set_mode(framer_mode mode);
    framer_mode mode() const noexcept { return mode_; }

    // Bytes of an unfinished line (e.g. a prompt without CR LF) and forget them.
    std::string take_pending();
    std::string_view pending() const noexcept { return line_; }

private:
    void feed_command(std::string_view& bytes, const handler& on_event);
    void feed_handshake(std::string_view& bytes, const handler& on_event);
    bool push_line_byte(char c, const handler& on_event); // true when it emitted an event
    void end_line(const handler& on_event);
    void emit(const event& e, const handler& on_event);

    std::size_t max_line_;
    framer_mode mode_ = framer_mode::command;
    std::string line_;        // the unfinished line
    bool discarding_ = false; // inside an overlong line, until its end
    bool token_failed_ = false;
    bool lf_may_follow_ = false; // the last line ended with CR: a LF may complete it // handshake:
                                 // the line is not a token, frame it as a line
    std::string echo_;
    bool echo_armed_ = false;
};

} // namespace athil::at
