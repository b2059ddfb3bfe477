#pragma once
// The folder one run writes into: generated configs, the throwaway PKI, every log. Created
// private (mode 0700) because it holds private keys and passwords; removed when the run is
// over unless the user asked to keep it, or asked to keep it only when something failed.

#include <filesystem>
#include <string>
#include <string_view>

namespace athil::run {

enum class retention {
    remove,          // delete on destruction (the default for tests)
    keep,            // always leave it behind (--keep)
    keep_on_failure, // leave it behind only after mark_failed()
};

class run_folder {
public:
    // reports_root/<UTC timestamp>, e.g. reports/20261126T095312Z, with "-2", "-3"... appended
    // when runs start within the same second. Parents are created as needed.
    static run_folder in_reports(const std::filesystem::path& reports_root,
                                 retention policy = retention::keep);
    // Exactly `path`, which must not exist or be an empty directory (so removing it later can
    // never delete anything the user put there).
    static run_folder at(const std::filesystem::path& path, retention policy = retention::keep);
    // A fresh unique directory under the system temp dir, e.g. /tmp/athil-test-Ab3xYz, that
    // records its owner's pid; <prefix>-* folders of owners that died are removed first.
    static run_folder temporary(std::string_view prefix = "athil",
                                retention policy = retention::remove);

    run_folder(run_folder&& other) noexcept;
    run_folder& operator=(run_folder&& other) noexcept;
    run_folder(const run_folder&) = delete;
    run_folder& operator=(const run_folder&) = delete;
    ~run_folder();

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path configs() const { return root_ / "configs"; }
    std::filesystem::path logs() const { return root_ / "logs"; }
    std::filesystem::path pki() const { return root_ / "pki"; }

    retention policy() const { return policy_; }
    void set_policy(retention policy);
    void mark_failed() { failed_ = true; }
    bool failed() const { return failed_; }
    // What the destructor will do, given the policy and failure state.
    bool will_be_kept() const;

private:
    run_folder(std::filesystem::path root, retention policy);
    void remove_now() noexcept;

    std::filesystem::path root_;
    retention policy_ = retention::remove;
    bool failed_ = false;
};

// "20261126T095312Z": ISO 8601 basic format, sortable, no ':' (artifact stores reject it).
std::string utc_timestamp_now();

} // namespace athil::run
