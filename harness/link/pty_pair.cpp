#include "harness/link/pty_pair.hpp"

#include "harness/core/error.hpp"
#include "harness/link/fd_io.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

namespace athil::link {

pty_pair::pty_pair() {
    termios raw{};
    ::cfmakeraw(&raw);
    char name[256] = {};
    if (::openpty(&master_, &slave_, name, &raw, nullptr) != 0) {
        throw athil_error(errc::link_open_failed, std::string("openpty: ") + std::strerror(errno));
    }
    slave_path_ = name;
    ::fcntl(master_, F_SETFD, FD_CLOEXEC);
    ::fcntl(slave_, F_SETFD, FD_CLOEXEC);
    set_non_blocking(master_);
}

pty_pair::~pty_pair() {
    close_master();
    if (slave_ >= 0) {
        ::close(slave_);
    }
}

void pty_pair::close_master() noexcept {
    if (master_ >= 0) {
        ::close(master_);
        master_ = -1;
    }
}

std::string pty_pair::read_some(deadline until) {
    if (master_ < 0) {
        throw athil_error(errc::link_closed, "pty master is closed");
    }
    return fd_read_some(master_, until);
}

void pty_pair::write(std::string_view bytes, deadline until) {
    if (master_ < 0) {
        throw athil_error(errc::link_closed, "pty master is closed");
    }
    fd_write_all(master_, bytes, until);
}

} // namespace athil::link
