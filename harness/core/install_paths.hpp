#pragma once
// Where an installed athil finds its data: relative to its own executable, so one package works
// under /usr, /usr/local or an unpacked tarball. The layout below the install prefix is the one
// cmake/Packaging.cmake installs; a test installs the tree and checks the two agree.
//
//   <prefix>/bin/athil
//   <prefix>/share/athil/{spec,profiles}     data_dir
//   <prefix>/lib/athil/athil_aliyun_auth.so  plugin_dir
//
// A binary run from its build tree has no such neighbours; callers then fall back to the paths
// compiled in for the build tree.

#include <filesystem>
#include <optional>
#include <string_view>

namespace athil::install {

inline constexpr std::string_view data_dir = "share/athil";
inline constexpr std::string_view plugin_dir = "lib/athil";

// The running program as the kernel knows it (/proc/self/exe, symlinks resolved); empty when
// it cannot be read.
std::filesystem::path running_executable();

// <prefix>/<relative> when it exists, where <prefix> is the parent of the folder holding
// `executable` (bin/..); nullopt for an empty executable or a missing path.
std::optional<std::filesystem::path>
find_installed(const std::filesystem::path& relative,
               const std::filesystem::path& executable = running_executable());

} // namespace athil::install
