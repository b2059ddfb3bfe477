#include "harness/core/error.hpp"
#include "harness/link/link_spec.hpp"
#include "harness/link/locked_link.hpp"
#include "harness/link/open_link.hpp"
#include "harness/link/port_holder.hpp"
#include "harness/link/port_lock.hpp"
#include "harness/link/stream_link.hpp"

#include <boost/asio/serial_port.hpp>

#include <filesystem>

namespace athil::link {
namespace {

using serial_port = boost::asio::serial_port;

bool is_pseudo_terminal(const std::string& path) {
    std::error_code ec;
    const auto real = std::filesystem::canonical(path, ec);
    return !ec && real.string().starts_with("/dev/pts/");
}

template <class Option>
void set_option(serial_port& port, const Option& option, const std::string& what,
                const std::string& path) {
    boost::system::error_code ec;
    port.set_option(option, ec);
    if (ec) {
        throw athil_error(errc::link_open_failed,
                          "cannot set " + what + " on serial port " + path + ": " + ec.message());
    }
}

} // namespace

std::unique_ptr<byte_link> open_serial_link(const std::string& path, unsigned baud) {
    link_spec spec{.type = link_spec::kind::serial, .path = path, .baud = baud};
    auto link = std::make_unique<detail::stream_link<serial_port>>(to_string(spec));
    auto& port = link->io().stream();
    boost::system::error_code ec;
    // Asio opens the tty non-blocking, without becoming its controlling terminal, in raw mode.
    port.open(path, ec);
    if (ec == boost::system::errc::device_or_resource_busy) {
        // Another program set TIOCEXCL on it (a terminal program, a run of an older athil).
        throw_busy("serial port " + path, processes_holding(path));
    }
    if (ec) {
        throw athil_error(errc::link_open_failed,
                          "cannot open serial port " + path + ": " + ec.message());
    }
    std::error_code real_ec;
    const auto real = std::filesystem::canonical(path, real_ec);
    // Keyed by the device node, so /dev/ttyUSB0 and its by-id name are one port; the record
    // names this run for the error of whoever comes next. Then the device itself, against
    // programs that know nothing of our lock files.
    auto lock =
        port_lock::acquire("serial:" + (real_ec ? path : real.string()), "serial port " + path);
    const int fd = port.native_handle();
    make_exclusive(fd, path);
    // A pseudo-terminal (the simulator) has no line speed; a refusal there is harmless.
    port.set_option(serial_port::baud_rate(baud), ec);
    if (ec && !is_pseudo_terminal(path)) {
        throw athil_error(errc::link_open_failed, "cannot set " + std::to_string(baud) +
                                                      " baud on serial port " + path + ": " +
                                                      ec.message());
    }
    set_option(port, serial_port::character_size(8), "8 data bits", path);
    set_option(port, serial_port::parity(serial_port::parity::none), "no parity", path);
    set_option(port, serial_port::stop_bits(serial_port::stop_bits::one), "1 stop bit", path);
    set_option(port, serial_port::flow_control(serial_port::flow_control::none), "no flow control",
               path);
    return std::make_unique<locked_link>(std::move(link), std::move(lock),
                                         [fd] { release_exclusive(fd); });
}

} // namespace athil::link
