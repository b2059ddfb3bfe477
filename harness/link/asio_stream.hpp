#pragma once
// Deadline-bound reads and writes on one Asio stream (serial port or TCP socket). Each link owns
// its own io_context and runs it only inside a call, so a link needs no thread and a wait can
// never outlive its deadline: on timeout the operation is cancelled and its handler drained.

#include "harness/core/clock.hpp"
#include "harness/core/error.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace athil::link::detail {

// Runs `io` until `done` is set or `until` passes; on timeout calls `cancel` and drains the
// cancelled handler (cancellation completes at once, so the drain is bounded).
inline void run_bounded(boost::asio::io_context& io, deadline until, const bool& done,
                        const std::function<void()>& cancel) {
    io.restart();
    io.run_until(until);
    if (!done) {
        cancel();
        io.restart();
        io.run();
    }
}

template <class Stream>
class asio_stream {
public:
    explicit asio_stream(std::string description)
        : stream_(io_)
        , description_(std::move(description)) {}

    boost::asio::io_context& io() noexcept { return io_; }
    Stream& stream() noexcept { return stream_; }
    const std::string& description() const noexcept { return description_; }

    void write_all(std::string_view bytes, deadline until) {
        bool done = false;
        boost::system::error_code result;
        std::size_t written = 0;
        boost::asio::async_write(stream_, boost::asio::buffer(bytes.data(), bytes.size()),
                                 [&](const boost::system::error_code& ec, std::size_t n) {
                                     done = true;
                                     result = ec;
                                     written = n;
                                 });
        run_bounded(io_, until, done, [this] { cancel(); });
        if (written == bytes.size()) {
            return;
        }
        if (result == boost::asio::error::operation_aborted) {
            throw athil_error(errc::timeout, description_ + ": write timed out after " +
                                                 std::to_string(written) + " of " +
                                                 std::to_string(bytes.size()) + " bytes");
        }
        throw athil_error(errc::link_closed, description_ + ": write failed: " + result.message());
    }

    std::string read_some(deadline until) {
        bool done = false;
        boost::system::error_code result;
        std::size_t got = 0;
        stream_.async_read_some(boost::asio::buffer(buffer_),
                                [&](const boost::system::error_code& ec, std::size_t n) {
                                    done = true;
                                    result = ec;
                                    got = n;
                                });
        run_bounded(io_, until, done, [this] { cancel(); });
        // Bytes that raced with the cancellation are still delivered.
        if (got > 0) {
            return std::string(buffer_.data(), got);
        }
        if (!result || result == boost::asio::error::operation_aborted) {
            return {};
        }
        // EOF on a socket, EIO on a tty whose other side went away: the peer is gone.
        throw athil_error(errc::link_closed, description_ + ": " + result.message());
    }

private:
    void cancel() {
        boost::system::error_code ignored;
        stream_.cancel(ignored);
    }

    boost::asio::io_context io_;
    Stream stream_;
    std::string description_;
    std::array<char, 4096> buffer_{};
};

} // namespace athil::link::detail
