// MQTT codec: whatever bytes arrive, the stream decoder returns packets, asks for more or
// throws athil_error(protocol_error) — nothing else — and the outcome does not depend on the
// chunking. Every decoded packet survives encode → decode unchanged. The first input byte
// picks the path: the stream decoder (with a small or the default packet limit), or one
// packet body straight into decode_body, which reaches each packet type's field checks
// without first having to get the framing right.
#include "harness/mqtt/codec.hpp"
#include "tests/fuzz/fuzz_targets.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace athil::fuzz {
namespace {

using namespace athil::mqtt;

// A decoded packet or the sentence of a rejected one.
using outcome = std::variant<packet, std::string>;

// decode(encode(p)) == p, in a context that already saw the same protocol level.
void check_round_trip(const packet& p, const detail::decode_context& seen) {
    std::string bytes;
    try {
        bytes = encode(p);
    } catch (const athil_error&) {
        check(false, "a decoded packet could not be encoded");
    }
    // Skip the fixed header: the type byte, then 1..4 remaining-length bytes, each but the
    // last with bit 7 set.
    std::size_t at = 1;
    while (at < bytes.size() && (static_cast<std::uint8_t>(bytes[at]) & 0x80U) != 0) {
        ++at;
    }
    check(at < bytes.size(), "the encoded remaining length is cut");
    std::optional<packet> q;
    try {
        detail::decode_context context = seen;
        q = detail::decode_body(static_cast<std::uint8_t>(bytes.front()),
                                std::string_view(bytes).substr(at + 1), context);
    } catch (const athil_error&) {
        check(false, "an encoded packet did not decode");
    }
    check(q.has_value() && *q == p, "encode -> decode changed a packet");
}

void drain(stream_decoder& d, std::vector<outcome>& out) {
    for (int guard = 0;; ++guard) {
        check(guard < 100'000, "the decoder makes no progress");
        try {
            auto p = d.next();
            if (!p) {
                return;
            }
            out.emplace_back(std::move(*p));
        } catch (const athil_error& e) {
            check(e.code() == make_error_code(errc::protocol_error),
                  "a decode error other than protocol_error");
            out.emplace_back(std::string(e.what()));
        }
    }
}

std::vector<outcome> decode_stream(std::string_view input, std::size_t chunk, std::size_t limit) {
    stream_decoder d(limit);
    std::vector<outcome> out;
    while (!input.empty()) {
        const auto n = std::min(chunk, input.size());
        d.feed(input.substr(0, n));
        input.remove_prefix(n);
        drain(d, out);
        check(d.buffered() <= limit + 5 || d.failed(), "the decoder buffered past its limit");
    }
    return out;
}

void fuzz_stream(std::string_view input, std::size_t limit) {
    const auto whole = decode_stream(input, input.size() + 1, limit);
    check(decode_stream(input, 1, limit) == whole, "packets depend on chunking");
    detail::decode_context context;
    for (const auto& o : whole) {
        if (const auto* p = std::get_if<packet>(&o)) {
            if (const auto* c = std::get_if<connect_packet>(p)) {
                context.protocol_level = c->protocol_level;
            }
            check_round_trip(*p, context);
            (void)describe(*p);
        }
    }
}

void fuzz_body(std::uint8_t first_byte, std::string_view body, bool mqtt_3_1) {
    detail::decode_context context;
    context.protocol_level = mqtt_3_1 ? 3 : 4;
    try {
        const packet p = detail::decode_body(first_byte, body, context);
        check_round_trip(p, context);
        (void)describe(p);
    } catch (const athil_error& e) {
        check(e.code() == make_error_code(errc::protocol_error),
              "a decode error other than protocol_error");
    }
}

} // namespace

int mqtt_codec(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    const std::string_view rest(reinterpret_cast<const char*>(data + 2), size - 2);
    switch (data[0] % 3) {
    case 0:
        fuzz_stream(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), 1 << 20);
        break;
    case 1:
        fuzz_stream(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), 64);
        break;
    default:
        fuzz_body(data[1], rest, (data[0] & 0x80U) != 0);
        break;
    }
    return 0;
}

} // namespace athil::fuzz
