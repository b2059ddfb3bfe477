#include "harness/report/junit_merge.hpp"

#include "harness/core/error.hpp"
#include "harness/report/atomic_file.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <charconv>
#include <set>
#include <sstream>
#include <string_view>

namespace athil::report {
namespace {

struct tally {
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;
    std::size_t skipped = 0;
    long long milliseconds = 0;
};

// JUnit times are seconds with a fraction; whole milliseconds are what athil writes.
long long time_ms(const char* text) {
    std::string_view s(text);
    long long whole = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), whole);
    if (ec != std::errc{}) {
        return 0;
    }
    long long ms = whole * 1000;
    if (end != s.data() + s.size() && *end == '.') {
        long long scale = 100;
        for (const char* p = end + 1; p != s.data() + s.size() && scale > 0; ++p, scale /= 10) {
            if (*p < '0' || *p > '9') {
                break;
            }
            ms += (*p - '0') * scale;
        }
    }
    return ms;
}

std::string seconds(long long ms) {
    return fmt::format("{}.{:03}", ms / 1000, ms % 1000);
}

tally count_cases(pugi::xml_node suite) {
    tally t;
    for (auto c : suite.children("testcase")) {
        ++t.tests;
        t.milliseconds += time_ms(c.attribute("time").value());
        if (c.child("failure")) {
            ++t.failures;
        } else if (c.child("error")) {
            ++t.errors;
        } else if (c.child("skipped")) {
            ++t.skipped;
        }
    }
    return t;
}

void set(pugi::xml_node node, const char* name, const std::string& value) {
    auto a = node.attribute(name);
    if (!a) {
        a = node.append_attribute(name);
    }
    a.set_value(value.c_str());
}

void merge_suite(pugi::xml_node target, pugi::xml_node source) {
    for (auto c : source.children("testcase")) {
        target.append_copy(c);
    }
    // The earliest start is the section's start.
    const std::string_view mine = target.attribute("timestamp").value();
    const std::string_view theirs = source.attribute("timestamp").value();
    if (!theirs.empty() && (mine.empty() || theirs < mine)) {
        set(target, "timestamp", std::string(theirs));
    }
}

// Suite and root counts from the cases themselves: inputs may be partial (a killed shard).
void recount(pugi::xml_node root) {
    tally total;
    for (auto suite : root.children("testsuite")) {
        const auto t = count_cases(suite);
        set(suite, "tests", std::to_string(t.tests));
        set(suite, "failures", std::to_string(t.failures));
        set(suite, "errors", std::to_string(t.errors));
        set(suite, "skipped", std::to_string(t.skipped));
        set(suite, "time", seconds(t.milliseconds));
        total.tests += t.tests;
        total.failures += t.failures;
        total.errors += t.errors;
        total.milliseconds += t.milliseconds;
    }
    set(root, "tests", std::to_string(total.tests));
    set(root, "failures", std::to_string(total.failures));
    set(root, "errors", std::to_string(total.errors));
    set(root, "time", seconds(total.milliseconds));
}

pugi::xml_node new_root(pugi::xml_document& merged) {
    auto declaration = merged.append_child(pugi::node_declaration);
    declaration.append_attribute("version").set_value("1.0");
    declaration.append_attribute("encoding").set_value("UTF-8");
    auto root = merged.append_child("testsuites");
    root.append_attribute("name").set_value("athil");
    return root;
}

// The suites of a JUnit document: children of <testsuites>, or a lone <testsuite>.
pugi::xml_node suites_parent(const pugi::xml_document& doc) {
    auto suites = doc.child("testsuites");
    return suites ? suites : static_cast<pugi::xml_node>(doc);
}

std::string saved(const pugi::xml_document& merged) {
    std::ostringstream out;
    merged.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
    return out.str();
}

} // namespace

std::string merge_junit_text(const std::vector<std::filesystem::path>& files) {
    pugi::xml_document merged;
    auto root = new_root(merged);

    for (const auto& file : files) {
        pugi::xml_document doc;
        const auto parsed = doc.load_file(file.c_str());
        if (!parsed) {
            throw athil_error(errc::bad_input,
                              fmt::format("{}: not XML: {} at byte {}", file.string(),
                                          parsed.description(), parsed.offset));
        }
        if (!doc.child("testsuites") && !doc.child("testsuite")) {
            throw athil_error(errc::bad_input,
                              file.string() + ": no <testsuites> or <testsuite> element");
        }
        for (auto suite : suites_parent(doc).children("testsuite")) {
            const auto name = suite.attribute("name").value();
            auto existing = root.find_child_by_attribute("testsuite", "name", name);
            if (existing) {
                merge_suite(existing, suite);
            } else {
                root.append_copy(suite);
            }
        }
    }

    recount(root);
    return saved(merged);
}

std::string merge_dut_junit_text(const std::vector<dut_junit>& parts) {
    pugi::xml_document merged;
    auto root = new_root(merged);
    for (const auto& part : parts) {
        pugi::xml_document doc;
        const auto parsed = doc.load_string(part.xml.c_str());
        if (!parsed || (!doc.child("testsuites") && !doc.child("testsuite"))) {
            throw athil_error(errc::bad_input, "the JUnit report of DUT " + part.dut_id +
                                                   " is not JUnit XML: " + parsed.description());
        }
        const auto prefix = part.dut_id + ".";
        for (auto source : suites_parent(doc).children("testsuite")) {
            auto suite = root.append_copy(source);
            set(suite, "name", prefix + suite.attribute("name").value());
            for (auto c : suite.children("testcase")) {
                set(c, "classname", prefix + c.attribute("classname").value());
            }
            // The schema wants properties first among the suite's children.
            auto properties = suite.child("properties");
            if (!properties) {
                properties = suite.prepend_child("properties");
            }
            auto id = properties.prepend_child("property");
            id.append_attribute("name").set_value("dut.id");
            id.append_attribute("value").set_value(part.dut_id.c_str());
        }
    }
    recount(root);
    return saved(merged);
}

void merge_junit(const std::vector<std::filesystem::path>& files,
                 const std::filesystem::path& out) {
    // A file given twice (a glob and its name, two spellings of one path) would count its
    // cases twice.
    std::set<std::filesystem::path> seen;
    for (const auto& f : files) {
        std::error_code ec;
        const auto canonical = std::filesystem::weakly_canonical(f, ec);
        if (!seen.insert(ec ? f : canonical).second) {
            throw athil_error(errc::bad_input, f.string() + " is given twice");
        }
    }
    const auto text = merge_junit_text(files);
    // CI steps merge into a fresh folder (merged/junit.xml); it need not exist yet.
    if (const auto folder = out.parent_path(); !folder.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(folder, ec);
        if (ec) {
            throw athil_error(errc::bad_input,
                              "cannot create folder " + folder.string() + ": " + ec.message());
        }
    }
    write_file_atomically(out, text);
}

} // namespace athil::report
