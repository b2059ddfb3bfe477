#pragma once
// How much of what a module sends is kept, and how a cut is marked. A module that babbles (a
// 10 MB line without a line end, a reboot loop printing its banner) must not take the harness's
// memory, nor make each report as large as the babble: the bytes past a bound are counted, not
// kept, and the text says where and how much was cut ("...[cut: 9.8 MB not kept]").

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace athil::session {

// The answer to one command (at_response::raw). The longest conforming answer is an
// AT+SSLCRT query with a 4 KiB certificate, escaped, plus the slot lines: 64 KiB holds any
// plausible answer sixteen times over, and its start (echo, first lines) is what a failure
// message quotes.
inline constexpr std::size_t max_answer_bytes = std::size_t{64} * 1024;

// The transcript of one case (what is recorded between the case's start and the next case's).
// A case sends at most a few hundred commands with answers of a few hundred bytes: 1 MiB keeps
// every case of the manual whole with room to spare, and bounds each report to about that
// much per failed case (escaping may make the rendered text up to four times larger).
inline constexpr std::size_t max_case_transcript_bytes = std::size_t{1024} * 1024;

// "...[cut: 9.8 MB not kept]": sizes in B, kB or MB (powers of 1000, one decimal).
std::string cut_mark(std::uint64_t bytes_not_kept);

// Appends `bytes` to `text` while `text` holds less than `limit` bytes of kept content; the
// rest is added to `not_kept` and `text` ends with the cut_mark of the total not kept.
void append_bounded(std::string& text, std::string_view bytes, std::size_t limit,
                    std::uint64_t& not_kept);

} // namespace athil::session
