// Section S actions (AT+CLEAR, AT+Z, the serial-AT prefix in data mode) and AT+MQTTWILL's short
// form (2.5): behaviours a value table cannot express.

#include "suites/behaviour_checks.hpp"
#include "suites/bytes_text.hpp"
#include "suites/case_context.hpp"

namespace athil::suites {
namespace {

using spec::behaviour_check;

const spec::command& command_of(case_context& ctx, const behaviour_check& c) {
    const auto* cmd = ctx.manual().find(c.input("command"));
    if (cmd == nullptr) {
        ctx.fail("the check names a command of the spec", "", c.input("command"), "");
    }
    return *cmd;
}

std::vector<std::string> shown(const spec::command& cmd, const std::string& value) {
    return {"+" + cmd.name + ":" + value};
}

void serial_at_prefix(case_context& ctx, const behaviour_check& c) {
    const auto prefix = c.input("prefix");
    const auto line = prefix + c.input("command") + "\r";
    ctx.expect_ok(ctx.session().enter_data_mode(), "AT+ENTM answers OK");
    ctx.on_success([&ctx] { ctx.env().to_command_mode(); });
    ctx.session().write_data(line);
    const auto got =
        ctx.session().read_data_until("OK\r\n", deadline_in(ctx.profile().times.command_timeout));
    const auto info = "+" + c.input("info") + ":";
    if (!got.starts_with(prefix) || got.find(info) == std::string::npos ||
        !got.ends_with("OK\r\n")) {
        ctx.fail("in data mode <cmdpw>AT... runs as a command", line,
                 "\"" + escape_bytes(prefix) + "\" then the response with " + info + " and OK",
                 got);
    }
}

void clear_restores_defaults(case_context& ctx, const behaviour_check& c) {
    const auto& cmd = command_of(ctx, c);
    ctx.expect_ok(ctx.send("AT+" + cmd.name + "=" + c.input("value")), "the set form is accepted");
    ctx.restart(restart_kind::save);
    ctx.expect_lines(ctx.send(ctx.query_line(cmd, cmd.query.question_form)),
                     shown(cmd, c.input("value")), "the saved value survives AT+S");
    ctx.restart(restart_kind::factory);
    ctx.expect_lines(ctx.send(ctx.query_line(cmd, cmd.query.question_form)),
                     ctx.env().default_lines(cmd), "after AT+CLEAR the factory default is back");
}

void z_restarts_without_saving(case_context& ctx, const behaviour_check& c) {
    const auto& cmd = command_of(ctx, c);
    ctx.expect_ok(ctx.send("AT+" + cmd.name + "=" + c.input("value")), "the set form is accepted");
    ctx.expect_lines(ctx.send(ctx.query_line(cmd, cmd.query.question_form)),
                     shown(cmd, c.input("value")), "a set changes the query at once");
    ctx.restart(restart_kind::discard);
    ctx.expect_lines(ctx.send(ctx.query_line(cmd, cmd.query.question_form)),
                     ctx.env().default_lines(cmd), "after AT+Z the unsaved change is gone");
}

void will_short_form(case_context& ctx, const behaviour_check& c) {
    const auto* cmd = ctx.manual().find("MQTTWILL");
    if (cmd == nullptr) {
        ctx.fail("the spec describes AT+MQTTWILL", "", "MQTTWILL", "");
    }
    ctx.expect_ok(ctx.send("AT+MQTTWILL=" + c.input("first")), "the full set form is accepted");
    ctx.on_success([&ctx, cmd] {
        const auto lines = ctx.env().default_lines(*cmd);
        ctx.expect_ok(ctx.send("AT+MQTTWILL=" + lines.at(0).substr(cmd->name.size() + 2)),
                      "restoring the default will");
    });
    ctx.expect_ok(ctx.send("AT+MQTTWILL=" + c.input("short")), "AT+MQTTWILL=0 alone is accepted");
    ctx.expect_lines(ctx.send(ctx.query_line(*cmd, true)), shown(*cmd, c.input("expect")),
                     "the short form keeps topic, qos, retained and message");
}

} // namespace

void add_supplementary_checks(check_registry& r) {
    // A clean boot: the prefix and its switch take effect from a boot (MANUAL 1.2), so what a
    // previous case saved for AT+CMDPW or AT+UATEN would decide the verdict.
    r["SerialAtPrefixInDataMode"] = {serial_at_prefix, {"prefix", "command", "info"}};
    // AT+S saves whatever else differs, and AT+CLEAR then resets it all.
    r["ClearRestoresFactoryDefaults"] = {.body = clear_restores_defaults,
                                         .required = {"command", "value"},
                                         .running_settings_enough = true};
    r["ZRestartsWithoutSaving"] = {.body = z_restarts_without_saving,
                                   .required = {"command", "value"},
                                   .running_settings_enough = true,
                                   .reads_saved_input = "command"};
    r["ShortFormKeepsFields"] = {.body = will_short_form,
                                 .required = {"first", "short", "expect"},
                                 .running_settings_enough = true};
}

} // namespace athil::suites
