#include "harness/runner/gtest/restart_batches.hpp"

#include "harness/process/child_process.hpp"
#include "harness/runner/case_timeline.hpp"
#include "suites/case_context.hpp"

#include <functional>
#include <set>

namespace athil::runner {
namespace {

using suites::case_context;
using suites::case_def;
using suites::run_environment;

// What one member collects while the batch runs.
struct member_run {
    const case_def* def = nullptr;
    bool ok = true;
    std::string transcript;
    report::case_evidence evidence;
    // Where its own lines before the restart end: the shared restart goes there.
    std::size_t arranged_chars = 0;
    std::size_t arranged_events = 0;
};

// Runs `step` and appends the transcript and timeline it produced to `into`. A failed check
// fails the member only; anything else (the link, a timeout) ends the batch.
bool record_step(run_environment& env, member_run& into, bool timelines,
                 const std::function<void()>& step) {
    auto& log = env.session->log();
    const auto mark = log.mark();
    const auto started = steady_clock::now();
    bool ok = true;
    try {
        step();
    } catch (const suites::check_failure&) {
        ok = false;
    }
    into.transcript += log.since(mark);
    if (timelines) {
        auto events = collect_timeline(env, mark, started);
        into.evidence.timeline.insert(into.evidence.timeline.end(),
                                      std::make_move_iterator(events.begin()),
                                      std::make_move_iterator(events.end()));
    } else {
        env.notes.clear();
    }
    return ok;
}

std::vector<std::string> changed_commands(const std::vector<member_run>& runs) {
    std::set<std::string> out;
    for (const auto& r : runs) {
        out.insert(r.def->batch->changes.begin(), r.def->batch->changes.end());
    }
    return {out.begin(), out.end()};
}

} // namespace

void restart_batches::add(const case_def& c) {
    if (c.batch) {
        members_[c.batch->key].push_back(&c);
    }
}

std::optional<batched_outcome> restart_batches::take(run_environment& env, const case_def& c,
                                                     bool timelines) {
    if (!c.batch || env.isolated || !env.infrastructure_error.empty() ||
        process::stop_requested() != 0 || members_[c.batch->key].size() < 2) {
        return std::nullopt;
    }
    auto it = waiting_.find(c.full_name());
    if (it == waiting_.end()) {
        run(env, c, timelines);
        it = waiting_.find(c.full_name());
    }
    auto out = std::move(it->second);
    waiting_.erase(it);
    return out;
}

void restart_batches::run(run_environment& env, const case_def& carrier, bool timelines) {
    const auto& steps = *carrier.batch;
    std::vector<member_run> runs;
    for (const auto* m : members_[steps.key]) {
        runs.push_back({m, true, {}, {env.on_clock(steady_clock::now()), {}}, 0, 0});
    }
    auto& log = env.session->log();
    const auto count = std::to_string(runs.size());
    member_run shared;
    bool all_ok = true;
    try {
        env.notes.clear(); // what earlier steps noted outside any case is no member's
        env.ready_for_batch(changed_commands(runs), !steps.save);
        for (auto& r : runs) {
            r.evidence.started_at = env.on_clock(steady_clock::now());
            r.ok = record_step(env, r, timelines, [&env, &r, &log, &steps] {
                log.note("--- case " + r.def->full_name() + " (clause " + r.def->clause +
                         "): set, for the " + steps.key + " it shares ---");
                case_context ctx(env, *r.def);
                r.def->batch->arrange(ctx);
            });
            r.arranged_chars = r.transcript.size();
            r.arranged_events = r.evidence.timeline.size();
        }
        const bool restarted = record_step(env, shared, timelines, [&] {
            log.note("--- one " + steps.key + " for " + count + " cases, counted on " +
                     carrier.full_name() + " ---");
            case_context ctx(env, carrier);
            ctx.restart(steps.save ? suites::restart_kind::save : suites::restart_kind::discard);
        });
        for (auto& r : runs) {
            r.ok = r.ok && restarted && record_step(env, r, timelines, [&env, &r, &log, &steps] {
                       log.note("--- case " + r.def->full_name() + ": after the shared " +
                                steps.key + " ---");
                       case_context ctx(env, *r.def);
                       r.def->batch->verify(ctx);
                   });
            all_ok = all_ok && r.ok;
        }
        if (all_ok) {
            // As after each case alone: saved changes stay for the runner to plan around, the
            // running settings are written back (AT+Z brought saved changes back to them).
            if (steps.save) {
                env.tidy_after_save(changed_commands(runs));
            } else {
                env.after_case(true);
            }
        }
    } catch (const std::exception&) {
        all_ok = false; // the link or the module failed outside any check: each runs alone
        for (auto& r : runs) {
            r.ok = false;
        }
    }
    if (!all_ok && env.infrastructure_error.empty()) {
        try {
            env.recover(); // where the failed members left the module is unknown
        } catch (const std::exception&) {
            env.state = suites::module_state::unknown; // the member run alone tries again
        }
    }
    for (auto& r : runs) {
        batched_outcome o{r.ok, r.transcript, std::move(r.evidence), carrier.full_name(),
                          runs.size()};
        if (r.ok) {
            // The member's own lines, then the restart it shared, then its check.
            o.transcript.insert(r.arranged_chars, shared.transcript);
            auto& t = o.evidence.timeline;
            t.insert(t.begin() + static_cast<std::ptrdiff_t>(r.arranged_events),
                     shared.evidence.timeline.begin(), shared.evidence.timeline.end());
        }
        waiting_[r.def->full_name()] = std::move(o);
    }
}

} // namespace athil::runner
