#pragma once
// Loading firmware profiles (suites/profiles/*.yaml) with the schema checked on load.

#include "harness/spec/model.hpp"
#include "harness/spec/profile.hpp"

#include <filesystem>
#include <vector>

namespace athil::spec {

// Throws athil_error(bad_input, "file:line: what is wrong"), also for a deviation id listed twice.
profile load_profile(const std::filesystem::path& file);

// A deviation must name a clause of the manual (a section, or a command's or check's clause),
// or it can never be told apart from a typo. Throws athil_error(bad_input, "file:line: ...").
void check_deviation_clauses(const profile& p, const manual& m);

// `name_or_file`: a path to a YAML file, or a profile name looked up as <dir>/<name>.yaml in
// each of `dirs`. An unknown name lists the profiles that exist. `kind` names them in errors.
std::filesystem::path find_profile(const std::string& name_or_file,
                                   const std::vector<std::filesystem::path>& dirs,
                                   const std::string& kind = "profile");

} // namespace athil::spec
