#pragma once
// Loading timing profiles (suites/timing/*.yaml) with the schema checked on load.

#include "harness/spec/timing_profile.hpp"

#include <filesystem>
#include <string>

namespace athil::spec {

// Reads one timing profile file. Throws athil_error(bad_input, "file:line: what is wrong") for
// an unknown key, a negative or out-of-range number, or jitter larger than the latency.
timing_profile read_timing_profile(const std::filesystem::path& file);

// `name_or_file`: a path to a YAML file, or a name looked up as <suites_dir>/timing/<name>.yaml.
// An unknown name lists the timing profiles that exist.
timing_profile load_timing_profile(const std::string& name_or_file,
                                   const std::filesystem::path& suites_dir);

} // namespace athil::spec
