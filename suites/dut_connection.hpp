#pragma once
// Reaching the module named by --dut: a serial port, a serial server over TCP / RFC 2217, or
// the reference simulator started for the run and opened through its pty exactly like a port.

#include "harness/core/clock.hpp"
#include "harness/link/byte_link.hpp"

#include <memory>
#include <string>
#include <vector>

namespace athil::suites {

struct dut_connection {
    std::shared_ptr<void> simulator; // keeps a started simulator alive; empty for real ports
    std::unique_ptr<link::byte_link> link;
    std::string description;
};

// Throws athil_error: bad_link_spec, link_open_failed, process_failed.
dut_connection connect_dut(const std::string& dut, const std::vector<std::string>& sim_args,
                           deadline until);

} // namespace athil::suites
