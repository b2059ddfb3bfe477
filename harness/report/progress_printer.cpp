#include "harness/report/progress_printer.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace athil::report {
namespace {

// Erase the status line being drawn, so the next text starts at column 0 on a clean line.
constexpr std::string_view clear_line = "\r\x1b[2K";

} // namespace

std::string clock_text(std::chrono::seconds s) {
    const auto total = s.count() < 0 ? 0 : s.count();
    if (total >= 3600) {
        return fmt::format("{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60);
    }
    return fmt::format("{}:{:02}", total / 60, total % 60);
}

namespace {

// SGR colours of the verdicts: green, yellow, red, cyan, plain, magenta.
std::string_view colour_of(case_status s) {
    switch (s) {
    case case_status::passed:
        return "\x1b[32m";
    case case_status::flaky:
        return "\x1b[33m";
    case case_status::failed:
        return "\x1b[31m";
    case case_status::known_deviation:
        return "\x1b[36m";
    case case_status::skipped:
        return "";
    case case_status::error:
        return "\x1b[35m";
    }
    return "";
}

} // namespace

std::string progress_printer::coloured_label(case_status s) const {
    const auto colour = colour_ ? colour_of(s) : std::string_view();
    return colour.empty() ? std::string(verdict_label(s))
                          : fmt::format("{}{}\x1b[0m", colour, verdict_label(s));
}

bool colour_wanted(bool tty) {
    const char* no_colour = std::getenv("NO_COLOR");
    return tty && (no_colour == nullptr || *no_colour == '\0');
}

progress_printer::progress_printer(std::ostream& out, bool tty, std::size_t width, bool colour)
    : out_(out)
    , tty_(tty)
    , colour_(colour)
    , width_(width < 20 ? 20 : width) {}

void progress_printer::run_started(std::size_t cases, std::size_t sections,
                                   steady_clock::time_point now) {
    start_ = now;
    total_ = cases;
    sections_ = sections;
    counts_ = {};
    out_ << fmt::format("athil: running {} cases in {} sections\n", cases, sections);
    out_.flush();
}

void progress_printer::section_started(std::string_view name, std::size_t cases,
                                       steady_clock::time_point now) {
    ++section_index_;
    section_ = name;
    section_total_ = cases;
    section_done_ = 0;
    current_.clear();
    if (tty_) {
        draw_status(now, false);
    }
}

void progress_printer::case_started(std::string_view name, steady_clock::time_point now) {
    current_ = name;
    if (tty_) {
        draw_status(now, false);
    }
}

namespace {

// "0.12 s": the plain log's case time.
std::string seconds_text(std::chrono::milliseconds d) {
    return fmt::format("{}.{:02} s", d.count() / 1000, (d.count() % 1000) / 10);
}

// Every line of `text`, indented under the case line.
void indented(std::ostream& out, std::string_view text) {
    while (!text.empty()) {
        const auto end = text.find('\n');
        out << "    " << text.substr(0, end) << '\n';
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
}

} // namespace

void progress_printer::case_finished(const case_result& c, steady_clock::time_point now) {
    ++section_done_;
    counts_.add(c.status);
    current_.clear();
    const bool noteworthy = c.status != case_status::passed;
    if (tty_ && !noteworthy) {
        draw_status(now, false);
        return;
    }
    if (tty_) {
        out_ << clear_line
             << fmt::format("{} {} ({} ms)\n", coloured_label(c.status), c.full_name(),
                            c.duration.count());
    } else {
        const auto digits = std::to_string(total_).size();
        out_ << fmt::format("[{:>{}}/{}] {:<9} {}  {}\n", counts_.total, digits, total_,
                            verdict_label(c.status), c.full_name(), seconds_text(c.duration));
    }
    for (const auto& a : c.failed_attempts) {
        out_ << fmt::format("    attempt {} of {}: {}\n", a.number, c.retries + 1,
                            a.message.empty() ? "failed" : a.message);
    }
    if (!c.message.empty() && noteworthy) {
        out_ << "    " << c.message << '\n';
    }
    // A CI log is all there is to read afterwards: every failed assertion goes in it in full.
    const bool judged_wrong = c.status == case_status::failed || c.status == case_status::error;
    if (!tty_ && judged_wrong && !c.details.empty()) {
        indented(out_, c.details);
    }
    if (tty_) {
        draw_status(now, false);
    }
    out_.flush();
}

void progress_printer::section_finished(steady_clock::time_point now) {
    if (tty_) {
        draw_status(now, true);
    }
}

void progress_printer::run_finished(steady_clock::time_point now) {
    out_ << fmt::format("athil: {} passed, {} flaky, {} failed, {} known deviations, {} skipped, "
                        "{} errors ({} cases in {})\n",
                        counts_.passed, counts_.flaky, counts_.failed, counts_.known_deviations,
                        counts_.skipped, counts_.errors, counts_.total, elapsed_text(now));
    out_.flush();
}

std::string progress_printer::elapsed_text(steady_clock::time_point now) const {
    return clock_text(std::chrono::duration_cast<std::chrono::seconds>(now - start_));
}

void progress_printer::draw_status(steady_clock::time_point now, bool final) {
    std::string line = fmt::format("[{}/{}] {} {}/{}", section_index_, sections_, section_,
                                   section_done_, section_total_);
    line += final ? " done" : (current_.empty() ? "" : " " + current_);
    line += fmt::format(" | {}/{}: {} pass {} fail", counts_.total, total_, counts_.passed,
                        counts_.failed);
    if (counts_.flaky > 0) {
        line += fmt::format(" {} flaky", counts_.flaky);
    }
    if (counts_.known_deviations > 0) {
        line += fmt::format(" {} dev", counts_.known_deviations);
    }
    if (counts_.errors > 0) {
        line += fmt::format(" {} err", counts_.errors);
    }
    line += " | " + elapsed_text(now);
    if (!final && counts_.total > 0 && total_ > counts_.total) {
        // The average so far times what is left: crude, but honest about its inputs.
        const auto done = static_cast<std::chrono::steady_clock::rep>(counts_.total);
        const auto remaining = static_cast<std::chrono::steady_clock::rep>(total_ - counts_.total);
        const auto left = (now - start_) / done * remaining;
        line += " ETA " + clock_text(std::chrono::duration_cast<std::chrono::seconds>(left));
    }
    if (line.size() >= width_) {
        line.resize(width_ - 1);
    }
    out_ << clear_line << line;
    if (final) {
        out_ << '\n';
    }
    out_.flush();
}

} // namespace athil::report
