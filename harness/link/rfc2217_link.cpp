#include "harness/core/error.hpp"
#include "harness/link/link_spec.hpp"
#include "harness/link/open_link.hpp"
#include "harness/link/rfc2217_client.hpp"
#include "harness/link/tcp_connect.hpp"

#include <algorithm>
#include <chrono>

namespace athil::link {
namespace {

using socket_stream = detail::asio_stream<boost::asio::ip::tcp::socket>;

// Answers to the server's negotiations are a few bytes on an open socket; they get a short
// deadline of their own so a read that ends at its deadline can still send them.
constexpr auto reply_grace = std::chrono::milliseconds(500);

class rfc2217_link final : public byte_link {
public:
    explicit rfc2217_link(const link_spec& spec)
        : io_(to_string(spec)) {}

    void open(const std::string& host, std::uint16_t port, unsigned baud, deadline until) {
        detail::connect_tcp(io_, host, port, until);
        io_.write_all(rfc2217_client::offers(), until);
        while (client_.state() == rfc2217_client::com_port_state::offered) {
            if (!receive(until)) {
                throw athil_error(errc::link_open_failed,
                                  "cannot open " + io_.description() +
                                      ": no answer to the RFC 2217 COM-PORT-OPTION offer");
            }
        }
        if (client_.state() == rfc2217_client::com_port_state::refused) {
            throw athil_error(errc::link_open_failed,
                              "cannot open " + io_.description() +
                                  ": the server refused COM-PORT-OPTION (not an RFC 2217 port?)");
        }
        io_.write_all(rfc2217_client::port_settings(baud), until);
    }

    void write(std::string_view bytes, deadline until) override {
        io_.write_all(rfc2217_client::encode(bytes), until);
    }

    std::string read_some(deadline until) override {
        // A segment may hold only telnet commands: keep reading until data or the deadline.
        while (pending_.empty()) {
            if (!receive(until)) {
                return {};
            }
        }
        return std::exchange(pending_, {});
    }

    std::string description() const override { return io_.description(); }

private:
    // One socket read; false at the deadline.
    bool receive(deadline until) {
        const std::string raw = io_.read_some(until);
        if (raw.empty()) {
            return false;
        }
        std::string replies;
        client_.receive(raw, pending_, replies);
        if (!replies.empty()) {
            io_.write_all(replies, std::max(until, deadline_in(reply_grace)));
        }
        return true;
    }

    socket_stream io_;
    rfc2217_client client_;
    std::string pending_;
};

} // namespace

std::unique_ptr<byte_link> open_rfc2217_link(const std::string& host, std::uint16_t port,
                                             unsigned baud, deadline until) {
    const link_spec spec{
        .type = link_spec::kind::rfc2217, .baud = baud, .host = host, .port = port};
    auto link = std::make_unique<rfc2217_link>(spec);
    link->open(host, port, baud, until);
    return link;
}

} // namespace athil::link
