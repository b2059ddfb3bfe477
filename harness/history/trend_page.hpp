#pragma once
// `athil history trend`: one self-contained HTML page (no network, no files beside it) from the
// run history: per case x DUT x firmware the pass rate, the flake rate and the run where the
// case's current failing streak began; and a matrix of sections x nights with each night's pass
// rate. A `#q=TEXT` fragment (or the filter box) keeps the case rows that contain TEXT.

#include "harness/history/history_store.hpp"

#include <string>
#include <vector>

namespace athil::history {

struct trend_options {
    std::size_t max_nights = 60; // the matrix's newest nights; older ones are left out
};

std::string trend_html(const std::vector<trend_row>& rows, const std::string& store,
                       const trend_options& options = {});

} // namespace athil::history
