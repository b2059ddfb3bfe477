#pragma once
// Strict reading of the spec and profile YAML: every key must be known, every value of the
// right type, and every problem is reported as athil_error(bad_input, "file:line: what").
// A typo in the data must stop the run, not silently drop a check.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace athil::spec {

// 1-based line of a node, 0 when yaml-cpp has none.
int line_of(const YAML::Node& node);

[[noreturn]] void fail_at(const std::string& file, const YAML::Node& node, const std::string& what);

// Parses a whole file; syntax errors become bad_input with the parser's line.
YAML::Node load_yaml_file(const std::string& file);

// One YAML mapping read with strict key checking. Ask for every key the schema knows (required
// or optional), then call finish(): any key not asked for is reported as unknown.
class yaml_object {
public:
    yaml_object(YAML::Node node, std::string file, std::string what);

    const std::string& file() const { return file_; }
    const YAML::Node& node() const { return node_; }
    int line() const { return line_of(node_); }

    bool has(const std::string& key);
    YAML::Node required(const std::string& key);
    YAML::Node optional(const std::string& key); // undefined node when absent

    std::string text(const std::string& key);
    std::optional<std::string> optional_text(const std::string& key);
    std::int64_t integer(const std::string& key);
    std::optional<std::int64_t> optional_integer(const std::string& key);
    // The integer at `key` (`fallback` when absent), failing with file:line outside min..max.
    std::int64_t bounded_integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                                 std::int64_t max);
    bool flag(const std::string& key, bool fallback);
    std::vector<std::string> text_list(const std::string& key); // [] when absent

    [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const;
    void finish() const;

private:
    YAML::Node node_;
    std::string file_;
    std::string what_;
    std::set<std::string> known_;
};

// Typed conversions of a scalar node with file:line errors.
std::string scalar_text(const std::string& file, const YAML::Node& node, std::string_view what);
std::int64_t scalar_integer(const std::string& file, const YAML::Node& node, std::string_view what);

} // namespace athil::spec
