#pragma once
// The rack's memory of its DUTs' health (harness/dut/dut_memory.hpp) in a rack run: a DUT the
// last health check found offline gets no worker until a run that names it finds it answering
// again; its report says why, as an offline DUT's does (exit code 2).

#include "harness/dut/inventory.hpp"
#include "harness/report/run_model.hpp"

#include <filesystem>
#include <string>

namespace athil::runner::rack {

// Why `d` is not run now ("DUT x was offline at ...; ..."), or "" when it is to run.
std::string remembered_offline(const dut::inventory_dut& d, const std::filesystem::path& inventory);

// The report of a DUT skipped for `reason`: the offline DUT's one rig-error case.
report::run_result skipped_offline_run(const dut::inventory_dut& d, const std::string& reason);

// Stores a health check's verdict and a run's exit code (0 PASS, 1 FAIL, 2 ERROR, or OFFLINE)
// for `athil rack status` and the next run; a memory that cannot be written is said on stderr.
void remember_health_of(const dut::inventory_dut& d, bool online, const std::string& detail);
void remember_run_of(const dut::inventory_dut& d, int exit_code, bool offline);

} // namespace athil::runner::rack
