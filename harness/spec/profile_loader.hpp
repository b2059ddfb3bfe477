#pragma once
// Loading firmware profiles (suites/profiles/*.yaml) with the schema checked on load.

#include "harness/spec/profile.hpp"

#include <filesystem>
#include <vector>

namespace athil::spec {

// Throws athil_error(bad_input, "file:line: what is wrong").
profile load_profile(const std::filesystem::path& file);

// `name_or_file`: a path to a YAML file, or a profile name looked up as <dir>/<name>.yaml in
// each of `dirs`. An unknown name lists the profiles that exist.
std::filesystem::path find_profile(const std::string& name_or_file,
                                   const std::vector<std::filesystem::path>& dirs);

} // namespace athil::spec
