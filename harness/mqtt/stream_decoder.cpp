#include "harness/mqtt/stream_decoder.hpp"

#include "harness/core/error.hpp"
#include "harness/mqtt/wire_format.hpp"

namespace athil::mqtt {

stream_decoder::stream_decoder(std::size_t max_packet_size)
    : max_packet_size_(max_packet_size) {}

void stream_decoder::feed(std::string_view bytes) {
    if (failed_) {
        return;
    }
    // Drop the decoded prefix only once it dominates, so byte-by-byte feeding stays linear.
    if (consumed_ > 0 && consumed_ >= buffer_.size() / 2) {
        buffer_.erase(0, consumed_);
        consumed_ = 0;
    }
    buffer_.append(bytes);
}

std::optional<packet> stream_decoder::next() {
    if (failed_) {
        return std::nullopt;
    }
    const std::string_view pending = std::string_view(buffer_).substr(consumed_);
    if (pending.empty()) {
        return std::nullopt;
    }
    std::optional<wire::remaining_length> length;
    try {
        length = wire::get_remaining_length(pending.substr(1));
    } catch (const athil_error&) {
        failed_ = true;
        buffer_.clear();
        consumed_ = 0;
        throw;
    }
    if (!length) {
        return std::nullopt;
    }
    const std::size_t header_size = 1 + length->encoded_size;
    const std::size_t total = header_size + length->value;
    if (total > max_packet_size_) {
        fail_framing("MQTT packet of " + std::to_string(total) +
                     " bytes exceeds the decoder's maximum of " + std::to_string(max_packet_size_));
    }
    if (pending.size() < total) {
        return std::nullopt;
    }
    const auto first_byte = static_cast<std::uint8_t>(pending.front());
    const std::string_view body = pending.substr(header_size, length->value);
    // Consume before decoding: a malformed body is skipped and the stream stays in step. The
    // buffer itself is compacted by the next feed(), after body is no longer referenced.
    consumed_ += total;
    return detail::decode_body(first_byte, body, context_);
}

void stream_decoder::fail_framing(const std::string& sentence) {
    failed_ = true;
    buffer_.clear();
    consumed_ = 0;
    throw athil_error(errc::protocol_error, sentence);
}

} // namespace athil::mqtt
