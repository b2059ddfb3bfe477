#include "harness/link/open_link.hpp"

#include "harness/core/error.hpp"
#include "harness/link/reopening_link.hpp"

namespace athil::link {

std::unique_ptr<byte_link> open_link(const link_spec& spec, deadline until) {
    switch (spec.type) {
    case link_spec::kind::serial:
        if (is_stable_name(spec.path)) {
            // A by-id name survives re-enumeration: follow the module through its restarts.
            return std::make_unique<reopening_link>(
                spec.path, [spec] { return open_serial_link(spec.path, spec.baud); });
        }
        return open_serial_link(spec.path, spec.baud);
    case link_spec::kind::tcp:
        return open_tcp_link(spec.host, spec.port, until);
    case link_spec::kind::rfc2217:
        return open_rfc2217_link(spec.host, spec.port, spec.baud, until);
    case link_spec::kind::sim:
        break;
    }
    throw athil_error(errc::bad_link_spec,
                      "'sim' names the reference simulator, not a link: start the simulator "
                      "and open the serial path it reports");
}

} // namespace athil::link
