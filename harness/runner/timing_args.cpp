#include "harness/runner/timing_args.hpp"

#include <filesystem>

namespace athil::runner {

void append_timing_args(const run_options& o, const spec::timing_profile& timing,
                        std::vector<std::string>& sim_args) {
    if (!o.timing.empty()) {
        sim_args.push_back("--timing=" + std::filesystem::absolute(timing.file).string());
    }
    if (o.timing.empty() || o.boot_ms_given) {
        sim_args.push_back("--boot-ms=" + std::to_string(o.boot_ms));
    }
}

std::string timing_argument(const std::string& given) {
    const std::filesystem::path p(given);
    if (given.find('/') != std::string::npos || p.extension() == ".yaml") {
        return std::filesystem::absolute(p).string();
    }
    return given;
}

} // namespace athil::runner
