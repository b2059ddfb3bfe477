#pragma once
// Every byte between harness and module, both ways, with its time, plus notes. Secrets are
// redacted when recorded, by the run's redactor, which also learns the secrets it sees set or
// read back, so the buffer never holds them; received bytes are held back only while their
// line is incomplete (a secret split across reads is still caught) and recorded at the line
// end or at flush(). Each case keeps at most max_case_transcript_bytes of serial bytes; what
// is beyond is counted and marked by a note ("...[cut: 9.8 MB not kept]").

#include "harness/core/redactor.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace athil::session {

enum class direction { tx, rx, note };

struct transcript_entry {
    std::chrono::microseconds at{}; // since the transcript started
    direction dir = direction::note;
    std::string bytes; // redacted
};

struct transcript_mark {
    std::size_t index = 0;
    std::uint64_t generation = 0; // clear() starts a new generation: old marks mean "all"
};

class transcript {
public:
    // Received bytes without a line end are recorded anyway once this many are held.
    static constexpr std::size_t max_held = std::size_t{8} * 1024;

    transcript();

    void record_tx(std::string_view bytes);
    void record_rx(std::string_view bytes);
    void note(std::string_view text); // e.g. "--- test S2_3.SetRejectsQos3 ---", "restart"
    void flush();                     // records held received bytes now

    void register_secret(std::string secret);

    transcript_mark mark(); // flushes
    // Like mark(), and starts the bytes budget of a new case (max_case_transcript_bytes).
    transcript_mark begin_case();
    std::string since(const transcript_mark& m) const; // rendered, from the mark on
    std::string render() const;                        // rendered, everything
    const std::vector<transcript_entry>& entries() const noexcept { return entries_; }
    // The entries from the mark on (all of them for a mark of an earlier generation).
    std::size_t first_index(const transcript_mark& m) const noexcept {
        return m.generation == generation_ ? m.index : 0;
    }
    // When the transcript started: entry times count from here.
    std::chrono::steady_clock::time_point origin() const noexcept { return start_; }
    void clear();

    // Bytes for a one-line message: redacted, control bytes escaped.
    std::string printable(std::string_view bytes) const;

    // One entry as text: "[    1.234567] rx <CR><LF>OK<CR><LF>"; control bytes escaped.
    static std::string render_entry(const transcript_entry& e);

private:
    std::chrono::microseconds now() const;
    void add(direction dir, std::chrono::microseconds at, std::string bytes);
    void note_cut(std::chrono::microseconds at); // the bytes not kept so far, as a note
    std::string scrub(std::string_view bytes);   // learns the secrets in it, then redacts
    std::string render_from(std::size_t index) const;

    std::chrono::steady_clock::time_point start_;
    redactor* redactor_; // the run's
    std::vector<transcript_entry> entries_;
    std::string held_rx_;
    std::chrono::microseconds held_since_{};
    std::uint64_t generation_ = 0;
    std::size_t case_kept_ = 0;  // bytes recorded since begin_case()
    std::uint64_t not_kept_ = 0; // serial bytes dropped since the last cut note
};

} // namespace athil::session
