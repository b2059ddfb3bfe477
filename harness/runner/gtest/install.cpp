#include "harness/runner/gtest/install.hpp"

#include "harness/runner/gtest/progress_listener.hpp"
#include "harness/runner/gtest/report_listener.hpp"

#include <unistd.h>

namespace athil::report {

report_session::report_session(std::shared_ptr<run_recorder> recorder, std::ostream& out)
    : recorder_(std::move(recorder))
    , out_(out) {}

report_session::~report_session() {
    if (finished_) {
        return;
    }
    try {
        recorder_->write_all();
    } catch (const std::exception& e) {
        std::cerr << "athil: warning: " << e.what() << '\n';
    }
}

report_summary report_session::finish() {
    finished_ = true;
    recorder_->write_all();
    const auto f = recorder_->files();
    out_ << "athil: reports in " << f.junit.parent_path().string() << "\n"
         << "  JUnit XML:    " << f.junit.string() << "\n"
         << "  HTML report:  " << f.html.string() << "\n"
         << "  results.json: " << f.json.string() << "\n"
         << "  trace.json:   " << f.trace.string() << " (Perfetto, chrome://tracing)\n";
    out_.flush();
    return {recorder_->result().counts(), f};
}

std::unique_ptr<report_session> install(testing::UnitTest& unit, report_options options) {
    auto recorder = std::make_shared<run_recorder>(options.dir, std::move(options.metadata));
    auto& out = options.out == nullptr ? std::cout : *options.out;
    auto& listeners = unit.listeners();
    if (options.progress) {
        const bool tty = options.tty.value_or(is_terminal(STDOUT_FILENO));
        if (options.replace_default_printer) {
            delete listeners.Release(listeners.default_result_printer());
        }
        listeners.Append(
            new progress_listener(out, tty, tty ? terminal_width(STDOUT_FILENO) : 100));
    }
    listeners.Append(new report_listener(recorder, std::cerr));
    return std::make_unique<report_session>(std::move(recorder), out);
}

} // namespace athil::report
