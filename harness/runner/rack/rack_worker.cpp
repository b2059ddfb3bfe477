#include "harness/runner/rack/rack_worker.hpp"

#include "harness/core/error.hpp"
#include "harness/dut/dut_lock.hpp"
#include "harness/runner/rack/merged_report.hpp"
#include "harness/runner/rack/rack_summary.hpp"

#include <cmath>

namespace athil::runner::rack {
namespace {

std::chrono::milliseconds scaled(std::chrono::milliseconds t, double scale) {
    return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(
        std::ceil(static_cast<double>(t.count()) * scale)));
}

bool gives_serial_number(const std::vector<std::string>& sim_args) {
    for (const auto& a : sim_args) {
        if (a == "--sn" || a.starts_with("--sn=")) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string simulated_serial_number(std::size_t place) {
    auto digits = std::to_string(place);
    digits.insert(0, 8 - std::min<std::size_t>(digits.size(), 8), '0');
    return "024001220527" + digits;
}

dut::inventory_dut apply_rack_dut(run_options& o) {
    const auto inventory = dut::load_inventory(o.inventory);
    const auto* d = &dut::find_dut(inventory, o.rack_dut);
    o.dut = d->link_with_baud();
    if (!d->profile.empty()) {
        o.profile = d->profile;
    }
    if (!d->broker_host.empty()) {
        o.broker_host = d->broker_host;
    }
    o.sim_args.insert(o.sim_args.end(), d->sim_args.begin(), d->sim_args.end());
    // Simulated DUTs of one rack are distinct modules: each its own serial number (its place in
    // the inventory), unless its sim_args give one; the simulator's default would repeat.
    if (d->link == "sim" && !gives_serial_number(o.sim_args)) {
        const auto place = static_cast<std::size_t>(d - inventory.duts.data()) + 1;
        o.sim_args.push_back("--sn=" + simulated_serial_number(place));
    }
    return *d;
}

health_plan plan_for(const dut::inventory_dut& d, double timeout_scale,
                     const std::filesystem::path& report_dir) {
    health_plan plan;
    plan.reset = d.reset;
    plan.power_off = d.power_off;
    plan.power_on = d.power_on;
    plan.answer_timeout = scaled(d.health_timeout, timeout_scale);
    plan.reopen_timeout = scaled(std::chrono::seconds(20), timeout_scale);
    plan.command_log = report_dir / "power.log";
    plan.command_env = {{"ATHIL_DUT_ID", d.id},
                        {"ATHIL_DUT_LINK", d.link},
                        {"ATHIL_REPORT_DIR", report_dir.string()}};
    return plan;
}

void write_offline_report(const std::filesystem::path& dir, report::run_metadata metadata,
                          const health_result& health) {
    metadata.start_time = std::chrono::system_clock::now();
    write_merged_report(dir, error_run(std::move(metadata), health_section, health_case,
                                       "DUT offline: " + health.summary(),
                                       "health check: " + health.summary()));
}

} // namespace athil::runner::rack
