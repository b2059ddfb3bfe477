#include "suites/case_context.hpp"

#include "harness/core/error.hpp"
#include "harness/core/redactor.hpp"
#include "harness/session/capture_limits.hpp"
#include "suites/bytes_text.hpp"
#include "suites/factory_settings.hpp"

#include <sstream>
#include <thread>

namespace athil::suites {

std::string suite_name(std::string_view clause, std::string_view what) {
    std::string out = "S";
    for (const char c : clause) {
        out += c == '.' ? '_' : c;
    }
    return out + "_" + std::string(what);
}

case_def command_case(const spec::command& cmd, std::string name, std::string summary,
                      spec::source_tag tag, std::function<void(case_context&)> body) {
    case_def c;
    c.suite = suite_name(cmd.clause, cmd.name);
    c.name = std::move(name);
    c.clause = cmd.clause;
    c.tag = tag;
    c.command = cmd.name;
    c.summary = std::move(summary);
    c.file = cmd.file;
    c.line = cmd.line;
    c.body = std::move(body);
    return c;
}

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        out += i == 0 ? "" : "\r\n";
        out += lines[i];
    }
    return out;
}

case_context::case_context(run_environment& env, const case_def& def)
    : env_(env)
    , def_(def) {}

session::at_response case_context::send(const std::string& line) {
    // Also a set form the module refused: a firmware may have stored part of it.
    if (auto name = set_form_command(line); !name.empty()) {
        changed_.push_back(std::move(name));
    }
    return env_.session->command(line, env_.profile.times.command_timeout);
}

void case_context::add_secret(std::string value) {
    // Run-wide: the value stays hidden in later cases, their transcripts and every report. A
    // short value (a boundary test's one-byte password) would blank that text everywhere, so
    // it is hidden in this case's messages only (and after its markers everywhere).
    if (value.size() >= redactor::min_learned_size) {
        run_redactor().register_secret(std::move(value));
    } else {
        case_secrets_.register_secret(std::move(value));
    }
}

void case_context::fail(std::string_view what, std::string_view sent, std::string_view expected,
                        std::string_view received) {
    // A broker that crashed makes every check of the case fail: that is no verdict on the
    // module, so the run ends as an infrastructure failure (exit code 2) instead.
    if (const auto why = env_.rig_failure(); !why.empty()) {
        throw athil_error(errc::process_failed,
                          why + " (the check that failed: " + std::string(what) + ")");
    }
    // The bytes are redacted before escaping (a value after its marker ends at its line end,
    // and a secret with control bytes is still found) and the whole message after it; received
    // bytes not from an at_response (data mode) are bounded like an answer.
    const auto& secrets = run_redactor();
    std::string got;
    std::uint64_t not_kept = 0;
    session::append_bounded(got, received, session::max_answer_bytes, not_kept);
    const auto redacted = [&](std::string_view text) {
        return case_secrets_.redact(secrets.redact(text));
    };
    failed_check_fields fields{redacted(what), redacted(escape_bytes(secrets.redact(sent))),
                               redacted(expected), redacted(escape_bytes(secrets.redact(got)))};
    env_.note(report::timeline_source::harness, "check",
              "failed: " + fields.what + "; expected: " + fields.expected);
    std::ostringstream out;
    out << "clause " << def_.clause << " [" << spec::to_string(def_.tag) << "] " << what << "\n"
        << "  sent:     \"" << escape_bytes(secrets.redact(sent)) << "\"\n"
        << "  expected: " << expected << "\n"
        << "  received: \"" << escape_bytes(secrets.redact(got)) << "\"";
    throw check_failure(redacted(out.str()), std::move(fields));
}

std::string case_context::expected_error_text(error_kind kind) const {
    const auto& e = env_.profile.errors;
    switch (e.style) {
    case spec::error_style::plain:
        return "ERROR";
    case spec::error_style::any:
        return "an error result (ERROR or +CME ERROR:<n>)";
    case spec::error_style::cme: {
        const auto& code =
            kind == error_kind::unknown_command ? e.unknown_command : e.invalid_parameter;
        return code ? "+CME ERROR:" + std::to_string(*code) : "+CME ERROR:<n>";
    }
    }
    return "an error result";
}

void case_context::expect_ok(const session::at_response& r, std::string_view what) {
    if (r.final != session::final_kind::ok) {
        fail(what, r.command + "\r", "final result OK", r.raw);
    }
}

void case_context::expect_error(const session::at_response& r, error_kind kind,
                                std::string_view what) {
    const auto& e = env_.profile.errors;
    bool good = false;
    switch (e.style) {
    case spec::error_style::any:
        good = r.is_error();
        break;
    case spec::error_style::plain:
        good = r.final == session::final_kind::error;
        break;
    case spec::error_style::cme: {
        const auto& code =
            kind == error_kind::unknown_command ? e.unknown_command : e.invalid_parameter;
        good = r.final == session::final_kind::cme_error && (!code || r.cme_code == *code);
        break;
    }
    }
    if (!good) {
        fail(what, r.command + "\r", expected_error_text(kind), r.raw);
    }
}

void case_context::expect_lines(const session::at_response& r,
                                const std::vector<std::string>& expected, std::string_view what) {
    expect_ok(r, what);
    if (r.lines != expected) {
        fail(what, r.command + "\r", "\"" + escape_bytes(join_lines(expected)) + "\" then OK",
             r.raw);
    }
}

std::string case_context::query_line(const spec::command& cmd, bool question) const {
    return "AT+" + cmd.name + (question ? "?" : "");
}

std::vector<std::string> case_context::query(const spec::command& cmd) {
    const auto r = send(query_line(cmd, cmd.query.question_form));
    expect_ok(r, "query " + cmd.name + " answers OK");
    return r.lines;
}

std::string case_context::raw_exchange(std::string_view bytes) {
    auto& s = *env_.session;
    s.write_data(bytes);
    return s.read_data_until_idle(env_.profile.times.quiet_time,
                                  deadline_in(env_.profile.times.command_timeout));
}

std::string case_context::received_since(const session::transcript_mark& mark) {
    auto& log = env_.session->log();
    log.flush();
    std::string out;
    const auto& entries = log.entries();
    for (auto i = mark.index; i < entries.size(); ++i) {
        if (entries[i].dir == session::direction::rx) {
            out += entries[i].bytes;
        }
    }
    return out;
}

void case_context::guard_silence() {
    // Nothing else is sent meanwhile; the wait is the profile's guard time, bounded.
    std::this_thread::sleep_for(env_.profile.times.guard_time);
    env_.session->add_forced_wait(env_.profile.times.guard_time);
}

void case_context::restart(restart_kind kind) {
    auto& s = *env_.session;
    session::at_response r;
    switch (kind) {
    case restart_kind::save:
        r = s.save_and_restart();
        break;
    case restart_kind::discard:
        r = s.restart_without_saving();
        break;
    case restart_kind::factory:
        r = s.factory_reset();
        break;
    }
    expect_ok(r, "the restart command answers OK and the module boots");
    env_.to_command_mode();
}

void case_context::run_restores() {
    while (!restores_.empty()) {
        auto restore = std::move(restores_.back());
        restores_.pop_back();
        restore();
    }
}

} // namespace athil::suites
