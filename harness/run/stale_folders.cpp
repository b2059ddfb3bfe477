#include "harness/run/stale_folders.hpp"

#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <string>
#include <system_error>

namespace athil::run {
namespace {

namespace fs = std::filesystem;

// The owner's pid, or 0 when the record is missing or unreadable (then the folder stays).
pid_t recorded_owner(const fs::path& folder) {
    std::ifstream in(folder / owner_record);
    long pid = 0;
    if (!(in >> pid) || pid <= 0) {
        return 0;
    }
    return static_cast<pid_t>(pid);
}

bool is_running(pid_t pid) {
    // EPERM: alive, only another user's.
    return ::kill(pid, 0) == 0 || errno == EPERM;
}

} // namespace

void record_owner(const fs::path& folder) {
    std::ofstream(folder / owner_record) << ::getpid() << "\n";
}

std::size_t remove_stale_folders(const fs::path& parent, std::string_view prefix) {
    const std::string start = std::string(prefix) + "-";
    std::size_t removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code type_ec;
        if (!name.starts_with(start) || !it->is_directory(type_ec) || it->is_symlink(type_ec)) {
            continue;
        }
        const pid_t owner = recorded_owner(it->path());
        if (owner == 0 || owner == ::getpid() || is_running(owner)) {
            continue;
        }
        std::error_code remove_ec;
        if (fs::remove_all(it->path(), remove_ec) > 0 && !remove_ec) {
            ++removed;
        }
    }
    return removed;
}

} // namespace athil::run
