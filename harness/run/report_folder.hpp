#pragma once
// The folder a run's reports go to, claimed for the run before anything else starts:
// - created private (0700) when the run makes it: reports hold the module's identity, its
//   answers and transcripts, which a rack may consider private;
// - proved writable, so an unwritable folder stops the run before its first case instead of
//   after the last one;
// - locked (an advisory lock the kernel drops however the process ends), so a second run into
//   the same folder is refused at once, naming the run that holds it;
// - never mixed: a folder holding an earlier run's reports is refused unless the caller asks to
//   replace them, and then all of them are removed first, so no stale file survives next to the
//   new ones.

#include <filesystem>
#include <string>

namespace athil::run {

class report_folder {
public:
    // `dir` as given (created with its parents when missing). Throws athil_error(bad_input)
    // with a sentence naming the folder and the reason.
    static report_folder claim(const std::filesystem::path& dir, bool replace_earlier);
    // reports_root/<UTC timestamp>[-N]: always a new folder.
    static report_folder fresh_in(const std::filesystem::path& reports_root);

    report_folder(report_folder&& other) noexcept;
    report_folder& operator=(report_folder&& other) noexcept;
    report_folder(const report_folder&) = delete;
    report_folder& operator=(const report_folder&) = delete;
    ~report_folder(); // releases the lock; the reports stay

    const std::filesystem::path& path() const { return dir_; }

private:
    report_folder(std::filesystem::path dir, int lock_fd);

    std::filesystem::path dir_;
    int lock_fd_ = -1;
};

// What a run writes into its report folder: the reports and trace.json, the kept working files
// (--keep), and the report folders of --jobs workers and rack DUTs. Any of them marks the
// folder as holding an earlier run; replacing that run removes all of them.
inline constexpr const char* report_entry_names[] = {
    "junit.xml", "results.json", "report.html", "trace.json", "logs", "workers", "duts"};

} // namespace athil::run
