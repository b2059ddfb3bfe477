#include "harness/dut/sim_dut.hpp"

#include "harness/core/error.hpp"
#include "harness/link/open_link.hpp"

namespace athil::dut {

sim_dut sim_dut::start(const sim_dut_options& options) {
    process::spawn_options spawn;
    const auto exe = options.executable.empty() ? std::filesystem::read_symlink("/proc/self/exe")
                                                : options.executable;
    spawn.argv = {exe.string(), "sim", "--link", "pty"};
    spawn.argv.insert(spawn.argv.end(), options.args.begin(), options.args.end());
    spawn.capture_stdout = true;
    spawn.stderr_path = options.stderr_path;
    auto child = process::child::spawn(spawn);
    const auto line = child.read_stdout_line(deadline_in(options.start_timeout));
    if (!line || !line->starts_with("PTY /")) {
        const std::string said = line ? "'" + *line + "'" : std::string("nothing");
        child.kill();
        throw athil_error(errc::process_failed, "simulator (" + child.command_line() + ") said " +
                                                    said + " instead of 'PTY <path>'");
    }
    return sim_dut(std::move(child), line->substr(4));
}

link::link_spec sim_dut::spec() const {
    return link::parse_link_spec("serial:" + path_);
}

std::unique_ptr<link::byte_link> sim_dut::open(deadline until) const {
    return link::open_link(spec(), until);
}

std::optional<int> sim_dut::stop(std::chrono::milliseconds grace) {
    child_.terminate(grace);
    return child_.exit_code();
}

} // namespace athil::dut
