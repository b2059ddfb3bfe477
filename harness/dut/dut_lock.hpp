#pragma once
// One run per rack DUT: `athil run`, `athil at` and `athil power` take the lock of the DUT id
// they use (lock_file.hpp: held by the kernel, gone with its process however it ends) before
// they touch its port or power. It is the outer lock: the port's own lock (port_lock.hpp) is
// taken after it and never waits, so locks cannot deadlock. `--wait` waits in line for it.

#include "harness/dut/inventory.hpp"
#include "harness/link/lock_file.hpp"

#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>

namespace athil::dut {

// <lock folder>/dut-<id>.lock
std::filesystem::path dut_lock_path(const std::string& id);

// Takes the DUT's lock; while waiting, prints its place in line to `log` whenever it changes.
// Throws athil_error(link_busy) naming the holder, athil_error(bad_input) for a lock folder
// that cannot be written.
link::lock_file lock_dut(const inventory_dut& d, std::chrono::milliseconds wait, std::ostream& log);

// Whether the DUT is held now, by whom, and how many wait.
link::lock_state dut_lock_state(const std::string& id);

// The DUT `id` of `inv`; throws athil_error(bad_input) naming the file and its ids.
const inventory_dut& find_dut(const inventory& inv, const std::string& id);

} // namespace athil::dut
