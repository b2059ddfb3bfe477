#pragma once
// What a run left in its report folder, judged the way a CI consumer would: junit.xml valid
// against the JUnit schema (xmllint), results.json parsable with its counts, no file but the
// reports themselves.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace athil::faults {

struct junit_check {
    bool valid = false;      // well-formed and valid against the schema
    std::string diagnostics; // xmllint's words when not valid
    std::size_t cases = 0;   // <testcase> elements
};
junit_check check_junit(const std::filesystem::path& file);

// The file's bytes; empty when it cannot be read.
std::string read_file(const std::filesystem::path& file);

// results.json parsed; nullopt (with `why`) when missing or malformed.
std::optional<nlohmann::json> load_results(const std::filesystem::path& file, std::string& why);

// Names of the entries of a folder (empty when it does not exist).
std::vector<std::string> folder_entries(const std::filesystem::path& folder);

// Names ending in ".tmp": reports half written and never renamed into place.
std::vector<std::string> half_written_files(const std::filesystem::path& folder);

} // namespace athil::faults
