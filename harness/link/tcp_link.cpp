#include "harness/core/error.hpp"
#include "harness/link/link_spec.hpp"
#include "harness/link/open_link.hpp"
#include "harness/link/stream_link.hpp"
#include "harness/link/tcp_connect.hpp"

#include <boost/asio/connect.hpp>

namespace athil::link {

namespace detail {

void connect_tcp(asio_stream<boost::asio::ip::tcp::socket>& io, const std::string& host,
                 std::uint16_t port, deadline until) {
    using boost::asio::ip::tcp;
    const auto fail = [&](const std::string& why) {
        throw athil_error(errc::link_open_failed,
                          "cannot connect to " + io.description() + ": " + why);
    };
    tcp::resolver resolver(io.io());
    bool done = false;
    boost::system::error_code result;
    tcp::resolver::results_type endpoints;
    resolver.async_resolve(host, std::to_string(port),
                           [&](const boost::system::error_code& ec, tcp::resolver::results_type r) {
                               done = true;
                               result = ec;
                               endpoints = std::move(r);
                           });
    run_bounded(io.io(), until, done, [&resolver] { resolver.cancel(); });
    if (!done || result) {
        fail(result && result != boost::asio::error::operation_aborted
                 ? result.message()
                 : "name resolution timed out");
    }
    done = false;
    boost::asio::async_connect(io.stream(), endpoints,
                               [&](const boost::system::error_code& ec, const tcp::endpoint&) {
                                   done = true;
                                   result = ec;
                               });
    run_bounded(io.io(), until, done, [&io] {
        boost::system::error_code ignored;
        io.stream().close(ignored);
    });
    if (result == boost::asio::error::operation_aborted || !done) {
        fail("connection timed out");
    }
    if (result) {
        fail(result.message());
    }
    // An AT exchange is many tiny writes: do not let Nagle hold them back.
    io.stream().set_option(tcp::no_delay(true), result);
}

} // namespace detail

std::unique_ptr<byte_link> open_tcp_link(const std::string& host, std::uint16_t port,
                                         deadline until) {
    link_spec spec{.type = link_spec::kind::tcp, .host = host, .port = port};
    auto link =
        std::make_unique<detail::stream_link<boost::asio::ip::tcp::socket>>(to_string(spec));
    detail::connect_tcp(link->io(), host, port, until);
    return link;
}

} // namespace athil::link
