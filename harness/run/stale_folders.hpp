#pragma once
// Temporary folders (the rig's PKI and broker configs) whose run died without cleaning up:
// SIGKILL, a power cut, a crash in a signal handler. Each such folder names its owner's pid;
// the next run removes the folders of owners that are gone, so private keys do not pile up in
// /tmp. A folder without an owner record, or of an owner still alive, is left alone.

#include <cstddef>
#include <filesystem>
#include <string_view>

namespace athil::run {

// The file in a temporary folder that holds its owner's pid.
inline constexpr std::string_view owner_record = ".athil-owner";

// Writes this process's pid into `folder`/owner_record.
void record_owner(const std::filesystem::path& folder);

// Removes `parent`/<prefix>-* folders whose recorded owner is no longer running; returns how
// many went. Never throws: a folder that cannot be removed stays for the next try.
std::size_t remove_stale_folders(const std::filesystem::path& parent, std::string_view prefix);

} // namespace athil::run
