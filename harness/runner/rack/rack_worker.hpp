#pragma once
// The worker side of a rack run (`athil run --inventory rack.yaml --rack-dut ID`, started by
// run_rack): the DUT's inventory entry shapes the run, its health is checked before the first
// case, and an offline DUT still leaves a report that says so.

#include "harness/dut/inventory.hpp"
#include "harness/report/run_model.hpp"
#include "harness/runner/rack/health_check.hpp"
#include "harness/runner/run_command.hpp"

#include <filesystem>

namespace athil::runner::rack {

// Applies the entry of o.rack_dut in o.inventory: its link (with baud), and its profile, broker
// host and simulator arguments where it names them; a simulated DUT without --sn in its
// sim_args gets simulated_serial_number(its place in the file). Throws athil_error(bad_input)
// for a bad inventory or an unknown id.
dut::inventory_dut apply_rack_dut(run_options& o);

// "02400122052700000001" for the first DUT of the file: the simulator's serial number form.
std::string simulated_serial_number(std::size_t place);

// The escalation plan for the DUT; shell commands log to <report dir>/power.log and see
// ATHIL_DUT_ID, ATHIL_DUT_LINK and ATHIL_REPORT_DIR.
health_plan plan_for(const dut::inventory_dut& d, double timeout_scale,
                     const std::filesystem::path& report_dir);

// junit.xml, results.json and report.html of an offline DUT: one rig-error case
// Health.AnswersAt whose message lists what was tried.
void write_offline_report(const std::filesystem::path& dir, report::run_metadata metadata,
                          const health_result& health);

} // namespace athil::runner::rack
