#include "scripted_broker.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

namespace athil::sim::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct scripted_broker::impl : std::enable_shared_from_this<impl> {
    asio::io_context io;
    tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    std::shared_ptr<tcp::socket> socket; // current connection (io thread only)
    std::array<char, 4096> buffer{};
    mqtt::stream_decoder decoder;

    mutable std::mutex mutex;
    mutable std::condition_variable changed;
    broker_script script;
    std::vector<recorded_packet> packets;
    std::size_t connections = 0;
    std::thread thread;

    void accept() {
        acceptor.async_accept(
            [self = shared_from_this()](boost::system::error_code ec, tcp::socket s) {
                if (ec) {
                    return;
                }
                if (self->socket) {
                    boost::system::error_code ignored;
                    self->socket->close(ignored);
                }
                self->socket = std::make_shared<tcp::socket>(std::move(s));
                self->decoder = mqtt::stream_decoder();
                {
                    std::lock_guard lock(self->mutex);
                    ++self->connections;
                }
                self->read(self->socket);
                self->accept();
            });
    }

    void read(const std::shared_ptr<tcp::socket>& s) {
        s->async_read_some(asio::buffer(buffer), [self = shared_from_this(),
                                                  s](boost::system::error_code ec, std::size_t n) {
            if (ec || s != self->socket) {
                return;
            }
            self->decoder.feed(std::string_view(self->buffer.data(), n));
            while (auto p = self->decoder.next()) {
                self->on_packet(*p);
            }
            self->read(s);
        });
    }

    void write(const mqtt::packet& p) {
        if (socket) {
            boost::system::error_code ignored;
            asio::write(*socket, asio::buffer(mqtt::encode(p)), ignored);
        }
    }

    void on_packet(const mqtt::packet& p) {
        broker_script now;
        {
            std::lock_guard lock(mutex);
            packets.push_back({connections, p});
            now = script;
            changed.notify_all();
        }
        if (std::holds_alternative<mqtt::connect_packet>(p)) {
            if (now.send_connack) {
                write(mqtt::connack_packet{false, now.connack_code});
            }
        } else if (std::holds_alternative<mqtt::pingreq_packet>(p) && now.answer_pings) {
            write(mqtt::pingresp_packet{});
        } else if (const auto* pub = std::get_if<mqtt::publish_packet>(&p);
                   pub && now.ack_publishes) {
            if (pub->qos == 1) {
                write(mqtt::puback_packet{pub->packet_id});
            } else if (pub->qos == 2) {
                write(mqtt::pubrec_packet{pub->packet_id});
            }
        } else if (const auto* rel = std::get_if<mqtt::pubrel_packet>(&p);
                   rel && now.ack_publishes) {
            write(mqtt::pubcomp_packet{rel->packet_id});
        } else if (const auto* sub = std::get_if<mqtt::subscribe_packet>(&p);
                   sub && now.ack_subscribes) {
            std::vector<std::uint8_t> codes;
            for (const auto& s : sub->subscriptions) {
                codes.push_back(s.qos);
            }
            write(mqtt::suback_packet{sub->packet_id, codes});
        } else if (const auto* unsub = std::get_if<mqtt::unsubscribe_packet>(&p)) {
            write(mqtt::unsuback_packet{unsub->packet_id});
        }
    }

    template <typename F>
    void on_io(F f) {
        std::promise<void> done;
        auto future = done.get_future();
        asio::post(io, [&] {
            f();
            done.set_value();
        });
        future.wait_for(std::chrono::seconds(10));
    }
};

scripted_broker::scripted_broker()
    : impl_(std::make_shared<impl>()) {
    impl_->accept();
    impl_->thread = std::thread([i = impl_.get()] { i->io.run(); });
}

scripted_broker::~scripted_broker() {
    impl_->on_io([i = impl_.get()] {
        boost::system::error_code ignored;
        i->acceptor.close(ignored);
        if (i->socket) {
            i->socket->close(ignored);
        }
        i->socket.reset();
    });
    impl_->io.stop();
    impl_->thread.join();
}

std::uint16_t scripted_broker::port() const {
    return impl_->acceptor.local_endpoint().port();
}

void scripted_broker::set_script(const broker_script& script) {
    std::lock_guard lock(impl_->mutex);
    impl_->script = script;
}

std::vector<recorded_packet> scripted_broker::packets() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->packets;
}

std::size_t scripted_broker::connections() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->connections;
}

std::optional<recorded_packet>
scripted_broker::wait_for(const std::function<bool(const recorded_packet&)>& match,
                          std::chrono::milliseconds limit) const {
    std::unique_lock lock(impl_->mutex);
    std::optional<recorded_packet> found;
    impl_->changed.wait_for(lock, limit, [&] {
        for (const auto& r : impl_->packets) {
            if (match(r)) {
                found = r;
                return true;
            }
        }
        return false;
    });
    return found;
}

void scripted_broker::send(const mqtt::packet& p) {
    impl_->on_io([&] { impl_->write(p); });
}

void scripted_broker::drop() {
    impl_->on_io([i = impl_.get()] {
        if (i->socket) {
            boost::system::error_code ignored;
            i->socket->close(ignored);
            i->socket.reset();
        }
    });
}

} // namespace athil::sim::test
