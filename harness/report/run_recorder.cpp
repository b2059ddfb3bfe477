#include "harness/report/run_recorder.hpp"

#include "harness/core/error.hpp"
#include "harness/core/version.hpp"
#include "harness/report/atomic_file.hpp"

#include <unistd.h>

#include <array>

namespace athil::report {
namespace {

std::string host_name() {
    std::array<char, 256> name{};
    if (::gethostname(name.data(), name.size() - 1) != 0) {
        return {};
    }
    return name.data();
}

} // namespace

report_files files_in(const std::filesystem::path& dir) {
    return {dir / "junit.xml", dir / "report.html", dir / "results.json", dir / "trace.json"};
}

run_recorder::run_recorder(std::filesystem::path dir, run_metadata metadata)
    : dir_(dir)
    , writers_(make_report_writers())
    , start_(steady_clock::now()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        throw athil_error(errc::bad_input,
                          "cannot create report folder " + dir.string() + ": " + ec.message());
    }
    run_.metadata = std::move(metadata);
    if (run_.metadata.start_time == std::chrono::system_clock::time_point{}) {
        run_.metadata.start_time = std::chrono::system_clock::now();
    }
    if (run_.metadata.host.empty()) {
        run_.metadata.host = host_name();
    }
    if (run_.metadata.tool_version.empty()) {
        run_.metadata.tool_version = core::version();
    }
}

void run_recorder::update_duration() {
    run_.metadata.duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(steady_clock::now() - start_);
}

void run_recorder::add(case_result c, std::ostream& warnings) {
    for (auto& w : writers_) {
        w->case_added(c);
    }
    run_.cases.push_back(std::move(c));
    write_progress(warnings);
}

void run_recorder::write_progress(std::ostream& warnings) {
    update_duration();
    try {
        // Each file small enough to rewrite whole: a reader never sees a torn file, and a run
        // stopped by a signal leaves valid files of what finished ("complete": false).
        for (const auto& w : writers_) {
            if (w->written_while_running()) {
                write_file_atomically(dir_ / w->file_name(), w->render(run_, false));
            }
        }
    } catch (const std::exception& e) {
        if (write_error_.empty()) {
            warnings << "athil: warning: " << e.what() << '\n';
        }
        write_error_ = e.what();
    }
}

void run_recorder::write_all() {
    update_duration();
    for (const auto& w : writers_) {
        write_file_atomically(dir_ / w->file_name(), w->render(run_, true));
    }
    write_error_.clear();
}

} // namespace athil::report
