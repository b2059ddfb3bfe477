#pragma once
// Replaces a report file so that a reader - or a run killed at any instant, even by SIGKILL or
// a power cut - sees either the previous complete file or the new complete one, never a torn
// one: write "<name>.tmp", fsync it, rename it over the target, fsync the folder. Reports are
// created owner-only (0600): they may quote what a module answered.

#include <filesystem>
#include <string_view>

namespace athil::report {

// Throws athil_error(bad_input) naming the path and the system's reason when any step fails.
void write_file_atomically(const std::filesystem::path& target, std::string_view content);

} // namespace athil::report
