// What a babbling module leaves in memory and in reports: each answer and each case's
// transcript keep a bounded amount, and say how much they did not keep.

#include "harness/session/at_response.hpp"
#include "harness/session/capture_limits.hpp"
#include "harness/session/transcript.hpp"

#include <gtest/gtest.h>

namespace athil::session {
namespace {

constexpr std::size_t ten_mb = std::size_t{10} * 1000 * 1000;

// 10 MB without a line break, in the reads a serial link hands over.
template <class Sink>
void babble(Sink&& sink, std::size_t total = ten_mb) {
    const std::string chunk(4096, 'x');
    for (std::size_t sent = 0; sent < total; sent += chunk.size()) {
        sink(std::string_view(chunk).substr(0, std::min(chunk.size(), total - sent)));
    }
}

TEST(BoundedCapture, CutMarkSaysHowMuchWasNotKept) {
    EXPECT_EQ(cut_mark(12), "...[cut: 12 B not kept]");
    EXPECT_EQ(cut_mark(65536), "...[cut: 65.5 kB not kept]");
    EXPECT_EQ(cut_mark(9'934'464), "...[cut: 9.9 MB not kept]");
}

TEST(BoundedCapture, AnswerKeepsItsStartAndMarksTheCut) {
    at_response r;
    r.append_raw("AT+VER?\r\r\n+VER:");
    babble([&](std::string_view bytes) { r.append_raw(bytes); });
    EXPECT_EQ(r.raw_not_kept, ten_mb + 15 - max_answer_bytes);
    EXPECT_EQ(r.raw.substr(0, 15), "AT+VER?\r\r\n+VER:");
    EXPECT_EQ(r.raw.substr(max_answer_bytes), cut_mark(r.raw_not_kept));
    EXPECT_EQ(r.raw.find("[cut:"), max_answer_bytes + 3); // one mark, at the end
}

TEST(BoundedCapture, ShortAnswerIsKeptWhole) {
    at_response r;
    r.append_raw("AT\r\r\nOK\r\n");
    EXPECT_EQ(r.raw, "AT\r\r\nOK\r\n");
    EXPECT_EQ(r.raw_not_kept, 0U);
}

TEST(BoundedCapture, CaseTranscriptIsBoundedAndMarksTheCut) {
    transcript t;
    const auto mark = t.begin_case();
    t.record_tx("AT+VER?\r");
    babble([&](std::string_view bytes) { t.record_rx(bytes); });
    const auto text = t.since(mark); // not yet flushed: the cut is still marked
    EXPECT_LT(text.size(), max_case_transcript_bytes + 4096);
    EXPECT_NE(text.find("[cut: 9.0 MB not kept]"), std::string::npos) << text.substr(0, 200);
    t.note("timeout: no final result for AT+VER?");
    const auto after = t.since(mark);
    EXPECT_LT(after.size(), max_case_transcript_bytes + 4096);
    const auto cut = after.find("[cut: 9.0 MB not kept]");
    ASSERT_NE(cut, std::string::npos);
    EXPECT_LT(cut, after.find("timeout: no final result")) << "the cut is marked where it was";
    EXPECT_EQ(after.find("[cut:", cut + 1), std::string::npos) << "marked once";
}

TEST(BoundedCapture, EachCaseHasItsOwnBudget) {
    transcript t;
    t.begin_case();
    babble([&](std::string_view bytes) { t.record_rx(bytes); }, 2 * max_case_transcript_bytes);
    const auto next = t.begin_case();
    t.record_tx("AT+VER?\r");
    t.record_rx("\r\n+VER:1.0\r\n\r\nOK\r\n");
    const auto text = t.since(next);
    EXPECT_NE(text.find("+VER:1.0"), std::string::npos) << text;
    EXPECT_EQ(text.find("[cut:"), std::string::npos) << "the cut belongs to the case before";
    std::size_t kept = 0;
    for (const auto& e : t.entries()) {
        kept += e.dir == direction::note ? 0 : e.bytes.size();
    }
    EXPECT_LT(kept, max_case_transcript_bytes + 64);
}

} // namespace
} // namespace athil::session
