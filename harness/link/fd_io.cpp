#include "harness/link/fd_io.hpp"

#include "harness/core/error.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace athil::link {
namespace {

std::string os_error(const char* what) {
    return std::string(what) + ": " + std::strerror(errno);
}

// Waits until fd is ready for `events` or the deadline passes; false at the deadline. A hang-up
// counts as ready: the read or write that follows reports it.
bool wait_ready(int fd, short events, deadline until) {
    for (;;) {
        const auto left =
            std::chrono::ceil<std::chrono::milliseconds>(until - steady_clock::now()).count();
        pollfd p{.fd = fd, .events = events, .revents = 0};
        const int rc = ::poll(&p, 1, static_cast<int>(std::clamp<long long>(left, 0, 60'000)));
        if (rc > 0) {
            return true;
        }
        if (rc == 0 && steady_clock::now() >= until) {
            return false;
        }
        if (rc < 0 && errno != EINTR) {
            throw athil_error(errc::link_closed, os_error("poll"));
        }
    }
}

} // namespace

void set_non_blocking(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        throw athil_error(errc::link_open_failed, os_error("fcntl O_NONBLOCK"));
    }
}

std::string fd_read_some(int fd, deadline until) {
    for (;;) {
        if (!wait_ready(fd, POLLIN, until)) {
            return {};
        }
        char buffer[4096];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            return std::string(buffer, static_cast<std::size_t>(n));
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            continue;
        }
        // A pty master reads EIO once the slave side is gone; a socket reads 0 at EOF.
        throw athil_error(errc::link_closed, n == 0 ? "peer closed" : os_error("read"));
    }
}

void fd_write_all(int fd, std::string_view bytes, deadline until) {
    while (!bytes.empty()) {
        if (!wait_ready(fd, POLLOUT, until)) {
            throw athil_error(errc::timeout, "write timed out");
        }
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) {
                continue;
            }
            throw athil_error(errc::link_closed, os_error("write"));
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

} // namespace athil::link
