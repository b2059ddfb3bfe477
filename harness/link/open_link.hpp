#pragma once
// Opens the link a spec names. "sim" is not a link: the runner starts the simulator and opens
// the serial path it reports.

#include "harness/core/clock.hpp"
#include "harness/link/byte_link.hpp"
#include "harness/link/link_spec.hpp"

#include <memory>

namespace athil::link {

// Throws athil_error(link_open_failed) with the OS reason, athil_error(link_busy) when another
// run or program holds the port (see port_lock.hpp), athil_error(bad_link_spec) for sim.
// A serial path that is a symlink (/dev/serial/by-id/...) opens as a reopening_link, which
// follows the module through a USB re-enumeration.
std::unique_ptr<byte_link> open_link(const link_spec& spec, deadline until);

std::unique_ptr<byte_link> open_serial_link(const std::string& path, unsigned baud);
std::unique_ptr<byte_link> open_tcp_link(const std::string& host, std::uint16_t port,
                                         deadline until);
std::unique_ptr<byte_link> open_rfc2217_link(const std::string& host, std::uint16_t port,
                                             unsigned baud, deadline until);

} // namespace athil::link
