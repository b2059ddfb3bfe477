#include "harness/session/transcript.hpp"

#include "harness/session/capture_limits.hpp"

#include <cstdio>

namespace athil::session {
namespace {

std::string_view label(direction dir) noexcept {
    switch (dir) {
    case direction::tx:
        return "tx";
    case direction::rx:
        return "rx";
    case direction::note:
        return "--";
    }
    return "??";
}

// Continuation lines start under the first byte of the entry.
constexpr std::string_view continuation = "\n                  "; // width of "[    0.000000] rx "

void append_escaped(std::string& out, std::string_view bytes, bool break_lines) {
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        if (b == '\r') {
            out += "<CR>";
        } else if (b == '\n') {
            out += "<LF>";
            if (break_lines && i + 1 < bytes.size()) {
                out += continuation; // one received line per text line
            }
        } else if (b == '\\') {
            out += "\\\\";
        } else if (b < 0x20 || b >= 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", b);
            out += hex;
        } else {
            out.push_back(static_cast<char>(b));
        }
    }
}

} // namespace

transcript::transcript()
    : start_(std::chrono::steady_clock::now())
    , redactor_(&run_redactor()) {}

std::chrono::microseconds transcript::now() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                 start_);
}

// Notes (the harness's own words) are always kept; serial bytes only within the case's budget.
void transcript::add(direction dir, std::chrono::microseconds at, std::string bytes) {
    if (dir == direction::note) {
        note_cut(at);
    } else {
        const auto room =
            case_kept_ < max_case_transcript_bytes ? max_case_transcript_bytes - case_kept_ : 0;
        if (bytes.size() > room) {
            not_kept_ += bytes.size() - room;
            bytes.resize(room);
        }
        if (bytes.empty()) {
            return;
        }
    }
    case_kept_ += bytes.size();
    entries_.push_back(transcript_entry{at, dir, std::move(bytes)});
}

void transcript::note_cut(std::chrono::microseconds at) {
    if (not_kept_ != 0) {
        entries_.push_back(transcript_entry{at, direction::note, cut_mark(not_kept_)});
        not_kept_ = 0;
    }
}

std::string transcript::scrub(std::string_view bytes) {
    redactor_->learn(bytes);
    return redactor_->redact(bytes);
}

void transcript::record_tx(std::string_view bytes) {
    if (bytes.empty()) {
        return;
    }
    flush(); // keep the order of the two directions
    add(direction::tx, now(), scrub(bytes));
}

void transcript::record_rx(std::string_view bytes) {
    if (bytes.empty()) {
        return;
    }
    if (case_kept_ >= max_case_transcript_bytes) {
        not_kept_ += bytes.size(); // not even held: it could never be recorded
        return;
    }
    if (held_rx_.empty()) {
        held_since_ = now();
    }
    held_rx_ += bytes;
    const auto last_end = held_rx_.find_last_of("\r\n");
    if (last_end == std::string::npos) {
        if (held_rx_.size() >= max_held) {
            flush();
        }
        return;
    }
    add(direction::rx, held_since_, scrub(std::string_view(held_rx_).substr(0, last_end + 1)));
    held_rx_.erase(0, last_end + 1);
    held_since_ = now();
}

void transcript::flush() {
    if (held_rx_.empty()) {
        return;
    }
    add(direction::rx, held_since_, scrub(held_rx_));
    held_rx_.clear();
}

void transcript::note(std::string_view text) {
    flush();
    add(direction::note, now(), scrub(text));
}

void transcript::register_secret(std::string secret) {
    redactor_->register_secret(std::move(secret));
}

transcript_mark transcript::mark() {
    flush();
    return transcript_mark{entries_.size(), generation_};
}

transcript_mark transcript::begin_case() {
    flush();
    note_cut(now()); // the previous case's cut stays with the previous case
    case_kept_ = 0;
    return mark();
}

std::string transcript::since(const transcript_mark& m) const {
    return render_from(first_index(m));
}

std::string transcript::render() const {
    return render_from(0);
}

std::string transcript::render_from(std::size_t index) const {
    std::string out;
    for (std::size_t i = index; i < entries_.size(); ++i) {
        out += render_entry(entries_[i]);
        out.push_back('\n');
    }
    if (!held_rx_.empty()) {
        out +=
            render_entry(transcript_entry{held_since_, direction::rx, redactor_->redact(held_rx_)});
        out.push_back('\n');
    }
    if (not_kept_ != 0) {
        out += render_entry(transcript_entry{now(), direction::note, cut_mark(not_kept_)});
        out.push_back('\n');
    }
    return out;
}

std::string transcript::render_entry(const transcript_entry& e) {
    char stamp[32];
    const auto us = e.at.count();
    std::snprintf(stamp, sizeof stamp, "[%5lld.%06lld] ", static_cast<long long>(us / 1000000),
                  static_cast<long long>(us % 1000000));
    std::string out = stamp;
    out += label(e.dir);
    out.push_back(' ');
    if (e.dir == direction::note) {
        out += e.bytes;
    } else {
        append_escaped(out, e.bytes, true);
    }
    return out;
}

std::string transcript::printable(std::string_view bytes) const {
    std::string out;
    append_escaped(out, redactor_->redact(bytes), false);
    return out;
}

void transcript::clear() {
    entries_.clear();
    held_rx_.clear();
    case_kept_ = 0;
    not_kept_ = 0;
    ++generation_;
}

} // namespace athil::session
