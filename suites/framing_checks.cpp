// MANUAL 1.1 line framing: terminators, empty lines, exact response bytes, no space after the
// colon, errors for unknown commands, echo.

#include "suites/behaviour_checks.hpp"
#include "suites/bytes_text.hpp"
#include "suites/case_context.hpp"

namespace athil::suites {
namespace {

using spec::behaviour_check;

std::size_t count(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string_view::npos;
         pos = text.find(what, pos + 1)) {
        ++n;
    }
    return n;
}

// The bytes after the echo (if any): the echo is the command as typed plus CR LF [R]; a module
// may also repeat the CR it received.
std::string_view after_echo(std::string_view raw, std::string_view command) {
    if (!raw.starts_with(command)) {
        return raw;
    }
    auto rest = raw.substr(command.size());
    for (const std::string_view end : {"\r\r\n", "\r\n"}) {
        if (rest.starts_with(end)) {
            return rest.substr(end.size());
        }
    }
    return raw;
}

void expect_info(case_context& ctx, const session::at_response& r, const std::string& info) {
    ctx.expect_ok(r, "the command is executed");
    if (!r.info(info)) {
        ctx.fail("the command is executed", r.command + "\r", "an information line +" + info + ":",
                 r.raw);
    }
}

void cr_terminated(case_context& ctx, const behaviour_check& c) {
    expect_info(ctx, ctx.send(c.input("command")), c.input("info"));
}

void crlf_terminated(case_context& ctx, const behaviour_check& c) {
    const auto line = c.input("command") + "\r\n";
    const auto raw = ctx.raw_exchange(line);
    if (count(raw, "+" + c.input("info") + ":") != 1 || count(raw, "OK\r\n") != 1 ||
        raw.find("ERROR") != std::string::npos) {
        ctx.fail("CR LF ends one command; the LF is not a second (empty) command", line,
                 "one +" + c.input("info") + ": line and one OK, no error", raw);
    }
    expect_info(ctx, ctx.send(c.input("command")), c.input("info"));
}

void empty_line_ignored(case_context& ctx, const behaviour_check&) {
    for (const std::string_view empty : {"\r", "\r\n"}) {
        const auto raw = ctx.raw_exchange(empty);
        if (!raw.empty()) {
            ctx.fail("an empty line is ignored", empty, "no answer at all", raw);
        }
    }
    ctx.expect_ok(ctx.send("AT+MQTTMOD?"), "the module still answers after empty lines");
}

void exact_bytes(case_context& ctx, const std::string& command, const std::string& tail) {
    const auto r = ctx.send(command);
    const auto rest = after_echo(r.raw, command);
    if (rest != tail) {
        ctx.fail("the response bytes are exactly as the manual frames them", command + "\r",
                 "\"" + escape_bytes(tail) + "\" after the echo", r.raw);
    }
}

void query_response_bytes(case_context& ctx, const behaviour_check& c) {
    exact_bytes(ctx, c.input("command"), "\r\n" + c.input("line") + "\r\n\r\nOK\r\n");
}

void set_response_bytes(case_context& ctx, const behaviour_check& c) {
    exact_bytes(ctx, c.input("command"), "\r\nOK\r\n");
}

void no_space_after_colon(case_context& ctx, const behaviour_check&) {
    for (const auto& s : ctx.manual().sections) {
        for (const auto& cmd : s.commands) {
            if (!cmd.has(spec::form::query) || !cmd.clause.starts_with("2.")) {
                continue;
            }
            const auto r = ctx.send(ctx.query_line(cmd, cmd.query.question_form));
            ctx.expect_ok(r, "the query answers OK");
            for (const auto& line : r.lines) {
                const auto colon = line.find(':');
                if (line.starts_with('+') && colon != std::string::npos &&
                    line.compare(colon + 1, 1, " ") == 0) {
                    ctx.fail("no space after the colon of an information response",
                             r.command + "\r", "+" + cmd.name + ":<value>", r.raw);
                }
            }
        }
    }
}

void unknown_command_error(case_context& ctx, const behaviour_check& c) {
    ctx.expect_error(ctx.send(c.input("command")), error_kind::unknown_command,
                     "an unknown command answers an error");
}

void expect_echo(case_context& ctx, const session::at_response& r, bool on, std::string_view why) {
    if (r.echoed != on) {
        ctx.fail(why, r.command + "\r",
                 on ? "the echo \"" + escape_bytes(r.command) + "<CR><LF>\" before the response"
                    : std::string("no echo"),
                 r.raw);
    }
}

void echo_on_by_default(case_context& ctx, const behaviour_check& c) {
    const auto r = ctx.send(c.input("command"));
    ctx.expect_ok(r, "the command answers OK");
    expect_echo(ctx, r, ctx.profile().echo_default,
                ctx.profile().echo_default ? "echo is on after a factory reset"
                                           : "echo is off after a factory reset (profile)");
}

void echo_off_and_on(case_context& ctx, const behaviour_check& c) {
    const std::string initial = ctx.profile().echo_default ? "ON" : "OFF";
    ctx.on_success([&ctx, initial] {
        ctx.expect_ok(ctx.send("AT+E=" + initial), "restoring the echo setting");
    });
    ctx.expect_ok(ctx.send("AT+E=OFF"), "AT+E=OFF answers OK");
    auto r = ctx.send(c.input("command"));
    ctx.expect_ok(r, "the command answers OK");
    expect_echo(ctx, r, false, "after AT+E=OFF commands are not echoed");
    ctx.expect_ok(ctx.send("AT+E=ON"), "AT+E=ON answers OK");
    r = ctx.send(c.input("command"));
    ctx.expect_ok(r, "the command answers OK");
    expect_echo(ctx, r, true, "after AT+E=ON commands are echoed again");
}

} // namespace

void add_framing_checks(check_registry& r) {
    r["CrTerminated"] = {cr_terminated, {"command", "info"}};
    r["CrLfTerminated"] = {crlf_terminated, {"command", "info"}};
    r["EmptyLineIgnored"] = {empty_line_ignored};
    r["QueryResponseBytes"] = {query_response_bytes, {"command", "line"}};
    r["SetResponseBytes"] = {set_response_bytes, {"command"}};
    r["NoSpaceAfterColon"] = {no_space_after_colon};
    r["UnknownCommandError"] = {unknown_command_error, {"command"}};
    r["EchoOnByDefault"] = {echo_on_by_default, {"command"}};
    r["EchoOffAndOn"] = {echo_off_and_on, {"command"}};
}

} // namespace athil::suites
