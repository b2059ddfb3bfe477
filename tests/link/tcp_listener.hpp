#pragma once
// A listening TCP socket on 127.0.0.1 with an OS-allocated port, for tests that play the
// serial server. The kernel completes the client's connect from the backlog, so a test can
// connect and then accept() in the same thread.

#include "harness/link/fd_io.hpp"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>
#include <utility>

namespace athil::test {

// Closes the descriptor it owns.
class unique_fd {
public:
    unique_fd() = default;
    explicit unique_fd(int fd)
        : fd_(fd) {}
    unique_fd(unique_fd&& other) noexcept
        : fd_(std::exchange(other.fd_, -1)) {}
    unique_fd& operator=(unique_fd&& other) noexcept {
        reset(std::exchange(other.fd_, -1));
        return *this;
    }
    ~unique_fd() { reset(); }
    int get() const noexcept { return fd_; }
    void reset(int fd = -1) noexcept {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = fd;
    }

private:
    int fd_ = -1;
};

class tcp_listener {
public:
    tcp_listener()
        : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (fd_.get() < 0 || ::bind(fd_.get(), reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
            ::listen(fd_.get(), 4) != 0 ||
            ::getsockname(fd_.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            throw std::runtime_error("tcp_listener: cannot listen on 127.0.0.1");
        }
        port_ = ntohs(addr.sin_port);
    }

    std::uint16_t port() const noexcept { return port_; }

    // The next client, non-blocking; throws when none comes within 5 s.
    unique_fd accept() {
        pollfd p{.fd = fd_.get(), .events = POLLIN, .revents = 0};
        if (::poll(&p, 1, 5000) != 1) {
            throw std::runtime_error("tcp_listener: no client within 5 s");
        }
        unique_fd client(::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
        if (client.get() < 0) {
            throw std::runtime_error("tcp_listener: accept failed");
        }
        return client;
    }

    void close() noexcept { fd_.reset(); }

private:
    unique_fd fd_;
    std::uint16_t port_ = 0;
};

} // namespace athil::test
