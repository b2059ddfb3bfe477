#pragma once
// What a rack remembers of each DUT between runs, in a small file beside its lock
// (<lock folder>/dut-<id>.state): the last health check's verdict and the last run's. A DUT
// found offline is skipped by the next rack run, with the reason, until a run that names it
// (`athil run --inventory rack.yaml --dut ID`) finds it answering again. Written only by the
// DUT lock's holder, each time whole and atomically (a temporary file renamed over it).

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace athil::dut {

struct dut_memory {
    std::string health;        // "online", "offline", or "" (never checked)
    std::string health_detail; // the health check's steps
    std::optional<std::chrono::system_clock::time_point> health_at;
    std::string last_run; // PASS, FAIL, ERROR or OFFLINE; "" when none
    std::optional<std::chrono::system_clock::time_point> last_run_at;

    bool offline() const { return health == "offline"; }
};

std::filesystem::path dut_memory_path(const std::string& id);

// An empty memory when there is no file (or an unreadable one).
dut_memory recall_dut(const std::string& id);

// Each throws nothing: a rack whose memory cannot be written still runs (the error is printed
// by the caller from the return value: false when it could not be stored).
bool remember_health(const std::string& id, bool online, const std::string& detail);
bool remember_run(const std::string& id, const std::string& verdict);

} // namespace athil::dut
