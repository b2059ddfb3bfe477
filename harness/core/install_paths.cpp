#include "harness/core/install_paths.hpp"

#include <system_error>

namespace athil::install {

std::filesystem::path running_executable() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{} : exe;
}

std::optional<std::filesystem::path> find_installed(const std::filesystem::path& relative,
                                                    const std::filesystem::path& executable) {
    if (executable.empty() || !executable.has_parent_path()) {
        return std::nullopt;
    }
    const auto candidate = executable.parent_path().parent_path() / relative;
    std::error_code ec;
    if (!std::filesystem::exists(candidate, ec)) {
        return std::nullopt;
    }
    return candidate;
}

} // namespace athil::install
