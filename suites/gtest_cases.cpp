#include "suites/gtest_cases.hpp"

#include "harness/core/error.hpp"
#include "suites/bytes_text.hpp"
#include "suites/case_context.hpp"

#include <gtest/gtest.h>

#include <optional>

namespace athil::suites {
namespace {

class generated_case : public testing::Test {
public:
    generated_case(run_environment& env, const case_def& def)
        : env_(env)
        , def_(def) {}

    void TestBody() override {
        RecordProperty("clause", def_.clause);
        RecordProperty("tag", std::string(spec::to_string(def_.tag)));
        RecordProperty("source", def_.file + ":" + std::to_string(def_.line));
        RecordProperty("summary", def_.summary);
        if (!def_.command.empty()) {
            RecordProperty("command", "AT+" + def_.command);
        }
        if (!env_.infrastructure_error.empty()) {
            FAIL() << "not run: the module is unreachable: " << env_.infrastructure_error;
        }
        env_.session->log().note("--- case " + def_.full_name() + " (clause " + def_.clause +
                                 ") ---");
        std::optional<std::string> failure;
        case_context ctx(env_, def_);
        try {
            def_.body(ctx);
            ctx.run_restores();
        } catch (const check_failure& f) {
            failure = f.what();
        } catch (const athil_error& e) {
            if (e.code() != errc::timeout && is_infrastructure(e.code())) {
                env_.infrastructure_error = e.what();
            }
            failure = "clause " + def_.clause + ": " + e.what();
        } catch (const std::exception& e) {
            failure = "clause " + def_.clause + ": " + e.what();
        }
        if (!failure) {
            return;
        }
        recover();
        if (const auto* d = env_.profile.deviation_for(def_.full_name())) {
            RecordProperty("deviation", d->id);
            GTEST_SKIP() << "known deviation: " << d->clause << ": " << d->reason << " (" << d->id
                         << ", profile " << env_.profile.name << ")\n"
                         << *failure;
        }
        FAIL() << *failure;
    }

private:
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
};

} // namespace

void register_cases(run_environment& env, const case_list& cases) {
    for (const auto& c : cases) {
        testing::RegisterTest(
            c.suite.c_str(), c.name.c_str(), nullptr, nullptr, c.file.c_str(), c.line,
            [&env, &c]() -> testing::Test* { return new generated_case(env, c); });
    }
}

} // namespace athil::suites
