#include "harness/link/reopening_link.hpp"

#include "harness/core/error.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>

namespace athil::link {

reopening_link::reopening_link(std::string path, link_opener open, reopen_options options)
    : path_(std::move(path))
    , open_(std::move(open))
    , options_(options)
    , link_(open_())
    , description_(link_->description()) {}

void reopening_link::write(std::string_view bytes, deadline until) {
    for (;;) {
        try {
            if (!link_) {
                reopen("the line was lost earlier");
            }
            link_->write(bytes, until);
            return;
        } catch (const athil_error& e) {
            if (e.code() != errc::link_closed || steady_clock::now() >= until) {
                throw;
            }
            reopen(e.what());
        }
    }
}

std::string reopening_link::read_some(deadline until) {
    for (;;) {
        try {
            if (!link_) {
                reopen("the line was lost earlier");
            }
            return link_->read_some(until);
        } catch (const athil_error& e) {
            if (e.code() != errc::link_closed) {
                throw;
            }
            reopen(e.what());
            if (steady_clock::now() >= until) {
                return {};
            }
        }
    }
}

void reopening_link::reopen(const std::string& reason) {
    // Close first: an old descriptor keeps a pty (and some USB drivers) from letting go of the
    // node, so it could never come back while we hold it.
    link_.reset();
    const auto until = deadline_in(options_.timeout);
    std::string last_error;
    for (;;) {
        std::error_code ec;
        if (std::filesystem::exists(path_, ec)) { // follows the symlink to the device node
            try {
                link_ = open_();
                ++reopens_;
                return;
            } catch (const athil_error& e) {
                last_error = e.what(); // not ready yet (udev still setting permissions)
            }
        }
        const auto now = steady_clock::now();
        if (now >= until) {
            throw athil_error(errc::link_closed,
                              "serial port " + path_ + " was lost (" + reason +
                                  ") and did not come back within " +
                                  std::to_string(options_.timeout.count()) + " ms" +
                                  (last_error.empty() ? std::string(": the path stayed missing")
                                                      : ": last open failed: " + last_error));
        }
        std::this_thread::sleep_for(std::min<steady_clock::duration>(options_.poll, until - now));
    }
}

bool is_stable_name(const std::string& path) {
    std::error_code ec;
    return std::filesystem::is_symlink(path, ec);
}

} // namespace athil::link
