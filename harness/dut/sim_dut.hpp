#pragma once
// The reference simulator as a device under test: `athil sim --link pty [args]` runs as a
// child process (own process group, killed with its owner), and the harness reaches it by the
// serial path it announces — through the same link code that opens /dev/ttyUSB0.

#include "harness/core/clock.hpp"
#include "harness/link/byte_link.hpp"
#include "harness/link/link_spec.hpp"
#include "harness/process/child_process.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace athil::dut {

struct sim_dut_options {
    // The athil executable; empty: this very program (/proc/self/exe), as `athil run` does.
    std::filesystem::path executable;
    std::vector<std::string> args; // after `sim --link pty`, e.g. {"--quirk", "no-echo"}
    std::chrono::milliseconds start_timeout{10000}; // until the `PTY <path>` line
    std::filesystem::path stderr_path;              // empty: inherit the harness's stderr
};

class sim_dut {
public:
    // Spawns the simulator and waits for its `PTY <path>` line. Throws
    // athil_error(process_failed) when it does not start or says something else.
    static sim_dut start(const sim_dut_options& options);

    const std::string& serial_path() const noexcept { return path_; }
    link::link_spec spec() const; // serial:<path>
    // Opens (another) link to the simulator's serial port.
    std::unique_ptr<link::byte_link> open(deadline until) const;

    bool running() { return child_.running(); }
    // SIGTERM (orderly MQTT stop, exit 0) with a grace period, then SIGKILL; returns the exit
    // code. Also done by the destructor.
    std::optional<int> stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));
    pid_t pid() const { return child_.pid(); }

private:
    sim_dut(process::child child, std::string path)
        : child_(std::move(child))
        , path_(std::move(path)) {}

    process::child child_;
    std::string path_;
};

} // namespace athil::dut
