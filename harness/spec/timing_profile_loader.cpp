#include "harness/spec/timing_profile_loader.hpp"

#include "harness/spec/profile_loader.hpp"
#include "harness/spec/yaml_reader.hpp"

namespace athil::spec {
namespace {

using std::chrono::milliseconds;

// Ten minutes: longer than any module boots or any link lags; a typo (an extra zero or two)
// must not turn one run into a night.
constexpr std::int64_t max_ms = 600000;

milliseconds read_ms(yaml_object& obj, const std::string& key, milliseconds fallback) {
    return milliseconds(obj.bounded_integer(key, fallback.count(), 0, max_ms));
}

void read_uplink(const YAML::Node& node, timing_profile& t, const std::string& file) {
    yaml_object obj(node, file, "'uplink'");
    t.uplink_latency = read_ms(obj, "latency_ms", t.uplink_latency);
    t.uplink_jitter = read_ms(obj, "jitter_ms", t.uplink_jitter);
    obj.finish();
    // Jitter beyond the latency would ask for a packet to arrive before it was sent.
    if (t.uplink_jitter > t.uplink_latency) {
        obj.fail(obj.optional("jitter_ms"), "'jitter_ms' (" +
                                                std::to_string(t.uplink_jitter.count()) +
                                                ") must not exceed 'latency_ms' (" +
                                                std::to_string(t.uplink_latency.count()) + ")");
    }
}

void read_serial(const YAML::Node& node, timing_profile& t, const std::string& file) {
    yaml_object obj(node, file, "'serial'");
    t.baud = static_cast<unsigned>(obj.bounded_integer("baud", t.baud, 0, 4000000));
    obj.finish();
}

} // namespace

timing_profile read_timing_profile(const std::filesystem::path& path) {
    const auto file = path.string();
    const auto root = load_yaml_file(file);
    yaml_object obj(root, file, "a timing profile file");
    timing_profile t;
    t.file = file;
    t.name = obj.text("timing");
    t.description = obj.text("description");
    t.seed = static_cast<std::uint32_t>(obj.bounded_integer("seed", t.seed, 0, 4294967295LL));
    t.boot = read_ms(obj, "boot_ms", t.boot);
    t.registration = read_ms(obj, "registration_ms", t.registration);
    if (auto u = obj.optional("uplink")) {
        read_uplink(u, t, file);
    }
    if (auto s = obj.optional("serial")) {
        read_serial(s, t, file);
    }
    t.at_latency = read_ms(obj, "at_latency_ms", t.at_latency);
    obj.finish();
    return t;
}

timing_profile load_timing_profile(const std::string& name_or_file,
                                   const std::filesystem::path& suites_dir) {
    return read_timing_profile(
        find_profile(name_or_file, {suites_dir / "timing"}, "timing profile"));
}

} // namespace athil::spec
