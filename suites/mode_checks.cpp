// MANUAL 1.2 data mode and command mode: the +++ / a / +ok escape, its refusal in command
// mode, AT+ENTM, and the boot banner after AT+S.

#include "harness/core/error.hpp"
#include "suites/behaviour_checks.hpp"
#include "suites/case_context.hpp"

#include <chrono>
#include <regex>
#include <thread>

namespace athil::suites {
namespace {

using spec::behaviour_check;

constexpr std::string_view probe = "AT+MQTTMOD?";

void enter_data_mode(case_context& ctx) {
    ctx.expect_ok(ctx.session().enter_data_mode(), "AT+ENTM answers OK");
}

// Leaves the module in command mode whatever happened in the check.
void back_to_command_mode(case_context& ctx) {
    ctx.on_success([&ctx] { ctx.env().to_command_mode(); });
}

void expect_token(case_context& ctx, std::string_view sent, std::string_view token,
                  std::string_view why) {
    auto& s = ctx.session();
    const auto got = s.read_data_until(token, deadline_in(ctx.profile().times.command_timeout));
    if (got.find(token) == std::string::npos) {
        ctx.fail(why, sent, "\"" + std::string(token) + "\"", got);
    }
}

void plus_handshake(case_context& ctx, const behaviour_check&) {
    enter_data_mode(ctx);
    back_to_command_mode(ctx);
    auto& s = ctx.session();
    // Spelled out byte by byte (not enter_command_mode) so each answer is checked.
    ctx.guard_silence();
    s.write_data("+++");
    expect_token(ctx, "+++", "a", "after the guard time +++ is answered with a");
    s.write_data("a");
    expect_token(ctx, "a", "+ok", "the host's a is answered with +ok");
    ctx.guard_silence();
    ctx.env().to_command_mode(); // the session learns the mode; the module refuses +++ now
    ctx.expect_ok(ctx.send(std::string(probe)), "commands work after the handshake");
}

void plus_refused_in_command_mode(case_context& ctx, const behaviour_check&) {
    ctx.guard_silence();
    const auto raw = ctx.raw_exchange("+++");
    const auto expected = ctx.expected_error_text(error_kind::unknown_command);
    const bool error = ctx.profile().errors.style == spec::error_style::any
                           ? raw.find("ERROR") != std::string::npos
                           : raw.find(expected + "\r\n") != std::string::npos;
    if (!error) {
        ctx.fail("+++ in command mode answers an error", "+++", expected, raw);
    }
    ctx.guard_silence();
    ctx.expect_ok(ctx.send(std::string(probe)), "the module stays in command mode");
}

void plus_without_guard_is_data(case_context& ctx, const behaviour_check& c) {
    enter_data_mode(ctx);
    back_to_command_mode(ctx);
    ctx.guard_silence();
    // Data right before +++ breaks the guard time: the +++ is payload, no "a" may come.
    const std::string bytes = c.input("data", "x") + "+++";
    const auto raw = ctx.raw_exchange(bytes);
    if (raw.find('a') != std::string::npos) {
        // Let the module give up waiting for our "a" (3 s [C]) before the next escape. Its 3 s
        // run from its own "a", which has already arrived here: no latency or pacing to add.
        std::this_thread::sleep_for(std::chrono::milliseconds(3500));
        ctx.fail("+++ without the guard silence before it is data, not an escape", bytes,
                 "no answer", raw);
    }
}

void entm_enters_data_mode(case_context& ctx, const behaviour_check& c) {
    enter_data_mode(ctx);
    back_to_command_mode(ctx);
    const auto line = c.input("command", probe) + "\r";
    const auto raw = ctx.raw_exchange(line);
    if (!raw.empty()) {
        ctx.fail("in data mode a command line is data and gets no answer", line, "no answer", raw);
    }
}

void boot_banner_after_save(case_context& ctx, const behaviour_check&) {
    auto& s = ctx.session();
    const auto mark = s.log().mark();
    const auto r = s.save_and_restart();
    ctx.expect_ok(r, "AT+S answers OK");
    const auto received = ctx.received_since(mark);
    const std::regex banner(ctx.profile().boot_banner);
    if (!std::regex_search(received, banner)) {
        ctx.fail("after AT+S the module restarts and prints its boot banner", "AT+S\r",
                 "a line matching /" + ctx.profile().boot_banner + "/", received);
    }
    ctx.env().to_command_mode();
}

} // namespace

void add_mode_checks(check_registry& r) {
    r["PlusHandshake"] = {plus_handshake};
    r["PlusRefusedInCommandMode"] = {plus_refused_in_command_mode};
    r["EntmEntersDataMode"] = {entm_enters_data_mode, {}, {"command"}};
    r["PlusWithoutGuardIsData"] = {plus_without_guard_is_data, {}, {"data"}};
    r["BootBannerAfterSave"] = {boot_banner_after_save};
}

} // namespace athil::suites
