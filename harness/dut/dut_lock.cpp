#include "harness/dut/dut_lock.hpp"

#include "harness/core/error.hpp"
#include "harness/link/port_lock.hpp"

namespace athil::dut {

std::filesystem::path dut_lock_path(const std::string& id) {
    // Ids are letters, digits, - and _ (the inventory checks): safe as a file name as they are.
    return link::lock_folder() / ("dut-" + id + ".lock");
}

link::lock_file lock_dut(const inventory_dut& d, std::chrono::milliseconds wait,
                         std::ostream& log) {
    const auto progress = [&](const link::lock_state& state, std::size_t place) {
        log << "waiting for DUT " << d.id << " (place " << place << " in line): held by "
            << link::holder_text(state) << std::endl;
    };
    return link::lock_file::acquire(dut_lock_path(d.id), "DUT " + d.id, wait, progress);
}

link::lock_state dut_lock_state(const std::string& id) {
    return link::probe_lock(dut_lock_path(id));
}

const inventory_dut& find_dut(const inventory& inv, const std::string& id) {
    if (const auto* d = inv.find(id)) {
        return *d;
    }
    std::string ids;
    for (const auto& d : inv.duts) {
        ids += (ids.empty() ? "" : ", ") + d.id;
    }
    throw athil_error(errc::bad_input,
                      inv.file.string() + ": no DUT with id '" + id + "' (its DUTs: " + ids + ")");
}

} // namespace athil::dut
