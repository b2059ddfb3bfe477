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

} // namespace

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
