#pragma once
// Incremental MQTT 3.1/3.1.1 decoder: bytes in, whole packets out, for any chunking of the
// stream (one byte at a time, many packets per chunk). Pure: no I/O, no clocks.
//
// Errors: next() throws athil_error(protocol_error, sentence) for a malformed packet. When the
// packet's length was still readable its bytes are skipped, so the following packets decode
// normally (a tap keeps reporting after one bad packet). When the framing itself is lost
// (remaining length longer than 4 bytes, a packet above max_packet_size) the decoder throws
// once and then fails(): it discards further input and next() returns nullopt.

#include "harness/core/error.hpp"
#include "harness/mqtt/decode_body.hpp"
#include "harness/mqtt/packet.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace athil::mqtt {

class stream_decoder {
public:
    explicit stream_decoder(std::size_t max_packet_size = 1 << 20);

    void feed(std::string_view bytes);
    std::optional<packet> next();

    // Bytes received but not yet returned as a packet.
    std::size_t buffered() const noexcept { return buffer_.size() - consumed_; }
    bool failed() const noexcept { return failed_; }

private:
    [[noreturn]] void fail_framing(const std::string& sentence);

    std::size_t max_packet_size_;
    std::string buffer_;
    std::size_t consumed_ = 0; // prefix of buffer_ already decoded; compacted lazily
    bool failed_ = false;
    detail::decode_context context_;
};

} // namespace athil::mqtt
