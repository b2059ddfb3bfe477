#include "harness/link/port_holder.hpp"

#include <unistd.h>

#include <fstream>
#include <iterator>
#include <system_error>

namespace athil::link {
namespace {

namespace fs = std::filesystem;

std::string read_small_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string text;
    // A command line is short; a bound keeps a strange /proc entry from costing much.
    text.resize(4096);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

// /proc/<pid>/cmdline separates arguments with NUL bytes.
std::string command_line_of(const std::string& pid) {
    std::string text = read_small_file(fs::path("/proc") / pid / "cmdline");
    while (!text.empty() && text.back() == '\0') {
        text.pop_back();
    }
    for (char& c : text) {
        if (c == '\0') {
            c = ' ';
        }
    }
    if (text.empty()) {
        text = read_small_file(fs::path("/proc") / pid / "comm");
        while (!text.empty() && text.back() == '\n') {
            text.pop_back();
        }
    }
    return text;
}

bool has_open(const fs::path& fd_folder, const fs::path& device) {
    std::error_code ec;
    for (fs::directory_iterator it(fd_folder, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code link_ec;
        if (fs::read_symlink(it->path(), link_ec) == device) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string processes_holding(const fs::path& device) {
    std::error_code ec;
    const fs::path real = fs::canonical(device, ec);
    const fs::path wanted = ec ? device : real;
    const std::string self = std::to_string(::getpid());
    std::string found;
    for (fs::directory_iterator it("/proc", ec), end; !ec && it != end; it.increment(ec)) {
        const std::string pid = it->path().filename().string();
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos ||
            pid == self) {
            continue;
        }
        if (has_open(it->path() / "fd", wanted)) {
            found +=
                (found.empty() ? "" : "; ") + ("pid " + pid + " (" + command_line_of(pid) + ")");
        }
    }
    return found;
}

} // namespace athil::link
