#pragma once
// What a person watching a run sees. On a terminal: one status line per manual section that
// updates in place (section progress, the case now running, run-wide counts, elapsed, ETA),
// with each failure printed above it as it happens. Anywhere else (CI logs): one plain line
// per finished case, "[ 12/467] PASS      S2_3_MQTTPUBTP.SetRejectsQos3  0.12 s", a failure
// followed by its one-line message and every failed assertion in full (the log is all a CI
// reader has), a flaky case by the message of each failed attempt. The printer is given the time
// with every event, so it does no timing of its own and its output can be tested exactly.

#include "harness/core/clock.hpp"
#include "harness/report/run_model.hpp"

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

namespace athil::report {

// Colour on a terminal unless NO_COLOR is set to anything (no-color.org); never in a log.
bool colour_wanted(bool tty);

class progress_printer {
public:
    // width: the terminal's columns; status lines are cut to fit, since a wrapped line can no
    // longer be redrawn with a carriage return. colour: verdicts in colour (colour_wanted).
    progress_printer(std::ostream& out, bool tty, std::size_t width = 100, bool colour = false);

    void run_started(std::size_t cases, std::size_t sections, steady_clock::time_point now);
    void section_started(std::string_view name, std::size_t cases, steady_clock::time_point now);
    void case_started(std::string_view name, steady_clock::time_point now);
    void case_finished(const case_result& c, steady_clock::time_point now);
    void section_finished(steady_clock::time_point now);
    void run_finished(steady_clock::time_point now);

    const run_counts& counts() const { return counts_; }

private:
    void draw_status(steady_clock::time_point now, bool final);
    std::string coloured_label(case_status s) const;
    std::string elapsed_text(steady_clock::time_point now) const;

    std::ostream& out_;
    bool tty_;
    bool colour_;
    std::size_t width_;
    steady_clock::time_point start_{};
    std::size_t total_ = 0;
    std::size_t sections_ = 0;
    std::size_t section_index_ = 0;
    std::string section_;
    std::size_t section_total_ = 0;
    std::size_t section_done_ = 0;
    std::string current_;
    run_counts counts_;
};

// "0:42", "1:02:03"
std::string clock_text(std::chrono::seconds s);

} // namespace athil::report
