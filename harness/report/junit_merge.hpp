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

// As above, written atomically to `out`.
void merge_junit(const std::vector<std::filesystem::path>& files, const std::filesystem::path& out);

} // namespace athil::report
