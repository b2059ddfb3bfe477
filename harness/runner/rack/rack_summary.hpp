#pragma once
// The table a rack run ends with: one row per DUT (verdict, counts, time), then the rack's wall
// time against its slowest DUT — how well the modules ran side by side.

#include "harness/dut/inventory.hpp"
#include "harness/report/run_model.hpp"
#include "harness/runner/rack/worker_pool.hpp"

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

namespace athil::runner::rack {

// The case an offline DUT's report holds instead of its suites.
inline constexpr const char* health_section = "Health";
inline constexpr const char* health_case = "AnswersAt";

struct rack_row {
    std::string id;
    std::string link;
    std::string model;
    std::string verdict; // PASS, FAIL, OFFLINE, ERROR
    report::run_counts counts;
    std::chrono::milliseconds wall{0};
    int exit_code = 0; // 0, 1 or 2 by athil's meaning
};

rack_row row_for(const dut::inventory_dut& d, const report::run_result& run,
                 const worker_outcome& outcome);

void print_rack_table(const std::vector<rack_row>& rows, std::chrono::milliseconds wall,
                      std::ostream& out);

} // namespace athil::runner::rack
