#pragma once
// A scripted module on a real pty pair: a thread reads what the session sends, cuts it into
// units (a command line up to CR, or the bare handshake tokens "+++" and "a") and writes the
// canned answer the test's responder gives. Every answer part is written separately, with a
// short pause between parts, so responses also reach the session split across reads.

#include "harness/link/pty_pair.hpp"
#include "harness/session/module_session.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace athil::test {

class fake_module {
public:
    struct received_unit {
        std::string text;
        steady_clock::time_point at;
    };
    using responder = std::function<std::vector<std::string>(const std::string& unit)>;

    explicit fake_module(responder respond);
    ~fake_module();
    fake_module(const fake_module&) = delete;
    fake_module& operator=(const fake_module&) = delete;

    const std::string& path() const noexcept { return pty_.slave_path(); }

    // Unsolicited bytes from the module (banners, data), written from the test thread.
    void send(std::string_view bytes);
    // The module goes away: the session's next read sees link_closed.
    void hang_up();

    std::vector<received_unit> received() const;
    std::vector<std::string> received_texts() const;

private:
    void run();
    void handle(const std::string& unit);

    link::pty_pair pty_;
    responder respond_;
    mutable std::mutex mutex_;
    std::vector<received_unit> received_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> hung_up_{false};
    std::thread thread_;
};

// A module with echo on: the echo of the line, then the answer.
std::vector<std::string> echoed(const std::string& line, std::string answer);

// Short timeouts so failing paths finish quickly; still generous for a loaded machine.
session::session_options fast_options();
session::module_session open_session(const fake_module& module,
                                     session::session_options options = fast_options());

} // namespace athil::test
