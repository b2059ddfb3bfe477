#pragma once
// Connecting a TCP socket within a deadline, shared by the raw TCP and RFC 2217 links.

#include "harness/core/clock.hpp"
#include "harness/link/asio_stream.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <cstdint>
#include <string>

namespace athil::link::detail {

// Throws athil_error(link_open_failed, "cannot connect to <description>: <reason>").
void connect_tcp(asio_stream<boost::asio::ip::tcp::socket>& io, const std::string& host,
                 std::uint16_t port, deadline until);

} // namespace athil::link::detail
