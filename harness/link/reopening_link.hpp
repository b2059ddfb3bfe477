#pragma once
// A serial link named by a stable path (udev's /dev/serial/by-id/... symlink) that outlives the
// device node behind it. A module that restarts its USB side, or a hub that re-enumerates,
// makes the node vanish and come back, often under another ttyUSB number; the by-id name follows
// it. When the line is lost this link watches its path until it resolves again and reopens it,
// bounded by a deadline; then it fails with link_closed and a sentence that says so.

#include "harness/link/byte_link.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace athil::link {

struct reopen_options {
    // How long a vanished path may stay away. A module restart with USB re-enumeration takes a
    // few seconds; the module's own restart bound (session_options::restart_timeout) is longer.
    std::chrono::milliseconds timeout{20000};
    std::chrono::milliseconds poll{50}; // how often the path is looked at meanwhile
};

// Opens the path once; throws athil_error(link_open_failed) while it cannot.
using link_opener = std::function<std::unique_ptr<byte_link>()>;

class reopening_link final : public byte_link {
public:
    // Opens at once (the first open's error propagates: a port missing at the start is a rig
    // failure, not something to wait for).
    reopening_link(std::string path, link_opener open, reopen_options options = {});

    // A write that finds the line gone reopens it and writes again to the new line. Throws
    // athil_error(link_closed) when the path does not come back in time.
    void write(std::string_view bytes, deadline until) override;
    // Reading across a loss: reopens, then reads on until `until` (a reopen that ends after it
    // returns ""). Throws athil_error(link_closed) when the path does not come back in time.
    std::string read_some(deadline until) override;
    std::string description() const override { return description_; }

    unsigned reopen_count() const noexcept { return reopens_; } // successful reopens so far

private:
    void reopen(const std::string& reason);

    std::string path_;
    link_opener open_;
    reopen_options options_;
    std::unique_ptr<byte_link> link_;
    std::string description_;
    unsigned reopens_ = 0;
};

// Whether `path` is a symbolic link: the stable names udev makes (by-id, by-path, rules'
// SYMLINK+=) are, and only a stable name is worth waiting for; a bare /dev/ttyUSB0 may come
// back as another module.
bool is_stable_name(const std::string& path);

} // namespace athil::link
