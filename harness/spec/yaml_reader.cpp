#include "harness/spec/yaml_reader.hpp"

#include "harness/core/error.hpp"

#include <charconv>

namespace athil::spec {

int line_of(const YAML::Node& node) {
    const auto mark = node.Mark();
    return mark.line >= 0 ? mark.line + 1 : 0;
}

void fail_at(const std::string& file, const YAML::Node& node, const std::string& what) {
    throw athil_error(errc::bad_input, file + ":" + std::to_string(line_of(node)) + ": " + what);
}

YAML::Node load_yaml_file(const std::string& file) {
    try {
        return YAML::LoadFile(file);
    } catch (const YAML::BadFile&) {
        throw athil_error(errc::bad_input, file + ":0: cannot read the file");
    } catch (const YAML::Exception& e) {
        throw athil_error(errc::bad_input, file + ":" + std::to_string(e.mark.line + 1) +
                                               ": malformed YAML: " + e.msg);
    }
}

std::string scalar_text(const std::string& file, const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar()) {
        fail_at(file, node, std::string(what) + " must be a plain value");
    }
    return node.Scalar();
}

std::int64_t scalar_integer(const std::string& file, const YAML::Node& node,
                            std::string_view what) {
    const auto text = scalar_text(file, node, what);
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end) {
        fail_at(file, node, std::string(what) + " must be an integer, not '" + text + "'");
    }
    return value;
}

yaml_object::yaml_object(YAML::Node node, std::string file, std::string what)
    : node_(std::move(node))
    , file_(std::move(file))
    , what_(std::move(what)) {
    if (!node_.IsMap()) {
        fail_at(file_, node_, what_ + " must be a mapping of keys to values");
    }
}

bool yaml_object::has(const std::string& key) {
    known_.insert(key);
    return static_cast<bool>(node_[key]);
}

YAML::Node yaml_object::required(const std::string& key) {
    known_.insert(key);
    YAML::Node child = node_[key];
    if (!child) {
        fail(node_, what_ + " lacks the required key '" + key + "'");
    }
    return child;
}

YAML::Node yaml_object::optional(const std::string& key) {
    known_.insert(key);
    return node_[key];
}

std::string yaml_object::text(const std::string& key) {
    return scalar_text(file_, required(key), "'" + key + "'");
}

std::optional<std::string> yaml_object::optional_text(const std::string& key) {
    auto child = optional(key);
    if (!child) {
        return std::nullopt;
    }
    return scalar_text(file_, child, "'" + key + "'");
}

std::int64_t yaml_object::integer(const std::string& key) {
    return scalar_integer(file_, required(key), "'" + key + "'");
}

std::optional<std::int64_t> yaml_object::optional_integer(const std::string& key) {
    auto child = optional(key);
    if (!child) {
        return std::nullopt;
    }
    return scalar_integer(file_, child, "'" + key + "'");
}

std::int64_t yaml_object::bounded_integer(const std::string& key, std::int64_t fallback,
                                          std::int64_t min, std::int64_t max) {
    const auto value = optional_integer(key).value_or(fallback);
    if (value < min || value > max) {
        fail(optional(key), "'" + key + "' must be in " + std::to_string(min) + ".." +
                                std::to_string(max) + ", not " + std::to_string(value));
    }
    return value;
}

bool yaml_object::flag(const std::string& key, bool fallback) {
    auto child = optional(key);
    if (!child) {
        return fallback;
    }
    const auto value = scalar_text(file_, child, "'" + key + "'");
    if (value == "true") {
        return true;
    }
    if (value == "false") {
        return false;
    }
    fail(child, "'" + key + "' must be true or false, not '" + value + "'");
}

std::vector<std::string> yaml_object::text_list(const std::string& key) {
    std::vector<std::string> out;
    auto child = optional(key);
    if (!child) {
        return out;
    }
    if (!child.IsSequence()) {
        fail(child, "'" + key + "' must be a list");
    }
    for (const auto& item : child) {
        out.push_back(scalar_text(file_, item, "an entry of '" + key + "'"));
    }
    return out;
}

void yaml_object::fail(const YAML::Node& at, const std::string& what) const {
    fail_at(file_, at, what);
}

void yaml_object::finish() const {
    for (const auto& entry : node_) {
        const auto key = entry.first.IsScalar() ? entry.first.Scalar() : std::string{};
        if (known_.count(key) == 0) {
            std::string list;
            for (const auto& k : known_) {
                list += list.empty() ? "" : ", ";
                list += k;
            }
            fail(entry.first, "unknown key '" + key + "' in " + what_ + " (known: " + list + ")");
        }
    }
}

} // namespace athil::spec
