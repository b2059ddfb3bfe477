#pragma once
// report.html: one self-contained page for the people who decide whether firmware ships. The
// header names the DUT, profile, duration and counts; a matrix shows manual sections x checks
// coloured by verdict; every case opens to its failure, transcript, packet timeline and broker
// log. Everything is rendered here, so the page reads without scripts; the embedded script
// only filters (failed / deviations / section) and follows deep links. It loads nothing from
// the network, and every text from the run is HTML-escaped.

#include "harness/report/run_model.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace athil::report {

std::string html_report(const run_result& run);

void write_html_report(const run_result& run, const std::filesystem::path& file);

// &, <, >, " and ' as entities, after printable_text.
std::string html_escape(std::string_view text);

} // namespace athil::report
