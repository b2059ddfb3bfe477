#include "harness/link/port_lock.hpp"

#include "harness/core/error.hpp"
#include "harness/link/port_holder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace athil::link {
namespace {

namespace fs = std::filesystem;

std::string lock_file_name(const std::string& address) {
    std::string name;
    for (const char c : address) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '.' || c == '-';
        name += plain ? c : '_';
    }
    return name + ".lock";
}

fs::path lock_path(const std::string& address) {
    return lock_folder() / lock_file_name(address);
}

std::string read_fd_text(int fd) {
    std::string text(1024, '\0');
    const ssize_t got = ::pread(fd, text.data(), text.size(), 0);
    text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) {
        text.pop_back();
    }
    return text;
}

} // namespace

fs::path lock_folder() {
    fs::path folder;
    if (const char* dir = std::getenv("ATHIL_LOCK_DIR"); dir != nullptr && *dir != '\0') {
        folder = dir;
    } else if (const char* run = std::getenv("XDG_RUNTIME_DIR"); run != nullptr && *run != '\0') {
        folder = fs::path(run) / "athil" / "locks";
    } else {
        folder = "/tmp/athil-locks";
    }
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        fs::create_directories(folder, ec);
        if (folder == "/tmp/athil-locks") {
            // Shared by every user of the machine, like /tmp itself.
            ::chmod(folder.c_str(), 01777);
        }
    }
    return folder;
}

port_lock port_lock::acquire(const std::string& address, const std::string& port_name) {
    const fs::path path = lock_path(address);
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EACCES) {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC); // another user's file: lock, not record
    }
    if (fd < 0) {
        throw athil_error(errc::link_open_failed, "cannot lock " + port_name + ": cannot open " +
                                                      path.string() + ": " + std::strerror(errno));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const std::string holder = errno == EWOULDBLOCK ? read_fd_text(fd) : std::string();
        ::close(fd);
        throw_busy(port_name, holder);
    }
    const std::string record = this_process_as_holder() + "\n";
    if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] const auto n = ::pwrite(fd, record.data(), record.size(), 0);
    }
    return port_lock(fd);
}

port_lock::port_lock(port_lock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)) {}

port_lock& port_lock::operator=(port_lock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

port_lock::~port_lock() {
    if (fd_ >= 0) {
        // The record stays: it is read only while its file is locked, i.e. by a live holder.
        ::close(fd_);
    }
}

void make_exclusive(int fd, const std::string& path) {
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK) {
            throw_busy("serial port " + path, processes_holding(path));
        }
        // A device without flock support: TIOCEXCL below is what is left.
    }
    ::ioctl(fd, TIOCEXCL); // a pty slave or a USB serial port: both take it
}

void release_exclusive(int fd) noexcept {
    if (fd >= 0) {
        ::ioctl(fd, TIOCNXCL);
    }
}

void throw_busy(const std::string& port_name, const std::string& holder) {
    throw athil_error(
        errc::link_busy,
        port_name + " is busy: it is held by " +
            (holder.empty() ? std::string("another process (not visible to this user)") : holder) +
            "; two users of one port corrupt each other's sessions, so this run "
            "does not start until it is free");
}

} // namespace athil::link
