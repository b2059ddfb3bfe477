#pragma once
// `athil run`: load and select the cases, claim the report folder, start the rig and the DUT
// (or fan out to workers and rack DUTs), run, report. The command line that fills run_options
// is in run_cli.cpp.

#include "harness/run/report_folder.hpp"
#include "harness/runner/run_options.hpp"

#include <filesystem>
#include <optional>

namespace athil::runner {

// Exit codes: 0 all conform, 1 nonconformance found, 2 infrastructure (bad data, port missing,
// module silent before the first case).
int run_suites(const run_options& options);

// The report folder of a run, claimed (locked, writable, no earlier run's reports unless
// replace_reports): --report-dir as given, else a fresh reports/<UTC timestamp>/ under the
// current directory. Throws athil_error(bad_input) with the reason.
run::report_folder make_report_folder(const run_options& options);
// The same, or nullopt after saying why on stderr (the caller exits 2).
std::optional<run::report_folder> claim_report_folder(const run_options& options);

// The report folder this process claimed last (the run's, or the --jobs / rack parent's merged
// one); nullopt before any. The history records the results.json it holds.
std::optional<std::filesystem::path> claimed_report_dir();

// Where spec/ and profiles/ are: $ATHIL_SUITES_DIR, else the source tree the binary was built
// from.
std::filesystem::path default_suites_dir();

} // namespace athil::runner
