#pragma once
// A module on a byte link, as the suites drive it: AT commands with parsed responses, the
// +++/a/+ok handshake, data mode, restarts, raw data, and a transcript of every byte. Every
// wait is bounded by the options or the caller's deadline. Not thread-safe: one session per
// test thread.

#include "harness/at/framer.hpp"
#include "harness/core/clock.hpp"
#include "harness/link/byte_link.hpp"
#include "harness/session/at_response.hpp"
#include "harness/session/transcript.hpp"

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace athil::session {

struct session_options {
    std::chrono::milliseconds command_timeout{3000};
    std::chrono::milliseconds guard_time{250};         // silence before "+++"
    std::chrono::milliseconds handshake_timeout{2000}; // for each of "a" and "+ok"
    std::chrono::milliseconds restart_timeout{15000};  // AT+S / AT+Z / AT+CLEAR until the banner
    std::string line_end = "\r";                       // what commands are terminated with
    std::string boot_banner;                           // text the banner line contains; empty:
                                                       // any line after the restart
};

// Restarts the session asked for, by command, counted when the module answered OK: what a slow
// module's boot time multiplies.
struct restart_tally {
    unsigned save = 0;    // AT+S
    unsigned discard = 0; // AT+Z
    unsigned factory = 0; // AT+CLEAR

    unsigned total() const noexcept { return save + discard + factory; }
};

class module_session {
public:
    explicit module_session(std::unique_ptr<link::byte_link> link, session_options options = {});

    // Sends line + line_end and collects the answer until a final result or the timeout
    // (final_kind::timeout; never throws for a timeout). Lines before the echo / first response
    // line (boot banners, unsolicited lines) go to the transcript and unsolicited(), not to
    // lines. Throws athil_error(link_closed) when the link dies.
    at_response command(std::string_view line,
                        std::optional<std::chrono::milliseconds> timeout = {});

    // Guard silence, "+++", expect "a", send "a", expect "+ok". A module already in command
    // mode counts as success, whatever it answers to "+++" (+CME ERROR:<n>, ERROR, OK, with or
    // without an echo, or only after a line end or an AT): the transcript notes the answer.
    // Throws athil_error(handshake_failed) with what was received otherwise.
    void enter_command_mode();

    at_response enter_data_mode();        // AT+ENTM; on OK the line is in data mode
    at_response save_and_restart();       // AT+S, then wait_for_restart() on OK
    at_response restart_without_saving(); // AT+Z, then wait_for_restart() on OK
    at_response factory_reset();          // AT+CLEAR, then wait_for_restart() on OK

    // Waits for the boot banner within restart_timeout (a banner that came right after the
    // last command's final result counts) and returns it; athil_error(timeout) otherwise.
    // The module is then in data mode (WKMOD NET/HTTPD/MQTT) or command mode (CMD): the caller
    // knows which and calls enter_command_mode() as needed.
    std::string wait_for_restart();

    // Data mode. The bytes go out and come back unchanged; reads consume what they return.
    void write_data(std::string_view bytes);
    std::string read_data_until_idle(std::chrono::milliseconds idle, deadline until);
    std::string read_data_count(std::size_t n, deadline until);
    // Up to and including the first `marker`; everything received when the deadline passes.
    std::string read_data_until(std::string_view marker, deadline until);

    // Lines that arrived outside any command (banners, unsolicited results), oldest first.
    std::vector<std::string> take_unsolicited();

    // Restarts so far, and the time spent in waits no answer could shorten: boots after a
    // restart and the guard silences before "+++" (add_forced_wait() adds a caller's own).
    const restart_tally& restarts() const noexcept { return restarts_; }
    std::chrono::milliseconds forced_wait() const noexcept { return forced_wait_; }
    void add_forced_wait(std::chrono::milliseconds waited) noexcept { forced_wait_ += waited; }

    transcript& log() noexcept { return log_; }
    const session_options& options() const noexcept { return options_; }
    std::string description() const { return link_->description(); }

private:
    // Returns true when it consumed the event; false hands it to the default routing.
    using collector = std::function<bool(const at::event&)>;
    struct unsolicited_line {
        std::uint64_t seq;
        std::string text;
    };

    at_response run_command(std::string_view line, std::chrono::milliseconds timeout,
                            std::optional<at::framer_mode> mode_after_ok);
    at_response restart_command(std::string_view line);
    bool pump(deadline until, at_response* answer = nullptr); // false at the deadline
    void drain();                                             // take what is already waiting
    void dispatch(const at::event& e);
    void send(std::string_view bytes, std::chrono::milliseconds limit);
    void wait_for_quiet(std::chrono::milliseconds quiet, deadline until);
    void enter_data_framing();
    std::string take_data(std::size_t n);

    std::unique_ptr<link::byte_link> link_;
    session_options options_;
    transcript log_;
    at::framer framer_;
    collector collector_;
    std::string data_; // data-mode bytes not yet read
    std::deque<unsolicited_line> unsolicited_;
    std::uint64_t next_seq_ = 0;
    std::uint64_t seq_at_last_final_ = 0;
    restart_tally restarts_;
    std::chrono::milliseconds forced_wait_{0};
};

} // namespace athil::session
