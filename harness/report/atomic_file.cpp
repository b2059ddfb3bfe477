#include "harness/report/atomic_file.hpp"

#include "harness/core/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace athil::report {
namespace {

class file_descriptor {
public:
    explicit file_descriptor(int fd)
        : fd_(fd) {}
    file_descriptor(const file_descriptor&) = delete;
    file_descriptor& operator=(const file_descriptor&) = delete;
    ~file_descriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

private:
    int fd_;
};

[[noreturn]] void fail(std::string_view what, const std::filesystem::path& path, int error) {
    throw athil_error(errc::bad_input, std::string("cannot ") + std::string(what) + " " +
                                           path.string() + ": " + std::strerror(error));
}

void write_all(int fd, std::string_view content, const std::filesystem::path& path) {
    while (!content.empty()) {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("write", path, errno);
        }
        content.remove_prefix(static_cast<std::size_t>(n));
    }
}

} // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
    auto temporary = target;
    temporary += ".tmp";
    file_descriptor file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (file.get() < 0) {
        fail("create", temporary, errno);
    }
    write_all(file.get(), content, temporary);
    if (::fsync(file.get()) != 0) {
        fail("fsync", temporary, errno);
    }
    if (::close(file.release()) != 0) {
        fail("close", temporary, errno);
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        fail("rename onto", target, error);
    }
    // The rename itself lives in the folder; without this a power cut may undo it.
    auto folder = target.parent_path();
    if (folder.empty()) {
        folder = ".";
    }
    const file_descriptor dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0) {
        ::fsync(dir.get());
    }
}

} // namespace athil::report
