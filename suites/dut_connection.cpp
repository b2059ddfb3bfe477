#include "suites/dut_connection.hpp"

#include "harness/dut/sim_dut.hpp"
#include "harness/link/link_spec.hpp"
#include "harness/link/open_link.hpp"

namespace athil::suites {

dut_connection connect_dut(const std::string& dut, const std::vector<std::string>& sim_args,
                           deadline until) {
    const auto spec = link::parse_link_spec(dut);
    dut_connection out;
    if (spec.type == link::link_spec::kind::sim) {
        // The simulator is this very program (`athil sim`), reached through its pty.
        auto sim = std::make_shared<dut::sim_dut>(dut::sim_dut::start({.args = sim_args}));
        out.link = sim->open(until);
        out.description = "sim at " + sim->serial_path();
        out.simulator = std::move(sim);
        return out;
    }
    out.link = link::open_link(spec, until);
    out.description = out.link->description();
    return out;
}

} // namespace athil::suites
