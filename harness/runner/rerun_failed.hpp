#pragma once
// `athil run --rerun-failed PATH/results.json`: the failed and errored cases of an earlier run,
// run again with that run's settings (its rerun_command), into this run's --report-dir.

#include <filesystem>
#include <string>
#include <vector>

namespace athil::runner {

// The argv that reruns them: the earlier run's rerun command, `--filter` with the cases, and
// `--report-dir DIR` when `report_dir` is not empty. Throws athil_error(bad_input) when the
// file cannot be read, has no rerun command, or holds no failed or errored case (a rerun of
// nothing would judge nothing).
std::vector<std::string> rerun_failed_arguments(const std::filesystem::path& results,
                                                const std::string& report_dir);

} // namespace athil::runner
