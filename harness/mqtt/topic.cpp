#include "harness/mqtt/topic.hpp"

namespace athil::mqtt {
namespace {

// Splits off the next level; an empty string_view for rest with more == false at the end.
struct level_cursor {
    std::string_view rest;
    bool more = true;

    std::string_view next() {
        const auto slash = rest.find('/');
        std::string_view level = rest.substr(0, slash);
        if (slash == std::string_view::npos) {
            more = false;
            rest = {};
        } else {
            rest.remove_prefix(slash + 1);
        }
        return level;
    }
};

} // namespace

bool valid_topic_filter(std::string_view filter) {
    if (filter.empty()) {
        return false;
    }
    level_cursor cursor{filter};
    while (cursor.more) {
        const std::string_view level = cursor.next();
        if (level.find('#') != std::string_view::npos && (level != "#" || cursor.more)) {
            return false;
        }
        if (level.find('+') != std::string_view::npos && level != "+") {
            return false;
        }
    }
    return true;
}

bool topic_matches(std::string_view filter, std::string_view topic) {
    if (!valid_topic_filter(filter) || topic.empty() ||
        topic.find_first_of("+#") != std::string_view::npos) {
        return false;
    }
    if (topic.front() == '$' && (filter.front() == '+' || filter.front() == '#')) {
        return false;
    }
    level_cursor f{filter};
    level_cursor t{topic};
    while (f.more) {
        const std::string_view fl = f.next();
        if (fl == "#") {
            return true; // also matches the parent: "a/#" matches "a"
        }
        if (!t.more) {
            return false;
        }
        const std::string_view tl = t.next();
        if (fl != "+" && fl != tl) {
            return false;
        }
    }
    return !t.more;
}

} // namespace athil::mqtt
