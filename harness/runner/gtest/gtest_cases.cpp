#include "harness/runner/gtest/gtest_cases.hpp"

#include "harness/core/error.hpp"
#include "harness/core/redactor.hpp"
#include "harness/process/child_process.hpp"
#include "harness/runner/case_timeline.hpp"
#include "harness/runner/gtest/case_evidence.hpp"
#include "harness/runner/gtest/case_keys.hpp"
#include "harness/runner/gtest/case_retry.hpp"
#include "harness/runner/gtest/restart_batches.hpp"
#include "suites/bytes_text.hpp"
#include "suites/case_context.hpp"
#include "suites/case_not_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>

namespace athil::runner {

using suites::case_context;
using suites::case_def;
using suites::case_list;
using suites::case_not_run;
using suites::check_failure;
using suites::not_run_prefix;
using suites::run_environment;

namespace {

class generated_case : public testing::Test {
public:
    generated_case(run_environment& env, const case_def& def, case_run_settings settings,
                   failure_limit& limit, restart_batches& batches)
        : env_(env)
        , def_(def)
        , settings_(settings)
        , limit_(limit)
        , batches_(batches) {}

    void TestBody() override {
        namespace keys = report::keys;
        record(keys::clause, def_.clause);
        record(keys::tag, std::string(spec::to_string(def_.tag)));
        record(keys::source, def_.file + ":" + std::to_string(def_.line));
        RecordProperty("summary", def_.summary);
        if (!def_.command.empty()) {
            record(keys::command, "AT+" + def_.command);
        }
        if (limit_.reached()) {
            GTEST_SKIP() << not_run_prefix << " the run stopped after " << limit_.failures
                         << " failed cases (--maxfail " << limit_.max_failures << ")";
        }
        const auto restarts_before = env_.session->restarts();
        const auto waited_before = env_.session->forced_wait();
        if (const auto shared = batches_.take(env_, def_, settings_.timelines)) {
            const auto what = def_.batch->key + " of " + std::to_string(shared->members) + " cases";
            if (shared->passed) {
                record(keys::shared_restart, what + ", counted on " + shared->carrier);
                record(keys::transcript, shared->transcript);
                report::hand_over_evidence(def_.full_name(), shared->evidence);
                record_restarts(restarts_before, waited_before);
                return;
            }
            record(keys::shared_restart, what + " failed it; judged alone");
        }
        report::run_with_retries(settings_.retries,
                                 [this](unsigned attempt, std::string& transcript) {
                                     run_attempt(attempt, transcript);
                                 });
        record_restarts(restarts_before, waited_before);
        if (HasFailure()) {
            ++limit_.failures;
        }
    }

private:
    // One try of the case; a failure it reports is captured by run_with_retries unless this
    // is the last try.
    void run_attempt(unsigned attempt, std::string& transcript) {
        namespace keys = report::keys;
        if (const int signal_number = process::stop_requested(); signal_number != 0) {
            GTEST_SKIP() << not_run_prefix << " the run was interrupted ("
                         << sigabbrev_np(signal_number) << ")";
        }
        if (!env_.infrastructure_error.empty()) {
            record(keys::infrastructure, env_.infrastructure_error);
            FAIL() << "not run: the module is unreachable: " << env_.infrastructure_error;
        }
        auto& log = env_.session->log();
        const auto mark = log.begin_case();
        const auto started = steady_clock::now();
        env_.notes.clear(); // what earlier steps noted outside any case is not this case's
        log.note("--- case " + def_.full_name() + " (clause " + def_.clause + ")" +
                 (attempt > 1 ? ", attempt " + std::to_string(attempt) : std::string()) + " ---");
        if (!ready_for_case()) {
            record(keys::infrastructure, env_.infrastructure_error);
            FAIL() << "not run: " << env_.infrastructure_error;
        }
        std::string not_run;
        env_.shared_from.clear();
        auto failure = run_and_settle(not_run);
        if (!env_.shared_from.empty()) {
            record(keys::shared_connection, env_.shared_from);
            if (failure && env_.infrastructure_error.empty()) {
                failure = rerun_in_own_world(*failure, not_run);
            }
        }
        if (failure) {
            recover();
        }
        transcript = log.since(mark);
        record(keys::transcript, transcript);
        report::hand_over_evidence(
            def_.full_name(),
            {env_.on_clock(started), settings_.timelines ? collect_timeline(env_, mark, started)
                                                         : std::vector<report::timeline_event>{}});
        if (!env_.infrastructure_error.empty()) {
            record(keys::infrastructure, env_.infrastructure_error);
        }
        if (!not_run.empty()) {
            GTEST_SKIP() << not_run_prefix << " " << not_run;
        }
        // The stop signalled the simulator and brokers: what the case saw since says nothing
        // about the module.
        if (const int signal_number = process::stop_requested(); signal_number != 0) {
            GTEST_SKIP() << not_run_prefix << " the run was interrupted ("
                         << sigabbrev_np(signal_number) << ") while this case ran";
        }
        if (!failure) {
            return;
        }
        // A wire-monitor finding is tolerated only by a deviation that names its statement.
        if (const auto* d = failed_statement_.empty() ? env_.profile.deviation_for(def_.full_name())
                                                      : env_.profile.statement_deviation(
                                                            def_.full_name(), failed_statement_)) {
            record(keys::deviation, d->id);
            GTEST_SKIP() << keys::known_deviation_prefix << " " << d->clause << ": " << d->reason
                         << " (" << d->id << ", profile " << env_.profile.name << ")\n"
                         << *failure;
        }
        FAIL() << *failure;
    }

private:
    static void record(std::string_view key, const std::string& value) {
        RecordProperty(std::string(key), value);
    }

    // What the case cost in restarts and forced waits, counted by the session since `before`.
    void record_restarts(const session::restart_tally& before,
                         std::chrono::milliseconds waited_before) {
        namespace keys = report::keys;
        const auto& now = env_.session->restarts();
        const session::restart_tally mine{now.save - before.save, now.discard - before.discard,
                                          now.factory - before.factory};
        record(keys::restarts, std::to_string(mine.total()));
        std::string by_command;
        for (const auto& [name, count] :
             {std::pair{"AT+S", mine.save}, std::pair{"AT+Z", mine.discard},
              std::pair{"AT+CLEAR", mine.factory}}) {
            if (count > 0) {
                by_command += (by_command.empty() ? "" : " ") + std::string(name) + ":" +
                              std::to_string(count);
            }
        }
        record(keys::restart_commands, by_command);
        record(keys::forced_wait_ms,
               std::to_string((env_.session->forced_wait() - waited_before).count()));
    }

    // The body, then (after a pass) the write-back of what an AT+Z brought back.
    std::optional<std::string> run_and_settle(std::string& not_run) {
        const auto discards_before = env_.session->restarts().discard;
        auto failure = run_body(not_run);
        if (!failure) {
            failure = settle(env_.session->restarts().discard != discards_before);
        }
        return failure;
    }

    // A case that failed on a shared connection may have failed for what an earlier case left
    // there: its verdict is the outcome in a world of its own (AT+CLEAR, its own configuration
    // and AT+S), and the shared attempt stays in the transcript, the timeline and the report.
    std::optional<std::string> rerun_in_own_world(const std::string& shared_failure,
                                                  std::string& not_run) {
        namespace keys = report::keys;
        record(keys::shared_attempt, shared_failure);
        env_.note(report::timeline_source::harness, "shared attempt failed",
                  shared_failure.substr(0, shared_failure.find('\n')));
        env_.session->log().note("--- the attempt on the shared connection failed; the case runs "
                                 "again in its own world ---");
        for (const auto key :
             {keys::check_what, keys::check_sent, keys::check_expected, keys::check_received}) {
            record(key, ""); // the rerun's own, if it fails
        }
        recover();
        if (!env_.infrastructure_error.empty()) {
            return shared_failure;
        }
        env_.refuse_sharing = true;
        auto failure = run_and_settle(not_run);
        env_.refuse_sharing = false;
        return failure;
    }

    // The failure message, if the case failed; restores run only after a pass. A case the rig
    // cannot run sets `not_run` to the reason and has no verdict.
    std::optional<std::string> run_body(std::string& not_run) {
        case_context ctx(env_, def_);
        failed_statement_.clear();
        try {
            def_.body(ctx);
            ctx.run_restores();
            return std::nullopt;
        } catch (const case_not_run& n) {
            not_run = n.what();
            ctx.run_restores();
            return std::nullopt;
        } catch (const check_failure& f) {
            namespace keys = report::keys;
            record(keys::check_what, f.fields().what);
            record(keys::check_sent, f.fields().sent);
            record(keys::check_expected, f.fields().expected);
            record(keys::check_received, f.fields().received);
            failed_statement_ = f.fields().statement;
            return std::string(f.what());
        } catch (const athil_error& e) {
            if (e.code() != errc::timeout && is_infrastructure(e.code())) {
                env_.infrastructure_error = e.what();
            } else {
                blame_a_dead_rig();
            }
            return "clause " + def_.clause + ": " + e.what();
        } catch (const std::exception& e) {
            blame_a_dead_rig();
            return "clause " + def_.clause + ": " + e.what();
        }
    }

    // A timeout or an exception while a broker of the rig is dead says nothing about the
    // module (it waited for a broker that was not there): the case is the rig's error, and
    // the run ends as an infrastructure failure (exit code 2).
    void blame_a_dead_rig() {
        if (auto why = env_.rig_failure(); !why.empty()) {
            env_.infrastructure_error = std::move(why);
        }
    }

    // The clean boot this case needs first, when the previous one left the module elsewhere
    // (its restart is counted for this case and shows in its transcript). False when the
    // module could not be brought there.
    bool ready_for_case() {
        try {
            env_.ready_for(def_);
            return true;
        } catch (const std::exception& e) {
            env_.infrastructure_error =
                std::string("the clean boot before the case failed: ") + e.what();
            return false;
        }
    }

    // After a pass: saved changes an AT+Z brought back into the running settings are written
    // back. A link that fails meanwhile is the case's failure, like one in its body.
    std::optional<std::string> settle(bool discarded) {
        try {
            env_.after_case(discarded);
            return std::nullopt;
        } catch (const athil_error& e) {
            if (is_infrastructure(e.code())) {
                env_.infrastructure_error = e.what();
            }
            return "clause " + def_.clause + ": after the case: " + e.what();
        }
    }

    // After a failure the module may be anywhere: factory defaults for the next case.
    void recover() {
        if (!env_.infrastructure_error.empty()) {
            return;
        }
        try {
            env_.recover();
        } catch (const std::exception& e) {
            env_.infrastructure_error =
                std::string("recovery after a failed case failed: ") + e.what();
        }
    }

    run_environment& env_;
    const case_def& def_;
    case_run_settings settings_;
    failure_limit& limit_;
    restart_batches& batches_;
    std::string failed_statement_; // of the last attempt's check_failure, if the monitor's
};

// The factory defaults of secret parameters are printed in the manual: no secret, and the
// default password doubles as the usr.cn# serial-AT prefix, which must stay readable.
void declare_public_defaults(const spec::manual& manual) {
    for (const auto& section : manual.sections) {
        for (const auto& cmd : section.commands) {
            const bool secret = std::ranges::any_of(cmd.parameters, &spec::parameter::secret);
            for (const auto& value : secret ? cmd.defaults : std::vector<std::string>{}) {
                run_redactor().declare_public(value);
            }
        }
    }
}

} // namespace

void register_cases(run_environment& env, const case_list& cases, case_run_settings settings,
                    failure_limit& limit) {
    declare_public_defaults(env.manual);
    // Lives as long as the registered factories that hold it (until the process ends).
    auto batches = std::make_shared<restart_batches>();
    for (const auto& c : cases) {
        batches->add(c);
    }
    for (const auto& c : cases) {
        testing::RegisterTest(c.suite.c_str(), c.name.c_str(), nullptr, nullptr, c.file.c_str(),
                              c.line, [&env, &c, settings, &limit, batches]() -> testing::Test* {
                                  return new generated_case(env, c, settings, limit, *batches);
                              });
    }
}

} // namespace athil::runner
