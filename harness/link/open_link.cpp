#include "harness/link/open_link.hpp"

#include "harness/core/error.hpp"
#include "harness/link/locked_link.hpp"
#include "harness/link/port_lock.hpp"
#include "harness/link/reopening_link.hpp"

namespace athil::link {
namespace {

// A serial server's port is one module's line, whichever protocol reaches it: tcp: and
// rfc2217: on one host:port share a lock.
port_lock lock_network_port(const link_spec& spec) {
    return port_lock::acquire("net:" + spec.host + ":" + std::to_string(spec.port),
                              to_string(spec));
}

} // namespace

std::unique_ptr<byte_link> open_link(const link_spec& spec, deadline until) {
    switch (spec.type) {
    case link_spec::kind::serial:
        if (is_stable_name(spec.path)) {
            // A by-id name survives re-enumeration: follow the module through its restarts.
            return std::make_unique<reopening_link>(
                spec.path, [spec] { return open_serial_link(spec.path, spec.baud); });
        }
        return open_serial_link(spec.path, spec.baud);
    case link_spec::kind::tcp: {
        auto lock = lock_network_port(spec);
        return std::make_unique<locked_link>(open_tcp_link(spec.host, spec.port, until),
                                             std::move(lock));
    }
    case link_spec::kind::rfc2217: {
        auto lock = lock_network_port(spec);
        return std::make_unique<locked_link>(
            open_rfc2217_link(spec.host, spec.port, spec.baud, until), std::move(lock));
    }
    case link_spec::kind::sim:
        break;
    }
    throw athil_error(errc::bad_link_spec,
                      "'sim' names the reference simulator, not a link: start the simulator "
                      "and open the serial path it reports");
}

} // namespace athil::link
