#pragma once
// The text that names a module's serial line (--dut): serial:/dev/ttyUSB0@115200, a bare tty
// path, tcp:HOST:PORT (ser2net raw), rfc2217:HOST:PORT[@BAUD], or sim (the reference simulator,
// which the runner starts and then reaches as a serial path).

#include <cstdint>
#include <string>
#include <string_view>

namespace athil::link {

struct link_spec {
    enum class kind { serial, tcp, rfc2217, sim } type = kind::serial;
    std::string path;       // serial
    unsigned baud = 115200; // serial, rfc2217
    std::string host;       // tcp, rfc2217 (IPv6 literals without brackets)
    std::uint16_t port = 0;
    std::string text; // the specification as given
};

inline constexpr unsigned default_baud = 115200;

// Throws athil_error(bad_link_spec) with a sentence naming what is wrong and the accepted forms.
link_spec parse_link_spec(std::string_view text);

// The canonical form, e.g. "serial:/dev/ttyUSB0@115200" or "tcp:[::1]:4001".
std::string to_string(const link_spec& spec);

} // namespace athil::link
