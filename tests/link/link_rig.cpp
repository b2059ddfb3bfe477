#include "link_rig.hpp"

#include "harness/link/fd_io.hpp"
#include "harness/link/open_link.hpp"
#include "harness/link/pty_pair.hpp"
#include "harness/link/rfc2217_client.hpp"
#include "harness/link/telnet.hpp"
#include "tcp_listener.hpp"

#include <gtest/gtest.h>

#include <exception>
#include <stdexcept>
#include <thread>

namespace athil::test {
namespace {

using namespace std::chrono_literals;

class pty_peer final : public link_peer {
public:
    std::string read_some(deadline until) override { return pty_.read_some(until); }
    void write(std::string_view bytes) override { pty_.write(bytes, deadline_in(5s)); }
    void close() override { pty_.close_master(); }
    const std::string& path() const { return pty_.slave_path(); }

private:
    link::pty_pair pty_;
};

class socket_peer : public link_peer {
public:
    explicit socket_peer(unique_fd fd)
        : fd_(std::move(fd)) {}
    std::string read_some(deadline until) override { return read_raw(until); }
    void write(std::string_view bytes) override { write_raw(bytes); }
    void close() override { fd_.reset(); }

    std::string read_raw(deadline until) { return link::fd_read_some(fd_.get(), until); }
    void write_raw(std::string_view bytes) {
        link::fd_write_all(fd_.get(), bytes, deadline_in(5s));
    }

private:
    unique_fd fd_;
};

// After the negotiation the client only sends data, IAC-escaped.
class telnet_peer final : public socket_peer {
public:
    using socket_peer::socket_peer;
    std::string read_some(deadline until) override {
        std::string data;
        while (data.empty()) {
            const auto raw = read_raw(until);
            if (raw.empty()) {
                return {};
            }
            std::vector<link::telnet::command> commands;
            parser_.feed(raw, data, commands);
            if (!commands.empty()) {
                throw std::runtime_error("telnet peer: unexpected command after negotiation");
            }
        }
        return data;
    }
    void write(std::string_view bytes) override { write_raw(link::telnet::escape(bytes)); }

private:
    link::telnet::parser parser_;
};

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (const int v : values) {
        out.push_back(static_cast<char>(v));
    }
    return out;
}

// The server side of the RFC 2217 set-up: checks what the client sends, accepts the options,
// asks for one it does not know (the client must refuse it) and confirms the port settings.
void serve_rfc2217_negotiation(socket_peer& peer) {
    using namespace link::telnet;
    struct raw_side {
        socket_peer& peer;
        std::string read_some(deadline until) { return peer.read_raw(until); }
        void write(std::string_view bytes) { peer.write_raw(bytes); }
    } server{peer};
    const auto offers = read_bytes(server, link::rfc2217_client::offers().size());
    EXPECT_EQ(offers, link::rfc2217_client::offers());
    server.write(negotiation(verb_do, opt_com_port) + negotiation(verb_do, opt_binary) +
                 negotiation(will, opt_binary) + negotiation(verb_do, opt_suppress_go_ahead) +
                 negotiation(will, opt_suppress_go_ahead) + negotiation(verb_do, 24));
    const std::string refusal = negotiation(wont, 24);
    const std::string settings = link::rfc2217_client::port_settings(115200);
    const auto received = read_bytes(server, refusal.size() + settings.size());
    std::string data;
    std::vector<command> got;
    parser().feed(received, data, got);
    EXPECT_TRUE(data.empty());
    const std::vector<command> expected{
        {.verb = wont, .option = 24},
        {.verb = sb, .option = opt_com_port, .payload = bytes({1, 0, 1, 0xC2, 0})},
        {.verb = sb, .option = opt_com_port, .payload = bytes({2, 8})},
        {.verb = sb, .option = opt_com_port, .payload = bytes({3, 1})},
        {.verb = sb, .option = opt_com_port, .payload = bytes({4, 1})},
        {.verb = sb, .option = opt_com_port, .payload = bytes({5, 1})}};
    EXPECT_EQ(got, expected);
    server.write(subnegotiation(opt_com_port, bytes({101, 0, 1, 0xC2, 0})) +
                 subnegotiation(opt_com_port, bytes({102, 8})));
}

} // namespace

std::string to_string(rig_kind kind) {
    switch (kind) {
    case rig_kind::serial:
        return "Serial";
    case rig_kind::tcp:
        return "Tcp";
    case rig_kind::rfc2217:
        return "Rfc2217";
    }
    return "Unknown";
}

link_rig make_rig(rig_kind kind) {
    link_rig rig;
    if (kind == rig_kind::serial) {
        auto peer = std::make_unique<pty_peer>();
        rig.link =
            link::open_link(link::parse_link_spec("serial:" + peer->path()), deadline_in(5s));
        rig.expected_description_prefix = "serial:" + peer->path() + "@115200";
        rig.peer = std::move(peer);
        return rig;
    }
    tcp_listener listener;
    const std::string where = "127.0.0.1:" + std::to_string(listener.port());
    if (kind == rig_kind::tcp) {
        rig.link = link::open_link(link::parse_link_spec("tcp:" + where), deadline_in(5s));
        rig.peer = std::make_unique<socket_peer>(listener.accept());
        rig.expected_description_prefix = "tcp:" + where;
        return rig;
    }
    // The client's open() waits for the server's answer, so the server side runs in a thread
    // for the negotiation and is handed to the test afterwards.
    std::unique_ptr<telnet_peer> peer;
    std::exception_ptr failure;
    std::thread server([&] {
        try {
            peer = std::make_unique<telnet_peer>(listener.accept());
            serve_rfc2217_negotiation(*peer);
        } catch (...) {
            failure = std::current_exception();
        }
    });
    try {
        rig.link = link::open_link(link::parse_link_spec("rfc2217:" + where), deadline_in(5s));
    } catch (...) {
        server.join();
        throw;
    }
    server.join();
    if (failure) {
        std::rethrow_exception(failure);
    }
    rig.peer = std::move(peer);
    rig.expected_description_prefix = "rfc2217:" + where + "@115200";
    return rig;
}

} // namespace athil::test
