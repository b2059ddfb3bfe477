#include "harness/link/link_spec.hpp"

#include "harness/core/error.hpp"

#include <charconv>
#include <limits>

namespace athil::link {
namespace {

constexpr std::string_view accepted_forms =
    "expected serial:PATH[@BAUD], a tty path such as /dev/ttyUSB0, tcp:HOST:PORT, "
    "rfc2217:HOST:PORT[@BAUD] or sim";

[[noreturn]] void fail(std::string_view text, std::string_view why) {
    throw athil_error(errc::bad_link_spec, "bad link specification '" + std::string(text) +
                                               "': " + std::string(why) + "; " +
                                               std::string(accepted_forms));
}

template <class Int>
bool parse_number(std::string_view s, Int& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size();
}

unsigned parse_baud(std::string_view text, std::string_view baud) {
    unsigned value = 0;
    if (!parse_number(baud, value) || value == 0) {
        fail(text, "baud rate '" + std::string(baud) + "' is not a positive number");
    }
    return value;
}

// Splits off "@BAUD" when present.
std::string_view take_baud(std::string_view text, std::string_view body, unsigned& baud) {
    const auto at = body.rfind('@');
    if (at == std::string_view::npos) {
        return body;
    }
    baud = parse_baud(text, body.substr(at + 1));
    return body.substr(0, at);
}

void parse_host_port(std::string_view text, std::string_view body, link_spec& spec) {
    const auto colon = body.rfind(':');
    if (colon == std::string_view::npos) {
        fail(text, "missing ':PORT'");
    }
    std::string_view host = body.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (host.empty()) {
        fail(text, "missing host");
    }
    unsigned port = 0;
    if (!parse_number(body.substr(colon + 1), port) || port == 0 ||
        port > std::numeric_limits<std::uint16_t>::max()) {
        fail(text, "port '" + std::string(body.substr(colon + 1)) + "' is not in 1-65535");
    }
    spec.host = std::string(host);
    spec.port = static_cast<std::uint16_t>(port);
}

std::string host_text(const std::string& host) {
    return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

} // namespace

link_spec parse_link_spec(std::string_view text) {
    link_spec spec;
    spec.text = std::string(text);
    if (text == "sim") {
        spec.type = link_spec::kind::sim;
        return spec;
    }
    if (text.starts_with("/")) {
        spec.type = link_spec::kind::serial;
        spec.path = std::string(take_baud(text, text, spec.baud));
        return spec;
    }
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        fail(text, "no link kind");
    }
    const auto scheme = text.substr(0, colon);
    const auto body = text.substr(colon + 1);
    if (scheme == "serial") {
        spec.type = link_spec::kind::serial;
        spec.path = std::string(take_baud(text, body, spec.baud));
        if (spec.path.empty()) {
            fail(text, "missing serial port path");
        }
    } else if (scheme == "tcp") {
        spec.type = link_spec::kind::tcp;
        parse_host_port(text, body, spec);
    } else if (scheme == "rfc2217") {
        spec.type = link_spec::kind::rfc2217;
        parse_host_port(text, take_baud(text, body, spec.baud), spec);
    } else {
        fail(text, "unknown link kind '" + std::string(scheme) + "'");
    }
    return spec;
}

std::string to_string(const link_spec& spec) {
    switch (spec.type) {
    case link_spec::kind::serial:
        return "serial:" + spec.path + "@" + std::to_string(spec.baud);
    case link_spec::kind::tcp:
        return "tcp:" + host_text(spec.host) + ":" + std::to_string(spec.port);
    case link_spec::kind::rfc2217:
        return "rfc2217:" + host_text(spec.host) + ":" + std::to_string(spec.port) + "@" +
               std::to_string(spec.baud);
    case link_spec::kind::sim:
        return "sim";
    }
    return spec.text;
}

} // namespace athil::link
