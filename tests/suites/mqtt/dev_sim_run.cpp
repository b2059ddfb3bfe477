// DEV ONLY (not committed): runs the selected cases against `athil sim` with the rig.
#include "harness/link/open_link.hpp"
#include "harness/process/child_process.hpp"
#include "harness/spec/profile_loader.hpp"
#include "harness/spec/spec_loader.hpp"
#include "suites/case_catalog.hpp"
#include "suites/gtest_cases.hpp"
#include "suites/mqtt/mqtt_checks.hpp"
#include "suites/mqtt/rig.hpp"
#include "suites/run_environment.hpp"

#include <gtest/gtest.h>
#include <iostream>

using namespace athil;
int main(int argc, char** argv) {
    process::install_cleanup_handlers();
    testing::InitGoogleTest(&argc, argv);
    std::string clauses = argc > 1 ? argv[1] : "3";
    std::vector<std::string> quirks(argv + (argc > 2 ? 2 : argc), argv + argc);
    const std::filesystem::path dir = DEV_SUITES_DIR;
    suites::run_environment env;
    env.profile = spec::load_profile(spec::find_profile("reference", {dir / "profiles"}));
    env.manual = suites::apply_profile(spec::load_manual(dir / "spec"), env.profile);
    auto cases = suites::select_clauses(suites::build_cases(env.manual), clauses);
    env.rig = std::make_shared<suites::mqtt::mqtt_rig>(suites::mqtt::rig_options{});
    process::spawn_options so;
    so.argv = {DEV_ATHIL, "sim", "--link", "pty", "--boot-ms", "50"};
    for (auto& a : env.rig->sim_args()) so.argv.push_back(a);
    for (auto& q : quirks) so.argv.push_back("--quirk=" + q);
    so.capture_stdout = true;
    auto sim = process::child::spawn(so);
    auto line = sim.read_stdout_line(deadline_in(std::chrono::seconds(10)));
    if (!line || line->rfind("PTY ", 0) != 0) { std::cerr << "no PTY line\n"; return 2; }
    session::session_options s;
    s.command_timeout = env.profile.times.command_timeout;
    s.guard_time = env.profile.times.guard_time;
    s.restart_timeout = env.profile.times.restart_timeout;
    env.session = std::make_unique<session::module_session>(
        link::open_link(link::parse_link_spec("serial:" + line->substr(4)), deadline_in(std::chrono::seconds(5))), s);
    env.prepare();
    suites::register_cases(env, cases);
    const int r = RUN_ALL_TESTS();
    env.session.reset();
    return r;
}
