#include "suites/command_cases.hpp"

#include "harness/core/error.hpp"
#include "harness/spec/spec_loader.hpp"
#include "suites/bytes_text.hpp"
#include "suites/case_context.hpp"
#include "suites/factory_settings.hpp"
#include "suites/value_model.hpp"

#include <regex>

namespace athil::suites {
namespace {

using spec::command;
using spec::param_type;

// Where a change shows in the query: the whole value (single) or one slot line.
struct target {
    unsigned slot = 0; // 0 = single layout
};

unsigned probe_slot(const command& cmd) {
    return cmd.query.slot_count >= 2 ? 2 : 1;
}

// The factory lines of a command: from the spec, or as first observed when the spec gives none
// (each case starts factory-fresh, so the first query of a run sees the factory value).
std::vector<std::string> base_lines(case_context& ctx, const command& cmd) {
    if (cmd.has_defaults()) {
        return ctx.env().default_lines(cmd);
    }
    auto& cache = ctx.env().observed_defaults;
    if (const auto it = cache.find(cmd.name); it != cache.end()) {
        return it->second;
    }
    auto lines = ctx.query(cmd);
    cache.emplace(cmd.name, lines);
    return lines;
}

// The default fields of the line a change shows in (the slot's line, or the single value).
fields default_fields(case_context& ctx, const command& cmd, unsigned slot) {
    const auto lines = base_lines(ctx, cmd);
    if (lines.empty()) {
        ctx.fail("the query answers a value", ctx.query_line(cmd, cmd.query.question_form),
                 "+" + cmd.name + ":<value>", "");
    }
    if (slot == 0) {
        const auto prefix = "+" + cmd.name + ":";
        return split_fields(cmd, std::string_view(lines.at(0)).substr(prefix.size()));
    }
    return split_fields(cmd, lines.at(slot));
}

// The query lines after the fields `sent` were stored at `slot`.
std::vector<std::string> lines_after(case_context& ctx, const command& cmd, unsigned slot,
                                     const fields& sent) {
    fields shown;
    for (std::size_t i = 0; i < sent.size() && i < cmd.parameters.size(); ++i) {
        shown.push_back(reads_back(cmd.parameters[i], sent[i]));
    }
    auto lines = base_lines(ctx, cmd);
    if (slot == 0) {
        lines.at(0) = "+" + cmd.name + ":" + join_fields(shown);
    } else {
        lines.at(slot) = join_fields(shown);
    }
    return lines;
}

// Puts the defaults back with the set form, or by a restart without saving when a default is
// not settable (an empty Alibaba field cannot be set: 1..N bytes).
void restore_defaults(case_context& ctx, const command& cmd, unsigned slot) {
    const auto d = default_fields(ctx, cmd, slot);
    bool settable = d.size() == cmd.parameters.size();
    for (std::size_t i = 0; settable && i < d.size(); ++i) {
        settable = is_valid(cmd.parameters[i], d[i]);
    }
    if (!settable && ctx.env().isolated) {
        ctx.restart(restart_kind::discard);
        return;
    }
    if (!settable) {
        ctx.env().defer_restore(cmd.name); // until a case needs it back (runner)
        return;
    }
    const auto r = ctx.send(set_line(cmd, d));
    ctx.expect_ok(r, "restoring the default with the set form");
}

// Every parameter at a valid value different from the default (slot: the probe slot).
fields alternate_fields(case_context& ctx, const command& cmd, unsigned slot) {
    auto f = default_fields(ctx, cmd, slot);
    f.resize(cmd.parameters.size());
    for (std::size_t i = 0; i < cmd.parameters.size(); ++i) {
        const auto& p = cmd.parameters[i];
        f[i] = p.slot_index ? std::to_string(slot) : alternate_value(p, f[i]);
    }
    return f;
}

void add_secrets(case_context& ctx, const command& cmd, const fields& f) {
    for (std::size_t i = 0; i < f.size() && i < cmd.parameters.size(); ++i) {
        if (cmd.parameters[i].secret) {
            ctx.add_secret(f[i]);
        }
    }
}

// Set, expect OK, expect the query to show it, then restore the defaults.
void accept_and_read_back(case_context& ctx, const command& cmd, unsigned slot, const fields& f) {
    add_secrets(ctx, cmd, f);
    const auto line = set_line(cmd, f);
    ctx.expect_ok(ctx.send(line), "a valid set form is accepted");
    ctx.on_success([&ctx, &cmd, slot] { restore_defaults(ctx, cmd, slot); });
    const auto shown = ctx.send(ctx.query_line(cmd, cmd.query.question_form));
    ctx.expect_lines(shown, lines_after(ctx, cmd, slot, f),
                     "the query shows the value just set (" + escape_bytes(line) + ")");
}

// Send an invalid set form: error result, and every stored value as before.
void reject_unchanged(case_context& ctx, const command& cmd, const std::string& line) {
    const auto before = ctx.query(cmd);
    ctx.expect_error(ctx.send(line), error_kind::invalid_parameter,
                     "an invalid set form is rejected");
    const auto after = ctx.send(ctx.query_line(cmd, cmd.query.question_form));
    ctx.expect_lines(after, before, "a rejected command changes nothing (query before and after)");
}

case_def make(const command& cmd, std::string name, std::string summary,
              std::function<void(case_context&)> body, spec::source_tag tag) {
    return command_case(cmd, std::move(name), std::move(summary), tag, std::move(body));
}

void form_cases(const command& cmd, case_list& out) {
    const auto* c = &cmd;
    if (cmd.has(spec::form::test)) {
        out.push_back(make(
            cmd, "TestForm", "AT+" + cmd.name + "=? answers the documented text",
            [c](case_context& ctx) {
                ctx.expect_lines(ctx.send("AT+" + c->name + "=?"), {*c->test_text},
                                 "the test form answers the documented text");
            },
            cmd.tag));
    } else if (cmd.missing_forms_rejected) {
        out.push_back(make(
            cmd, "TestFormRejected", "a command without a test form rejects it",
            [c](case_context& ctx) {
                ctx.expect_error(ctx.send("AT+" + c->name + "=?"), error_kind::unknown_command,
                                 "a missing test form answers an error");
            },
            spec::source_tag::manual));
    }
    if (!cmd.has(spec::form::query) && cmd.missing_forms_rejected) {
        out.push_back(make(
            cmd, "QueryFormRejected", "a command without a query rejects both forms",
            [c](case_context& ctx) {
                for (const bool q : {false, true}) {
                    ctx.expect_error(ctx.send(ctx.query_line(*c, q)), error_kind::unknown_command,
                                     "a missing query form answers an error");
                }
            },
            spec::source_tag::manual));
    }
    if (!cmd.has(spec::form::set) && cmd.missing_forms_rejected) {
        out.push_back(make(
            cmd, "SetFormRejected", "a command without a set form rejects it",
            [c](case_context& ctx) {
                const auto before = ctx.query(*c);
                ctx.expect_error(ctx.send("AT+" + c->name + "=1"), error_kind::unknown_command,
                                 "a missing set form answers an error");
                ctx.expect_lines(ctx.send(ctx.query_line(*c, c->query.question_form)), before,
                                 "the rejected set form changed nothing");
            },
            spec::source_tag::manual));
    }
}

void query_cases(const command& cmd, case_list& out) {
    if (!cmd.has(spec::form::query)) {
        return;
    }
    const auto* c = &cmd;
    if (cmd.has_defaults()) {
        out.push_back(make(
            cmd, "QueryDefault", "the query shows the factory default",
            [c](case_context& ctx) {
                ctx.expect_lines(ctx.send(ctx.query_line(*c, c->query.question_form)),
                                 ctx.env().default_lines(*c),
                                 "after a factory reset the query shows the default");
            },
            cmd.tag));
    }
    if (!cmd.query.line_pattern.empty()) {
        out.push_back(make(
            cmd, "QueryFormat", "the query line has the documented format",
            [c](case_context& ctx) {
                const auto r = ctx.send(ctx.query_line(*c, c->query.question_form));
                ctx.expect_ok(r, "the query answers OK");
                const std::regex re(c->query.line_pattern);
                if (r.lines.size() != 1 || !std::regex_match(r.lines[0], re)) {
                    ctx.fail("the query answers one line of the documented format",
                             r.command + "\r", "one line matching " + c->query.line_pattern, r.raw);
                }
            },
            cmd.tag));
    }
    if (cmd.query.bare_form && cmd.query.question_form) {
        out.push_back(make(
            cmd, "QueryFormsAgree", "AT+X and AT+X? give the same answer",
            [c](case_context& ctx) {
                const auto bare = ctx.send(ctx.query_line(*c, false));
                ctx.expect_ok(bare, "AT+" + c->name + " answers OK");
                ctx.expect_lines(ctx.send(ctx.query_line(*c, true)), bare.lines,
                                 "both query forms give the same answer");
            },
            spec::source_tag::manual));
    }
}

void value_cases(const command& cmd, case_list& out) {
    const auto* c = &cmd;
    for (std::size_t i = 0; i < cmd.parameters.size(); ++i) {
        const auto& p = cmd.parameters[i];
        const auto pname = spec::camel_case(p.name);
        for (const auto& v : accepted_values(p)) {
            out.push_back(make(
                cmd, "SetAccepts" + pname + v.label,
                p.name + " = '" + (p.secret ? "******" : v.text) + "' is accepted and read back",
                [c, i, v](case_context& ctx) {
                    const auto& param = c->parameters[i];
                    const unsigned slot =
                        c->query.layout == spec::query_layout::slots
                            ? (param.slot_index ? static_cast<unsigned>(std::stoul(v.text))
                                                : probe_slot(*c))
                            : 0;
                    // Writing a slot index: change the other fields too, so
                    // the write is observable in that slot's line.
                    auto f = param.slot_index ? alternate_fields(ctx, *c, slot)
                                              : default_fields(ctx, *c, slot);
                    f.resize(c->parameters.size());
                    f[i] = v.text;
                    accept_and_read_back(ctx, *c, slot, f);
                },
                p.tag));
        }
        for (const auto& v : rejected_values(p)) {
            out.push_back(make(
                cmd, "SetRejects" + pname + v.label,
                p.name + " = '" + escape_bytes(v.text.substr(0, 40)) +
                    "' is rejected, nothing changes",
                [c, i, v](case_context& ctx) {
                    const unsigned slot =
                        c->query.layout == spec::query_layout::slots ? probe_slot(*c) : 0;
                    auto f = alternate_fields(ctx, *c, slot);
                    add_secrets(ctx, *c, f);
                    f[i] = v.text;
                    reject_unchanged(ctx, *c, set_line(*c, f));
                },
                p.tag));
        }
        if (p.omitted_reads_back && p.optional && i + 1 == cmd.parameters.size()) {
            out.push_back(make(
                cmd, "SetWithout" + pname,
                p.name + " left out reads back as " + *p.omitted_reads_back,
                [c, i](case_context& ctx) {
                    const unsigned slot =
                        c->query.layout == spec::query_layout::slots ? probe_slot(*c) : 0;
                    auto f = alternate_fields(ctx, *c, slot);
                    f.resize(i);
                    auto shown = f;
                    shown.push_back(*c->parameters[i].omitted_reads_back);
                    ctx.expect_ok(ctx.send(set_line(*c, f)), "the short set form is accepted");
                    ctx.on_success([&ctx, c, slot] { restore_defaults(ctx, *c, slot); });
                    ctx.expect_lines(ctx.send(ctx.query_line(*c, c->query.question_form)),
                                     lines_after(ctx, *c, slot, shown),
                                     "the omitted parameter reads back as its default");
                },
                p.tag));
        }
    }
}

// Set every parameter to a value other than the default, then AT+Z (the unsaved value is gone)
// or AT+S (it survives). The steps are shared so that one restart can verify the cases of many
// commands (case_def::batch); the body runs them alone, with the restart of its own.
case_def persistence_case(const command& cmd, bool save) {
    const auto* c = &cmd;
    const auto slot = cmd.query.layout == spec::query_layout::slots ? probe_slot(cmd) : 0U;
    auto steps = std::make_shared<shared_restart>();
    steps->key = save ? "AT+S" : "AT+Z";
    steps->save = save;
    steps->changes = {cmd.name};
    steps->arrange = [c, slot](case_context& ctx) {
        const auto f = alternate_fields(ctx, *c, slot);
        add_secrets(ctx, *c, f);
        ctx.expect_ok(ctx.send(set_line(*c, f)), "the set form is accepted");
    };
    if (save) {
        steps->verify = [c, slot](case_context& ctx) {
            ctx.expect_lines(ctx.send(ctx.query_line(*c, c->query.question_form)),
                             lines_after(ctx, *c, slot, alternate_fields(ctx, *c, slot)),
                             "after AT+S and the restart the query shows the saved value");
        };
    } else {
        steps->verify = [c](case_context& ctx) {
            ctx.expect_lines(ctx.send(ctx.query_line(*c, c->query.question_form)),
                             base_lines(ctx, *c),
                             "after AT+Z the query shows the saved (default) value");
        };
    }
    auto body = [steps, save](case_context& ctx) {
        steps->arrange(ctx);
        if (save) {
            // The saved value stays until a case needs the saved defaults (planned by the
            // runner); the running one is written back.
            ctx.on_success([&ctx] { ctx.env().tidy_after_save(ctx.changed_commands()); });
        }
        ctx.restart(save ? restart_kind::save : restart_kind::discard);
        steps->verify(ctx);
    };
    auto out = save ? make(cmd, "SavePersists", "set, AT+S, and the value survives the restart",
                           body, spec::source_tag::manual)
                    : make(cmd, "ZDiscardsUnsaved", "set, AT+Z, and the unsaved value is gone",
                           body, spec::source_tag::reference);
    // The work mode too: saved, it makes the shared boot an MQTT one, and the harness takes the
    // module back to command mode from there as it does after WKMOD's restart of its own.
    out.batch = std::move(steps);
    return out;
}

void shape_cases(const command& cmd, case_list& out) {
    const auto* c = &cmd;
    std::size_t required = 0;
    for (const auto& p : cmd.parameters) {
        required += p.optional ? 0 : 1;
    }
    const auto slot_of = [](const command& k) {
        return k.query.layout == spec::query_layout::slots ? probe_slot(k) : 0U;
    };
    if (required >= 2) {
        out.push_back(make(
            cmd, "SetRejectsMissingParameter",
            "a set form without its last required parameter is rejected",
            [c, required, slot_of](case_context& ctx) {
                auto f = alternate_fields(ctx, *c, slot_of(*c));
                f.resize(required - 1);
                reject_unchanged(ctx, *c, set_line(*c, f));
            },
            spec::source_tag::manual));
    }
    if (cmd.parameters.back().type != param_type::rest) {
        out.push_back(make(
            cmd, "SetRejectsExtraParameter", "a set form with one parameter too many is rejected",
            [c, slot_of](case_context& ctx) {
                auto f = alternate_fields(ctx, *c, slot_of(*c));
                f.push_back("1");
                reject_unchanged(ctx, *c, set_line(*c, f));
            },
            spec::source_tag::reference));
    }
    if (cmd.saved) {
        // AT+Z first: it reads the saved defaults, which the AT+S case leaves changed.
        out.push_back(persistence_case(cmd, false));
        out.push_back(persistence_case(cmd, true));
    }
}

void secret_cases(const command& cmd, case_list& out) {
    const auto* c = &cmd;
    for (std::size_t i = 0; i < cmd.parameters.size(); ++i) {
        if (!cmd.parameters[i].secret) {
            continue;
        }
        out.push_back(make(
            cmd, "SecretRedacted", "the value set never appears in the transcript",
            [c, i](case_context& ctx) {
                const auto& p = c->parameters[i];
                const auto length =
                    static_cast<std::size_t>(std::clamp<std::int64_t>(14, p.min, p.max));
                const auto secret = filler(length, "Zq7Secret");
                const auto mark = ctx.session().log().mark();
                auto f = default_fields(ctx, *c, 0);
                f.resize(c->parameters.size());
                f[i] = secret;
                accept_and_read_back(ctx, *c, 0, f);
                const auto text = ctx.session().log().since(mark);
                if (text.find(secret) != std::string::npos) {
                    ctx.fail("the secret is redacted in the transcript", set_line(*c, f),
                             "no occurrence of the secret",
                             "the transcript holds the secret in clear");
                }
            },
            spec::source_tag::manual));
    }
}

} // namespace

// Cases that restart only with AT+S or to read the saved value of their own command need no
// clean boot: running factory settings do, whatever other commands' saved values are
// (run_environment::ready_for). The work mode (it decides what a boot does) keeps the clean
// boot.
void plan_restarts(const spec::command& cmd, case_list& cases) {
    if (cmd.name == "WKMOD") {
        return;
    }
    for (auto& c : cases) {
        c.needs = start_need::running_settings;
        if (c.name == "ZDiscardsUnsaved") {
            c.reads_saved = cmd.name;
        }
        // Only the persistence cases restart; a restore of a default the set form cannot
        // write waits for the runner (run_environment::defer_restore).
        c.keeps_running_changes = c.name != "ZDiscardsUnsaved" && c.name != "SavePersists";
        c.reads_default = c.name == "QueryDefault";
    }
}

case_list command_cases(const spec::command& cmd) {
    case_list out;
    form_cases(cmd, out);
    query_cases(cmd, out);
    const bool read_back = cmd.has(spec::form::set) && cmd.has(spec::form::query);
    if (read_back) {
        value_cases(cmd, out);
        shape_cases(cmd, out);
        secret_cases(cmd, out);
    } else if (cmd.has(spec::form::set)) {
        // Without a query nothing reads a value back, so only a generator that knows how to
        // observe the effect can test the set form. A new set-only command in the data must not
        // pass with no value cases at all.
        if (!loads_certificates(cmd)) {
            throw athil_error(
                errc::bad_input,
                cmd.file + ":" + std::to_string(cmd.line) + ": command " + cmd.name +
                    " has a set form but no query form, and no generator of set-only value "
                    "cases takes it (the certificate generator needs exactly the parameters "
                    "<enum>,<pem>): give it a query form, or add its generator to "
                    "suites/command_cases.cpp");
        }
        auto extra = certificate_cases(cmd);
        out.insert(out.end(), std::make_move_iterator(extra.begin()),
                   std::make_move_iterator(extra.end()));
        for (auto& c : out) {
            // They send loads and read answers only; a loaded certificate waits for the
            // restart a later case needs (run_environment::defer_restore).
            c.needs = start_need::running_settings;
            c.keeps_running_changes = true;
        }
        return out;
    }
    plan_restarts(cmd, out);
    return out;
}

} // namespace athil::suites
