#pragma once
// Who holds a port that a run could not have to itself. Another athil run says so in the lock
// file it wrote (lock_holder.hpp); a terminal program (picocom, minicom, screen) that took no
// lock is found by looking for the device among every process's open files. Best effort: a
// process of another user may be invisible without privileges, so "" means unknown.

#include <filesystem>
#include <string>

namespace athil::link {

// Processes with `device` open, e.g. "pid 4242 (picocom -b 115200 /dev/ttyUSB0)", joined with
// "; ". The calling process is left out. "" when none is visible.
std::string processes_holding(const std::filesystem::path& device);

} // namespace athil::link
