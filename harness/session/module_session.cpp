#include "harness/session/module_session.hpp"

#include "harness/core/error.hpp"

#include <algorithm>
#include <utility>

namespace athil::session {
namespace {

using std::chrono::milliseconds;

constexpr std::size_t max_unsolicited = 256;

// Installs a collector for the length of one exchange, also when the exchange throws.
class collector_scope {
public:
    collector_scope(std::function<bool(const at::event&)>& slot,
                    std::function<bool(const at::event&)> c)
        : slot_(slot) {
        slot_ = std::move(c);
    }
    ~collector_scope() { slot_ = nullptr; }
    collector_scope(const collector_scope&) = delete;
    collector_scope& operator=(const collector_scope&) = delete;

private:
    std::function<bool(const at::event&)>& slot_;
};

std::string ms_text(milliseconds ms) {
    return std::to_string(ms.count()) + " ms";
}

} // namespace

module_session::module_session(std::unique_ptr<link::byte_link> link, session_options options)
    : link_(std::move(link))
    , options_(std::move(options)) {
    if (!link_) {
        throw athil_error(errc::bad_input, "module_session needs an open link");
    }
    log_.note("session on " + link_->description());
}

// ---- plumbing ---------------------------------------------------------------------------

bool module_session::pump(deadline until, at_response* answer) {
    std::string chunk;
    try {
        chunk = link_->read_some(until);
    } catch (const athil_error& e) {
        log_.note(std::string("link error: ") + e.what());
        throw;
    }
    if (chunk.empty()) {
        return false;
    }
    log_.record_rx(chunk);
    if (answer != nullptr) {
        answer->append_raw(chunk);
    }
    framer_.feed(chunk, [this](const at::event& e) { dispatch(e); });
    return true;
}

void module_session::drain() {
    // Bytes already waiting (a late answer to a command that timed out, a banner) belong to
    // nothing we are about to send. Bounded: a line that never stops talking is cut off.
    for (int i = 0; i < 64 && pump(steady_clock::now()); ++i) {
    }
}

void module_session::dispatch(const at::event& e) {
    if (collector_ && collector_(e)) {
        return;
    }
    if (e.kind == at::event_kind::data) {
        data_ += e.text;
        return;
    }
    unsolicited_.push_back(unsolicited_line{next_seq_++, e.text});
    if (unsolicited_.size() > max_unsolicited) {
        unsolicited_.pop_front();
    }
}

void module_session::send(std::string_view bytes, milliseconds limit) {
    log_.record_tx(bytes);
    try {
        link_->write(bytes, deadline_in(limit));
    } catch (const athil_error& e) {
        log_.note(std::string("link error: ") + e.what());
        throw;
    }
}

std::vector<std::string> module_session::take_unsolicited() {
    std::vector<std::string> out;
    out.reserve(unsolicited_.size());
    for (auto& line : unsolicited_) {
        out.push_back(std::move(line.text));
    }
    unsolicited_.clear();
    return out;
}

// ---- commands ---------------------------------------------------------------------------

at_response module_session::command(std::string_view line, std::optional<milliseconds> timeout) {
    return run_command(line, timeout.value_or(options_.command_timeout), std::nullopt);
}

at_response module_session::run_command(std::string_view line, milliseconds timeout,
                                        std::optional<at::framer_mode> mode_after_ok) {
    framer_.set_mode(at::framer_mode::command);
    drain();

    at_response r;
    r.command = std::string(line);
    bool started = false; // an echo or a response line has been seen
    bool done = false;
    const collector_scope scope(collector_, [&](const at::event& e) {
        if (done) {
            return false;
        }
        switch (e.kind) {
        case at::event_kind::echo:
            r.echoed = true;
            started = true;
            return true;
        case at::event_kind::info:
            started = true;
            r.lines.push_back(e.text);
            return true;
        case at::event_kind::text:
        case at::event_kind::overlong:
            if (!started) {
                return false; // a banner or unsolicited line before the answer
            }
            if (e.kind == at::event_kind::overlong) {
                // The framer hands over the first max_line bytes; the caller must know the
                // line is not whole, or a cut answer reads as a complete one.
                r.overlong_limit = e.text.size();
            }
            r.lines.push_back(e.text);
            return true;
        case at::event_kind::final_ok:
        case at::event_kind::final_error:
        case at::event_kind::final_cme_error:
            r.final = e.kind == at::event_kind::final_ok      ? final_kind::ok
                      : e.kind == at::event_kind::final_error ? final_kind::error
                                                              : final_kind::cme_error;
            r.cme_code = e.cme_code;
            done = true;
            seq_at_last_final_ = next_seq_;
            if (r.ok() && mode_after_ok) {
                framer_.set_mode(*mode_after_ok); // the rest of this chunk is already data
            }
            return true;
        default:
            return false;
        }
    });

    framer_.expect_echo(line);
    const auto start = steady_clock::now();
    const deadline until = start + timeout;
    send(std::string(line) + options_.line_end, timeout);
    while (!done && pump(until, &r)) {
    }
    r.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - start);
    if (!done) {
        framer_.clear_echo();
        log_.note("timeout: no final result for " + r.command + " within " + ms_text(timeout));
    }
    log_.flush();
    return r;
}

at_response module_session::enter_data_mode() {
    auto r = run_command("AT+ENTM", options_.command_timeout, at::framer_mode::data);
    if (r.ok()) {
        log_.note("data mode");
    }
    return r;
}

// ---- command-mode handshake ---------------------------------------------------------------

void module_session::wait_for_quiet(milliseconds quiet, deadline until) {
    auto quiet_from = steady_clock::now() + quiet;
    while (steady_clock::now() < quiet_from) {
        if (pump(std::min(quiet_from, until))) {
            quiet_from = steady_clock::now() + quiet;
        } else if (steady_clock::now() >= until && steady_clock::now() < quiet_from) {
            throw athil_error(errc::handshake_failed, "the line was never silent for " +
                                                          ms_text(quiet) + " before +++ (" +
                                                          description() + ")");
        }
    }
}

void module_session::enter_command_mode() {
    // Whatever the module sends before "+++" is payload: keep it for read_data_*.
    framer_.set_mode(at::framer_mode::data);
    const auto quiet_start = steady_clock::now();
    wait_for_quiet(options_.guard_time,
                   deadline_in(options_.guard_time + options_.handshake_timeout));
    forced_wait_ += std::chrono::duration_cast<milliseconds>(steady_clock::now() - quiet_start);

    bool got_a = false;
    bool got_ok = false;
    std::string answer;   // the final result that says the module was in command mode already
    at_response received; // its raw bytes, bounded like an answer, for the message
    const collector_scope scope(collector_, [&](const at::event& e) {
        switch (e.kind) {
        case at::event_kind::handshake_a:
            got_a = true;
            return true;
        case at::event_kind::handshake_ok:
            got_ok = true;
            return true;
        case at::event_kind::final_ok:
        case at::event_kind::final_error:
        case at::event_kind::final_cme_error:
            // Before "a": "+++" was taken as a command line, whatever the firmware answers to
            // it (+CME ERROR:58 by the manual; OK, ERROR or another code elsewhere). Judging
            // that answer is the job of the case named for its clause.
            if (!got_a) {
                answer = e.text;
            } else if (e.kind == at::event_kind::final_ok) {
                got_ok = true; // "OK" for "+ok": a firmware variant, recorded in the transcript
            }
            return true;
        default:
            return false; // an echo of "+++", a banner: recorded, not judged here
        }
    });
    const auto fail = [&](const std::string& what) {
        log_.flush();
        throw athil_error(errc::handshake_failed,
                          what + "; received: \"" + log_.printable(received.raw) + "\"");
    };
    const auto wait_for_answer = [&] {
        const auto until = deadline_in(options_.handshake_timeout);
        while (!got_a && answer.empty() && pump(until, &received)) {
        }
    };

    framer_.set_mode(at::framer_mode::handshake);
    send("+++", options_.handshake_timeout);
    std::string asked = "+++";
    wait_for_answer();
    // Silence: a module in command mode may wait for the line end of "+++" before it answers,
    // or ignore it altogether; its answer to the line end, or to a plain AT, tells.
    for (const std::string_view probe : {std::string_view(), std::string_view("AT")}) {
        if (got_a || !answer.empty()) {
            break;
        }
        framer_.set_mode(at::framer_mode::handshake);
        asked = probe.empty() ? std::string("the line end of +++") : std::string(probe);
        log_.note("no answer to +++: sending " + asked);
        send(std::string(probe) + options_.line_end, options_.handshake_timeout);
        wait_for_answer();
    }
    if (!answer.empty()) {
        log_.note("already in command mode: " + asked + " answered \"" + answer + "\"");
        framer_.set_mode(at::framer_mode::command);
        log_.flush();
        return;
    }
    if (!got_a) {
        fail("no 'a' within " + ms_text(options_.handshake_timeout) + " after +++");
    }
    send("a", options_.handshake_timeout);
    const auto until = deadline_in(options_.handshake_timeout);
    while (!got_ok && pump(until, &received)) {
    }
    if (!got_ok) {
        fail("no '+ok' within " + ms_text(options_.handshake_timeout) + " after a");
    }
    framer_.set_mode(at::framer_mode::command);
    log_.note("command mode");
    log_.flush();
}

// ---- restarts ----------------------------------------------------------------------------

at_response module_session::save_and_restart() {
    return restart_command("AT+S");
}
at_response module_session::restart_without_saving() {
    return restart_command("AT+Z");
}
at_response module_session::factory_reset() {
    return restart_command("AT+CLEAR");
}

at_response module_session::restart_command(std::string_view line) {
    auto r = run_command(line, options_.command_timeout, std::nullopt);
    if (r.ok()) {
        auto& count = line == "AT+S"   ? restarts_.save
                      : line == "AT+Z" ? restarts_.discard
                                       : restarts_.factory;
        ++count;
        log_.note("restart after " + r.command);
        const auto boot_start = steady_clock::now();
        wait_for_restart();
        forced_wait_ += std::chrono::duration_cast<milliseconds>(steady_clock::now() - boot_start);
    }
    return r;
}

std::string module_session::wait_for_restart() {
    // Boot lines are framed as lines, whatever mode the module comes up in.
    framer_.set_mode(at::framer_mode::command);
    const auto is_banner = [&](const unsolicited_line& l) {
        return l.seq >= seq_at_last_final_ && !l.text.empty() &&
               (options_.boot_banner.empty() ||
                l.text.find(options_.boot_banner) != std::string::npos);
    };
    const deadline until = deadline_in(options_.restart_timeout);
    for (;;) {
        const auto it = std::find_if(unsolicited_.begin(), unsolicited_.end(), is_banner);
        if (it != unsolicited_.end()) {
            std::string banner = it->text;
            unsolicited_.erase(unsolicited_.begin(), std::next(it));
            log_.note("booted: " + banner);
            log_.flush();
            return banner;
        }
        if (!pump(until)) {
            log_.note("no boot banner within " + ms_text(options_.restart_timeout));
            log_.flush();
            throw athil_error(errc::timeout, "no boot banner within " +
                                                 ms_text(options_.restart_timeout) +
                                                 " after the restart (" + description() + ")");
        }
    }
}

// ---- data mode ---------------------------------------------------------------------------

void module_session::enter_data_framing() {
    if (framer_.mode() != at::framer_mode::data) {
        framer_.set_mode(at::framer_mode::data);
    }
}

std::string module_session::take_data(std::size_t n) {
    n = std::min(n, data_.size());
    std::string out = data_.substr(0, n);
    data_.erase(0, n);
    log_.flush();
    return out;
}

void module_session::write_data(std::string_view bytes) {
    enter_data_framing();
    send(bytes, options_.command_timeout);
}

std::string module_session::read_data_until_idle(milliseconds idle, deadline until) {
    enter_data_framing();
    auto quiet_from = steady_clock::now() + idle;
    while (steady_clock::now() < quiet_from && pump(std::min(quiet_from, until))) {
        quiet_from = steady_clock::now() + idle;
    }
    return take_data(data_.size());
}

std::string module_session::read_data_count(std::size_t n, deadline until) {
    enter_data_framing();
    while (data_.size() < n && pump(until)) {
    }
    return take_data(n);
}

std::string module_session::read_data_until(std::string_view marker, deadline until) {
    enter_data_framing();
    std::size_t searched = 0;
    for (;;) {
        const auto at = data_.find(marker, searched);
        if (at != std::string::npos) {
            return take_data(at + marker.size());
        }
        // The marker may straddle two reads: search again from where it could start.
        searched = data_.size() >= marker.size() ? data_.size() - marker.size() + 1 : 0;
        if (!pump(until)) {
            return take_data(data_.size());
        }
    }
}

} // namespace athil::session
