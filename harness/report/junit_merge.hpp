#pragma once
// `athil report merge`: the JUnit files of shards (athil run --shard I/N on several racks or
// jobs) become one report. Sections that several shards ran are joined into one testsuite;
// counts and times are recomputed from the cases themselves, never trusted from the inputs.

#include <filesystem>
#include <string>
#include <vector>

namespace athil::report {

// Throws athil_error(bad_input) naming the file for one that is missing or not JUnit XML.
std::string merge_junit_text(const std::vector<std::filesystem::path>& files);

// A rack's reports side by side: each DUT's JUnit document (from its own worker) keeps its own
// testsuites, renamed "<dut id>.<section>" with the same prefix on every testcase classname, and
// each suite gains the property dut.id first, so dashboards group and filter by module. Counts
// are recomputed as above. Throws athil_error(bad_input) naming the DUT for a text that is not
// JUnit XML.
struct dut_junit {
    std::string dut_id;
    std::string xml;
};
std::string merge_dut_junit_text(const std::vector<dut_junit>& parts);

// As merge_junit_text, written atomically to `out`.
void merge_junit(const std::vector<std::filesystem::path>& files, const std::filesystem::path& out);

} // namespace athil::report
