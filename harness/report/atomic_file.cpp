#include "harness/report/atomic_file.hpp"

#include "harness/core/error.hpp"
#include "harness/process/folder_cleanup.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

namespace athil::report {
namespace {

constexpr mode_t report_mode = 0600;

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

// "<name>.tmp" exists only while this guard lives: removed on every failure path (a full disk
// must not leave a torn report beside the good one) and, through the signal cleanup table, when
// SIGINT/SIGTERM stops the harness mid-write without running destructors.
class temporary_file {
public:
    explicit temporary_file(std::filesystem::path path)
        : path_(std::move(path)) {
        process::remove_on_signal(path_);
    }
    temporary_file(const temporary_file&) = delete;
    temporary_file& operator=(const temporary_file&) = delete;
    ~temporary_file() {
        if (!renamed_) {
            ::unlink(path_.c_str());
        }
        process::forget_on_signal(path_);
    }
    const std::filesystem::path& path() const { return path_; }
    void renamed() { renamed_ = true; }

private:
    std::filesystem::path path_;
    bool renamed_ = false;
};

} // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
    auto name = target;
    name += ".tmp";
    // Registered before it is created: a signal between open and registration would leak it.
    temporary_file temporary(std::move(name));
    // Declared after the guard so the descriptor closes before the unlink.
    // Owner only: reports quote what the module answered and the rig's addresses, and live in
    // shared CI workspaces (reports/README.md). fchmod too: a leftover "<name>.tmp" keeps the
    // mode it was created with, and the rename carries the mode over to the report.
    file_descriptor file(
        ::open(temporary.path().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, report_mode));
    if (file.get() < 0) {
        fail("create", temporary.path(), errno);
    }
    if (::fchmod(file.get(), report_mode) != 0) {
        fail("set the mode of", temporary.path(), errno);
    }
    write_all(file.get(), content, temporary.path());
    if (::fsync(file.get()) != 0) {
        fail("fsync", temporary.path(), errno);
    }
    if (::close(file.release()) != 0) {
        fail("close", temporary.path(), errno);
    }
    if (::rename(temporary.path().c_str(), target.c_str()) != 0) {
        fail("rename onto", target, errno);
    }
    temporary.renamed();
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
