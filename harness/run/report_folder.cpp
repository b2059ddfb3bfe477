#include "harness/run/report_folder.hpp"

#include "harness/core/error.hpp"
#include "harness/run/run_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

namespace athil::run {
namespace fs = std::filesystem;

namespace {

constexpr const char* lock_name = ".athil-run.lock";
constexpr mode_t private_mode = 0700;

[[noreturn]] void refuse(const fs::path& dir, const std::string& why) {
    throw athil_error(errc::bad_input, "cannot write reports into " + dir.string() + ": " + why);
}

std::string holder_of(const fs::path& lock_file) {
    std::ifstream in(lock_file);
    std::string line;
    std::getline(in, line);
    return line.empty() ? "another athil run" : line;
}

// Opens and locks the folder's lock file, then writes who holds it.
int lock(const fs::path& dir) {
    const auto file = dir / lock_name;
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        refuse(dir, std::strerror(errno)); // the usual case: the folder is not writable
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        refuse(dir, holder_of(file) + " is writing its reports there; give another --report-dir");
    }
    std::ostringstream who;
    who << "athil run pid " << ::getpid() << " since " << utc_timestamp_now();
    const auto text = who.str() + "\n";
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
        const int e = errno;
        ::close(fd);
        refuse(dir, std::strerror(e));
    }
    return fd;
}

void clear_earlier_reports(const fs::path& dir, bool replace_earlier) {
    for (const auto* name : report_entry_names) {
        if (fs::exists(dir / name) && !replace_earlier) {
            refuse(dir, std::string("it holds the reports of an earlier run (") + name +
                            "); give a new --report-dir, or --replace-reports to replace them");
        }
    }
    // All of them, before the new run writes any: a run that fails early must not leave an
    // earlier run's results.json beside its own junit.xml.
    for (const auto* name : report_entry_names) {
        std::error_code ec;
        fs::remove_all(dir / name, ec);
        if (ec) {
            refuse(dir, "cannot remove the earlier " + std::string(name) + ": " + ec.message());
        }
    }
}

} // namespace

report_folder report_folder::claim(const fs::path& dir, bool replace_earlier) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) {
        if (dir.has_parent_path()) {
            fs::create_directories(dir.parent_path(), ec);
            if (ec) {
                refuse(dir, ec.message());
            }
        }
        if (::mkdir(dir.c_str(), private_mode) != 0 && errno != EEXIST) {
            refuse(dir, std::strerror(errno));
        }
    } else if (!fs::is_directory(dir, ec)) {
        refuse(dir, "it is not a folder");
    }
    const int fd = lock(dir);
    report_folder claimed(dir, fd);
    clear_earlier_reports(dir, replace_earlier);
    return claimed;
}

report_folder report_folder::fresh_in(const fs::path& reports_root) {
    std::error_code ec;
    fs::create_directories(reports_root, ec);
    if (ec) {
        refuse(reports_root, ec.message());
    }
    const auto stamp = utc_timestamp_now();
    for (int n = 1;; ++n) {
        auto dir = reports_root / (n == 1 ? stamp : stamp + "-" + std::to_string(n));
        if (::mkdir(dir.c_str(), private_mode) == 0) {
            return report_folder(dir, lock(dir));
        }
        if (errno != EEXIST) {
            refuse(dir, std::strerror(errno));
        }
    }
}

report_folder::report_folder(fs::path dir, int lock_fd)
    : dir_(std::move(dir))
    , lock_fd_(lock_fd) {}

report_folder::report_folder(report_folder&& other) noexcept
    : dir_(std::move(other.dir_))
    , lock_fd_(std::exchange(other.lock_fd_, -1)) {}

report_folder& report_folder::operator=(report_folder&& other) noexcept {
    if (this != &other) {
        if (lock_fd_ >= 0) {
            ::close(lock_fd_);
        }
        dir_ = std::move(other.dir_);
        lock_fd_ = std::exchange(other.lock_fd_, -1);
    }
    return *this;
}

report_folder::~report_folder() {
    if (lock_fd_ >= 0) {
        // The lock file goes with the lock: a finished run leaves only its reports.
        std::error_code ec;
        fs::remove(dir_ / lock_name, ec);
        ::close(lock_fd_);
    }
}

} // namespace athil::run
