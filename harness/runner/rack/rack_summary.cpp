#include "harness/runner/rack/rack_summary.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace athil::runner::rack {
namespace {

bool offline(const report::run_result& run) {
    return std::any_of(run.cases.begin(), run.cases.end(), [](const auto& c) {
        return c.section == health_section && c.name == health_case &&
               c.status == report::case_status::error;
    });
}

} // namespace

rack_row row_for(const dut::inventory_dut& d, const report::run_result& run,
                 const worker_outcome& outcome) {
    rack_row r;
    r.id = d.id;
    r.link = d.link;
    r.model = run.metadata.model.empty() ? d.model : run.metadata.model;
    r.counts = run.counts();
    r.wall = outcome.wall;
    r.exit_code = worst_exit_code({outcome.exit_code});
    if (r.exit_code == 2 && r.counts.errors == 0) {
        // A worker that says "rig failure" must show an error in the report as well.
        r.counts.errors = 1;
    }
    r.verdict = offline(run)       ? "OFFLINE"
                : r.exit_code == 2 ? "ERROR"
                : r.exit_code == 1 ? "FAIL"
                                   : "PASS";
    return r;
}

void print_rack_table(const std::vector<rack_row>& rows, std::chrono::milliseconds wall,
                      std::ostream& out) {
    std::size_t id_width = 3;
    std::size_t link_width = 4;
    std::size_t model_width = 5;
    for (const auto& r : rows) {
        id_width = std::max(id_width, r.id.size());
        link_width = std::max(link_width, r.link.size());
        model_width = std::max(model_width, r.model.size());
    }
    const auto line = [&](const std::string& id, const std::string& link, const std::string& model,
                          const std::string& verdict, const std::string& rest) {
        out << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<7}  {}\n", id, id_width, link, link_width,
                           model, model_width, verdict, rest);
    };
    line("DUT", "link", "model", "verdict", "passed failed deviations errors  time(s)");
    std::chrono::milliseconds slowest{0};
    for (const auto& r : rows) {
        slowest = std::max(slowest, r.wall);
        line(r.id, r.link, r.model.empty() ? "-" : r.model, r.verdict,
             fmt::format("{:>6} {:>6} {:>10} {:>6} {:>8.1f}", r.counts.passed, r.counts.failed,
                         r.counts.known_deviations, r.counts.errors,
                         static_cast<double>(r.wall.count()) / 1000.0));
    }
    const auto ratio = slowest.count() > 0 ? static_cast<double>(wall.count()) /
                                                 static_cast<double>(slowest.count())
                                           : 0.0;
    out << fmt::format("rack wall time {:.1f} s, slowest DUT {:.1f} s: ratio {:.2f}\n",
                       static_cast<double>(wall.count()) / 1000.0,
                       static_cast<double>(slowest.count()) / 1000.0, ratio);
}

} // namespace athil::runner::rack
