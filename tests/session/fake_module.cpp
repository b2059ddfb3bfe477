#include "fake_module.hpp"

#include "harness/core/error.hpp"
#include "harness/link/open_link.hpp"

namespace athil::test {

using namespace std::chrono_literals;

fake_module::fake_module(responder respond)
    : respond_(std::move(respond))
    , thread_([this] { run(); }) {}

fake_module::~fake_module() {
    stop_ = true;
    thread_.join();
}

void fake_module::send(std::string_view bytes) {
    pty_.write(bytes, deadline_in(5s));
}

void fake_module::hang_up() {
    hung_up_ = true; // the reader thread sees it within one poll period and closes the master
}

std::vector<fake_module::received_unit> fake_module::received() const {
    const std::lock_guard lock(mutex_);
    return received_;
}

std::vector<std::string> fake_module::received_texts() const {
    std::vector<std::string> out;
    for (const auto& unit : received()) {
        out.push_back(unit.text);
    }
    return out;
}

void fake_module::run() {
    std::string input;
    bool after_plus = false; // "+++" came: the next bare "a" is the handshake answer
    try {
        while (!stop_) {
            if (hung_up_) {
                pty_.close_master();
                return;
            }
            input += pty_.read_some(deadline_in(20ms));
            for (;;) {
                std::string unit;
                if (input.starts_with("+++")) {
                    unit = "+++";
                    input.erase(0, 3);
                    after_plus = true;
                } else if (after_plus && input.starts_with("a")) {
                    unit = "a";
                    input.erase(0, 1);
                    after_plus = false;
                } else if (const auto cr = input.find('\r'); cr != std::string::npos) {
                    unit = input.substr(0, cr);
                    input.erase(0, cr + 1);
                } else {
                    break;
                }
                handle(unit);
            }
        }
    } catch (const athil_error&) {
        // The session closed the slave side: nothing more to answer.
    }
}

void fake_module::handle(const std::string& unit) {
    {
        const std::lock_guard lock(mutex_);
        received_.push_back(received_unit{unit, steady_clock::now()});
    }
    bool first = true;
    for (const auto& part : respond_(unit)) {
        if (!first) {
            std::this_thread::sleep_for(30ms);
        }
        first = false;
        pty_.write(part, deadline_in(5s));
    }
}

std::vector<std::string> echoed(const std::string& line, std::string answer) {
    return {line + "\r\n", std::move(answer)};
}

session::session_options fast_options() {
    session::session_options o;
    o.command_timeout = 2000ms;
    o.guard_time = 100ms;
    o.handshake_timeout = 1000ms;
    o.restart_timeout = 1000ms;
    return o;
}

session::module_session open_session(const fake_module& module, session::session_options options) {
    return session::module_session(link::open_serial_link(module.path(), 115200),
                                   std::move(options));
}

} // namespace athil::test
