#include "harness/runner/rack/remembered_health.hpp"

#include "harness/dut/dut_memory.hpp"
#include "harness/link/lock_holder.hpp"
#include "harness/runner/rack/merged_report.hpp"
#include "harness/runner/rack/rack_summary.hpp"

#include <iostream>

namespace athil::runner::rack {

std::string remembered_offline(const dut::inventory_dut& d,
                               const std::filesystem::path& inventory) {
    const auto m = dut::recall_dut(d.id);
    if (!m.offline()) {
        return {};
    }
    return "DUT " + d.id + " not run: its health check at " +
           (m.health_at ? link::utc_text(*m.health_at) : std::string("an earlier run")) +
           " found it offline (" + m.health_detail +
           "); it is skipped until it answers again: `athil run --inventory " + inventory.string() +
           " --dut " + d.id + "` checks it";
}

report::run_result skipped_offline_run(const dut::inventory_dut& d, const std::string& reason) {
    report::run_metadata m;
    m.dut_link = d.link;
    m.model = d.model;
    m.start_time = std::chrono::system_clock::now();
    return error_run(std::move(m), health_section, health_case, reason, reason);
}

void remember_health_of(const dut::inventory_dut& d, bool online, const std::string& detail) {
    if (!dut::remember_health(d.id, online, detail)) {
        std::cerr << "athil run: could not store the health of DUT " << d.id << " in "
                  << dut::dut_memory_path(d.id).string() << "\n";
    }
}

void remember_run_of(const dut::inventory_dut& d, int exit_code, bool offline) {
    const char* verdict = offline          ? "OFFLINE"
                          : exit_code == 0 ? "PASS"
                          : exit_code == 1 ? "FAIL"
                                           : "ERROR";
    if (!dut::remember_run(d.id, verdict)) {
        std::cerr << "athil run: could not store the last run of DUT " << d.id << " in "
                  << dut::dut_memory_path(d.id).string() << "\n";
    }
}

} // namespace athil::runner::rack
