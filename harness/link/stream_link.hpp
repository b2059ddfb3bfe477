#pragma once
// A byte_link that is nothing but an Asio stream: a serial port or a raw serial-over-TCP socket.

#include "harness/link/asio_stream.hpp"
#include "harness/link/byte_link.hpp"

namespace athil::link::detail {

template <class Stream>
class stream_link final : public byte_link {
public:
    explicit stream_link(std::string description)
        : io_(std::move(description)) {}

    void write(std::string_view bytes, deadline until) override { io_.write_all(bytes, until); }
    std::string read_some(deadline until) override { return io_.read_some(until); }
    std::string description() const override { return io_.description(); }

    asio_stream<Stream>& io() noexcept { return io_; }

private:
    asio_stream<Stream> io_;
};

} // namespace athil::link::detail
