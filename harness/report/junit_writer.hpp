#pragma once
// JUnit XML as Jenkins (xUnit schema junit-10.xsd), GitLab and GitHub read it: one
// `testsuite` per manual section with the DUT's identity as suite properties, one `testcase`
// per check. The schema allows no properties on a testcase, so a case's own metadata (clause,
// command, source, retries) heads its `system-out`, followed by its evidence: the transcript,
// the broker log excerpt and the wire-tap packets. Failed earlier attempts of a rerun case
// become Surefire's flakyFailure/flakyError (it passed in the end) or rerunFailure/rerunError
// elements, each with its own stackTrace and system-out (the attempt's transcript).

#include "harness/report/run_model.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace athil::report {

std::string junit_xml(const run_result& run);

// The same from cases already rendered by testcase_xml, one per run.cases entry in order:
// a run rewrites its junit.xml after every case, and re-rendering every earlier case each time
// would make a long run quadratic.
std::string junit_xml(const run_result& run, const std::vector<std::string>& testcases);
std::string testcase_xml(const case_result& c);

// Atomic replacement (see atomic_file.hpp): safe to call after every finished case.
void write_junit(const run_result& run, const std::filesystem::path& file);

// The head and evidence of a case's system-out; results.json and the HTML carry the same text.
std::string case_system_out(const case_result& c);

} // namespace athil::report
