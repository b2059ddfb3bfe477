#include "harness/run/run_folder.hpp"

#include "harness/process/folder_cleanup.hpp"
#include "harness/run/stale_folders.hpp"

#include "harness/core/error.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <system_error>
#include <utility>
#include <vector>

namespace athil::run {
namespace {

namespace fs = std::filesystem;

constexpr mode_t private_dir_mode = 0700;

[[noreturn]] void fail(const std::string& what, int error_number) {
    throw athil_error(errc::bad_input, "run folder: " + what + ": " + std::strerror(error_number));
}

// mkdir(2) instead of fs::create_directory: the mode is set atomically (no window in which
// another user could open it) and EEXIST is reported, which the unique-name loop relies on.
bool make_private_dir(const fs::path& path) {
    if (::mkdir(path.c_str(), private_dir_mode) == 0) {
        // mkdir applies the umask; chmod makes it exactly 0700 whatever the umask.
        if (::chmod(path.c_str(), private_dir_mode) != 0) {
            fail("cannot set mode of " + path.string(), errno);
        }
        return true;
    }
    if (errno == EEXIST) {
        return false;
    }
    fail("cannot create " + path.string(), errno);
}

void make_subfolders(const fs::path& root) {
    for (const char* sub : {"configs", "logs", "pki"}) {
        make_private_dir(root / sub);
    }
}

} // namespace

std::string utc_timestamp_now() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    ::gmtime_r(&now, &parts);
    char text[32];
    const std::size_t length = std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &parts);
    return std::string(text, length);
}

run_folder::run_folder(std::filesystem::path root, retention policy)
    : root_(std::move(root))
    , policy_(policy) {
    try {
        make_subfolders(root_);
    } catch (...) {
        remove_now();
        throw;
    }
    set_policy(policy_);
}

void run_folder::set_policy(retention policy) {
    policy_ = policy;
    // A harness stopped by a signal runs no destructor; a folder meant to go must go anyway.
    if (policy_ == retention::remove) {
        process::remove_on_signal(root_);
    } else {
        process::forget_on_signal(root_);
    }
}

run_folder run_folder::in_reports(const std::filesystem::path& reports_root, retention policy) {
    std::error_code ec;
    fs::create_directories(reports_root, ec);
    if (ec) {
        fail("cannot create " + reports_root.string(), ec.value());
    }
    const std::string stamp = utc_timestamp_now();
    // Bounded: a thousand runs in one second means something is wrong, not that we should
    // keep counting.
    for (int n = 1; n <= 1000; ++n) {
        const fs::path candidate =
            reports_root / (n == 1 ? stamp : stamp + "-" + std::to_string(n));
        if (make_private_dir(candidate)) {
            return run_folder(candidate, policy);
        }
    }
    fail("no free name for " + (reports_root / stamp).string(), EEXIST);
}

run_folder run_folder::at(const std::filesystem::path& path, retention policy) {
    std::error_code ec;
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), ec);
        if (ec) {
            fail("cannot create " + path.parent_path().string(), ec.value());
        }
    }
    if (!make_private_dir(path)) {
        if (!fs::is_directory(path) || !fs::is_empty(path)) {
            fail(path.string() + " exists and is not an empty directory", EEXIST);
        }
        if (::chmod(path.c_str(), private_dir_mode) != 0) {
            fail("cannot set mode of " + path.string(), errno);
        }
    }
    return run_folder(path, policy);
}

run_folder run_folder::temporary(std::string_view prefix, retention policy) {
    remove_stale_folders(fs::temp_directory_path(), prefix);
    std::string pattern = (fs::temp_directory_path() / std::string(prefix)).string() + "-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr) { // mkdtemp creates it with mode 0700
        fail("cannot create a temporary directory from " + pattern, errno);
    }
    record_owner(buffer.data()); // so a run after a SIGKILLed one can tell it is stale
    return run_folder(fs::path(buffer.data()), policy);
}

run_folder::run_folder(run_folder&& other) noexcept
    : root_(std::exchange(other.root_, {}))
    , policy_(other.policy_)
    , failed_(other.failed_) {}

run_folder& run_folder::operator=(run_folder&& other) noexcept {
    if (this != &other) {
        if (!will_be_kept()) {
            remove_now();
        }
        root_ = std::exchange(other.root_, {});
        policy_ = other.policy_;
        failed_ = other.failed_;
    }
    return *this;
}

run_folder::~run_folder() {
    if (!will_be_kept()) {
        remove_now();
    }
    process::forget_on_signal(root_);
}

bool run_folder::will_be_kept() const {
    switch (policy_) {
    case retention::keep:
        return true;
    case retention::keep_on_failure:
        return failed_;
    case retention::remove:
        return false;
    }
    return true;
}

void run_folder::remove_now() noexcept {
    if (root_.empty()) {
        return;
    }
    std::error_code ec; // a destructor must not throw; a leftover folder is the lesser harm
    fs::remove_all(root_, ec);
    process::forget_on_signal(root_);
    root_.clear();
}

} // namespace athil::run
