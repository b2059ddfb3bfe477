#pragma once
// Reaching the module named by --dut: a serial port, a serial server over TCP / RFC 2217, or
// the reference simulator started for the run and opened through its pty exactly like a port.

#include "harness/core/clock.hpp"
#include "harness/link/byte_link.hpp"
#include "harness/session/transcript.hpp"

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace athil::dut {

struct dut_options {
    std::vector<std::string> sim_args; // after `athil sim --link pty`
    std::filesystem::path sim_log;     // the simulator's stderr; empty: the harness's stderr
    // -v: every line both ways, secrets redacted, as it passes ("> AT+VER", "< OK").
    std::ostream* live = nullptr;
};

struct dut_connection {
    std::shared_ptr<void> simulator; // keeps a started simulator alive; empty for real ports
    std::unique_ptr<link::byte_link> link;
    std::string description;
};

// Throws athil_error: bad_link_spec, link_open_failed, process_failed.
dut_connection connect_dut(const std::string& dut, const dut_options& options, deadline until);

// Wraps `inner` so every byte it carries is also written to `out` line by line, redacted and
// with control bytes escaped.
std::unique_ptr<link::byte_link> with_live_transcript(std::unique_ptr<link::byte_link> inner,
                                                      std::ostream& out);

// The model a module named in its last boot banner ("WH-GM5"), as the session noted it; empty
// when no restart was seen.
std::string banner_model(const session::transcript& log);

} // namespace athil::dut
