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
    auto lock = lock_file::try_acquire(path);
    if (!lock) {
        const auto state = probe_lock(path);
        throw_busy(port_name, state.held ? holder_text(state) : std::string());
    }
    return port_lock(std::move(*lock));
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
