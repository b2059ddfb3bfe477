#include "harness/spec/spec_loader.hpp"

#include "harness/core/error.hpp"
#include "harness/spec/yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>

namespace athil::spec {
namespace {

source_tag read_tag(yaml_object& obj, source_tag fallback) {
    auto text = obj.optional_text("tag");
    if (!text) {
        return fallback;
    }
    if (*text == "M") {
        return source_tag::manual;
    }
    if (*text == "C") {
        return source_tag::confirmed;
    }
    if (*text == "R") {
        return source_tag::reference;
    }
    obj.fail(obj.optional("tag"), "tag must be M, C or R, not '" + *text + "'");
}

param_type read_type(yaml_object& obj) {
    static const std::map<std::string, param_type> names{{"enum", param_type::enumeration},
                                                         {"int", param_type::integer},
                                                         {"string", param_type::string},
                                                         {"rest", param_type::rest},
                                                         {"pem", param_type::pem}};
    const auto text = obj.text("type");
    const auto it = names.find(text);
    if (it == names.end()) {
        obj.fail(obj.required("type"),
                 "type must be enum, int, string, rest or pem, not '" + text + "'");
    }
    return it->second;
}

// A value in the data: "text", or {text|repeat+times, label}.
example_value read_example(const std::string& file, const YAML::Node& node) {
    if (node.IsScalar()) {
        return {node.Scalar(), value_label(node.Scalar())};
    }
    yaml_object obj(node, file, "an example value");
    example_value v;
    if (obj.has("repeat")) {
        const auto unit = obj.text("repeat");
        const auto times = obj.integer("times");
        if (unit.empty() || times < 1 || times > 100000) {
            obj.fail(node, "repeat needs a non-empty text and times in 1..100000");
        }
        for (std::int64_t i = 0; i < times; ++i) {
            v.text += unit;
        }
        v.label = "Length" + std::to_string(v.text.size());
    } else {
        v.text = obj.text("text");
        v.label = value_label(v.text);
    }
    if (auto label = obj.optional_text("label")) {
        v.label = *label;
    }
    obj.finish();
    if (v.label.empty()) {
        obj.fail(node, "an example value needs a label (its text has no letters or digits)");
    }
    return v;
}

std::vector<example_value> read_examples(yaml_object& obj, const std::string& key) {
    std::vector<example_value> out;
    auto list = obj.optional(key);
    if (!list) {
        return out;
    }
    if (!list.IsSequence()) {
        obj.fail(list, "'" + key + "' must be a list");
    }
    for (const auto& item : list) {
        out.push_back(read_example(obj.file(), item));
    }
    return out;
}

parameter read_parameter(const std::string& file, const YAML::Node& node) {
    yaml_object obj(node, file, "a parameter");
    parameter p;
    p.name = obj.text("name");
    p.type = read_type(obj);
    if (auto values = obj.optional("values")) {
        if (!values.IsSequence() || values.size() == 0) {
            obj.fail(values, "'values' must be a non-empty list");
        }
        for (const auto& v : values) {
            if (v.IsScalar()) {
                p.values.push_back({v.Scalar(), {}});
                continue;
            }
            yaml_object ev(v, file, "an enum value");
            enum_value e{ev.text("value"), ev.optional_text("reads_back").value_or("")};
            ev.finish();
            p.values.push_back(std::move(e));
        }
    }
    const auto min = obj.optional_integer("min");
    const auto max = obj.optional_integer("max");
    if (obj.flag("allow_empty", false)) {
        p.empty = empty_rule::accepted;
    }
    if (auto rule = obj.optional_text("empty")) {
        if (obj.has("allow_empty")) {
            obj.fail(obj.optional("empty"), "give either 'allow_empty' or 'empty', not both");
        }
        if (*rule == "accepted") {
            p.empty = empty_rule::accepted;
        } else if (*rule == "rejected") {
            p.empty = empty_rule::rejected;
        } else if (*rule == "untested") {
            p.empty = empty_rule::untested;
        } else {
            obj.fail(obj.optional("empty"), "empty must be accepted, rejected or untested");
        }
    }
    p.generate_bounds = obj.flag("generate_bounds", true);
    p.optional = obj.flag("optional", false);
    p.omitted_reads_back = obj.optional_text("omitted_reads_back");
    p.secret = obj.flag("secret", false);
    p.slot_index = obj.flag("slot_index", false);
    p.pem_kinds = obj.text_list("pem_kinds");
    p.accept = read_examples(obj, "accept");
    p.reject = read_examples(obj, "reject");
    p.tag = read_tag(obj, source_tag::manual);
    p.note = obj.optional_text("note").value_or("");
    obj.finish();

    const bool ranged = p.type != param_type::enumeration;
    if (p.type == param_type::enumeration && p.values.empty()) {
        obj.fail(node, "parameter '" + p.name + "' of type enum needs 'values'");
    }
    if (!ranged && (min || max)) {
        obj.fail(node, "parameter '" + p.name + "' of type enum takes no min/max");
    }
    if (ranged && (!min || !max)) {
        obj.fail(node, "parameter '" + p.name + "' needs both 'min' and 'max'");
    }
    if (ranged) {
        p.min = *min;
        p.max = *max;
        if (p.min > p.max) {
            obj.fail(obj.optional("min"), "parameter '" + p.name + "': min " +
                                              std::to_string(p.min) + " > max " +
                                              std::to_string(p.max));
        }
        if (p.type != param_type::integer && p.min < 0) {
            obj.fail(obj.optional("min"), "parameter '" + p.name + "': a length cannot be < 0");
        }
    }
    for (const auto& k : p.pem_kinds) {
        if (k != "certificate" && k != "private_key") {
            obj.fail(obj.optional("pem_kinds"), "pem_kinds entries are certificate or private_key");
        }
    }
    if (p.type == param_type::pem && p.pem_kinds.empty()) {
        obj.fail(node, "parameter '" + p.name + "' of type pem needs 'pem_kinds'");
    }
    return p;
}

form read_form(yaml_object& obj, const YAML::Node& node) {
    const auto text = scalar_text(obj.file(), node, "a form");
    if (text == "test") {
        return form::test;
    }
    if (text == "query") {
        return form::query;
    }
    if (text == "set") {
        return form::set;
    }
    obj.fail(node, "forms are test, query or set, not '" + text + "'");
}

query_spec read_query(const std::string& file, const YAML::Node& node) {
    yaml_object obj(node, file, "'query'");
    query_spec q;
    const auto layout = obj.text("layout");
    if (layout == "single") {
        q.layout = query_layout::single;
    } else if (layout == "slots") {
        q.layout = query_layout::slots;
    } else {
        obj.fail(obj.required("layout"), "layout must be single or slots, not '" + layout + "'");
    }
    auto forms = obj.text_list("forms");
    if (!forms.empty()) {
        q.bare_form = std::count(forms.begin(), forms.end(), "bare") > 0;
        q.question_form = std::count(forms.begin(), forms.end(), "question") > 0;
        for (const auto& f : forms) {
            if (f != "bare" && f != "question") {
                obj.fail(obj.optional("forms"),
                         "query forms are bare or question, not '" + f + "'");
            }
        }
    }
    const auto slots = obj.optional_integer("slots").value_or(0);
    if (slots < 0 || slots > 100) {
        obj.fail(obj.optional("slots"), "slots must be in 1..100");
    }
    q.slot_count = static_cast<unsigned>(slots);
    if (q.layout == query_layout::slots && q.slot_count == 0) {
        obj.fail(node, "layout slots needs 'slots'");
    }
    q.line_pattern = obj.optional_text("line_pattern").value_or("");
    if (!q.line_pattern.empty()) {
        try {
            std::regex check(q.line_pattern);
        } catch (const std::regex_error& e) {
            obj.fail(obj.optional("line_pattern"), std::string("line_pattern: ") + e.what());
        }
    }
    obj.finish();
    return q;
}

void check_command(yaml_object& obj, const command& c) {
    static const std::regex name_re("[A-Z][A-Z0-9]*");
    static const std::regex clause_re("([0-9]+(\\.[0-9]+)*|S)");
    if (!std::regex_match(c.name, name_re)) {
        obj.fail(obj.required("name"), "command name '" + c.name + "' must be upper-case A-Z0-9");
    }
    if (!std::regex_match(c.clause, clause_re)) {
        obj.fail(obj.required("clause"), "clause '" + c.clause + "' must look like 2.3 or S");
    }
    if (c.has(form::test) != c.test_text.has_value()) {
        obj.fail(obj.node(), "command " + c.name + ": 'test_text' goes with (only) the test form");
    }
    if (c.has(form::query) != (c.query.layout != query_layout::none)) {
        obj.fail(obj.node(), "command " + c.name + ": 'query' goes with (only) the query form");
    }
    if (c.has(form::set) && c.parameters.empty()) {
        obj.fail(obj.node(), "command " + c.name + " has a set form but no 'parameters'");
    }
    const auto* slot = c.slot_parameter();
    if ((c.query.layout == query_layout::slots) != (slot != nullptr)) {
        obj.fail(obj.node(), "command " + c.name + ": layout slots needs one slot_index parameter");
    }
    if (c.query.layout == query_layout::slots && !c.defaults.empty() &&
        c.defaults.size() != c.query.slot_count) {
        obj.fail(obj.optional("defaults"),
                 "command " + c.name + ": " + std::to_string(c.defaults.size()) + " defaults for " +
                     std::to_string(c.query.slot_count) + " slots");
    }
    if (c.query.layout == query_layout::single && c.defaults.size() > 1) {
        obj.fail(obj.optional("defaults"),
                 "command " + c.name + ": one default for a single query");
    }
    bool seen_optional = false;
    for (std::size_t i = 0; i < c.parameters.size(); ++i) {
        const auto& p = c.parameters[i];
        if ((p.type == param_type::rest) && i + 1 != c.parameters.size()) {
            obj.fail(obj.node(), "command " + c.name + ": a rest parameter must be the last");
        }
        if (p.type == param_type::pem &&
            (i == 0 || c.parameters[i - 1].values.size() != p.pem_kinds.size())) {
            obj.fail(obj.node(), "command " + c.name +
                                     ": pem_kinds needs one kind per value of the previous enum");
        }
        if (seen_optional && !p.optional) {
            obj.fail(obj.node(),
                     "command " + c.name + ": required parameter after an optional one");
        }
        seen_optional = seen_optional || p.optional;
    }
}

command read_command(const std::string& file, const YAML::Node& node) {
    yaml_object obj(node, file, "a command");
    command c;
    c.file = file;
    c.line = obj.line();
    c.name = obj.text("name");
    c.clause = obj.text("clause");
    c.title = obj.text("title");
    c.tag = read_tag(obj, source_tag::manual);
    auto forms = obj.required("forms");
    if (!forms.IsSequence() || forms.size() == 0) {
        obj.fail(forms, "'forms' must be a non-empty list");
    }
    for (const auto& f : forms) {
        c.forms.push_back(read_form(obj, f));
    }
    c.missing_forms_rejected = obj.flag("missing_forms_rejected", true);
    c.test_text = obj.optional_text("test_text");
    if (auto q = obj.optional("query")) {
        c.query = read_query(file, q);
    }
    if (auto d = obj.optional_text("default")) {
        c.defaults.push_back(*d);
    }
    for (auto& d : obj.text_list("defaults")) {
        c.defaults.push_back(std::move(d));
    }
    c.default_from = obj.optional_text("default_from").value_or("");
    c.saved = obj.flag("saved", true);
    if (auto params = obj.optional("parameters")) {
        if (!params.IsSequence()) {
            obj.fail(params, "'parameters' must be a list");
        }
        for (const auto& p : params) {
            c.parameters.push_back(read_parameter(file, p));
        }
    }
    c.note = obj.optional_text("note").value_or("");
    obj.finish();
    check_command(obj, c);
    return c;
}

behaviour_check read_check(const std::string& file, const YAML::Node& node) {
    yaml_object obj(node, file, "a check");
    behaviour_check b;
    b.file = file;
    b.line = obj.line();
    b.id = obj.text("id");
    b.check = obj.text("check");
    b.check_line = line_of(obj.required("check"));
    b.group = obj.text("group");
    b.clause = obj.text("clause");
    b.title = obj.text("title");
    b.tag = read_tag(obj, source_tag::manual);
    if (auto inputs = obj.optional("inputs")) {
        if (!inputs.IsMap()) {
            obj.fail(inputs, "'inputs' must be a mapping of names to values");
        }
        for (const auto& entry : inputs) {
            const auto key = scalar_text(file, entry.first, "an input name");
            b.inputs.emplace_back(key, scalar_text(file, entry.second, "input '" + key + "'"));
        }
    }
    obj.finish();
    static const std::regex group_re("[A-Za-z][A-Za-z0-9]*");
    if (!std::regex_match(b.group, group_re)) {
        obj.fail(obj.required("group"), "check group '" + b.group + "' must be letters/digits");
    }
    static const std::regex id_re("[A-Z][A-Za-z0-9]*");
    if (!std::regex_match(b.id, id_re)) {
        obj.fail(obj.required("id"), "check id '" + b.id + "' must be CamelCase letters/digits");
    }
    if (!std::regex_match(b.check, id_re)) {
        obj.fail(obj.required("check"),
                 "check implementation '" + b.check + "' must be CamelCase letters/digits");
    }
    return b;
}

} // namespace

std::string camel_case(std::string_view text) {
    std::string out;
    bool upper = true;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) == 0) {
            upper = true;
            continue;
        }
        if (upper) {
            out += static_cast<char>(std::toupper(c));
        } else {
            out += static_cast<char>(std::tolower(c));
        }
        upper = std::isdigit(c) != 0;
    }
    return out;
}

std::string value_label(std::string_view text) {
    const bool negative = text.size() > 1 && text[0] == '-' &&
                          text.find_first_not_of("0123456789", 1) == std::string_view::npos;
    if (negative) {
        return "Minus" + std::string(text.substr(1));
    }
    return camel_case(text);
}

section load_section(const std::filesystem::path& path) {
    const auto file = path.string();
    const auto root = load_yaml_file(file);
    yaml_object obj(root, file, "a section file");
    section s;
    s.file = file;
    s.id = obj.text("section");
    s.title = obj.text("title");
    if (auto commands = obj.optional("commands")) {
        if (!commands.IsSequence()) {
            obj.fail(commands, "'commands' must be a list");
        }
        for (const auto& c : commands) {
            s.commands.push_back(read_command(file, c));
        }
    }
    if (auto checks = obj.optional("checks")) {
        if (!checks.IsSequence()) {
            obj.fail(checks, "'checks' must be a list");
        }
        for (const auto& c : checks) {
            s.checks.push_back(read_check(file, c));
        }
    }
    obj.finish();
    if (s.commands.empty() && s.checks.empty()) {
        obj.fail(root, "a section needs 'commands' or 'checks'");
    }
    return s;
}

manual load_manual(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        throw athil_error(errc::bad_input, dir.string() + ":0: not a spec directory");
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() == ".yaml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    manual m;
    std::set<std::string> names;
    std::set<std::string> case_suites;
    for (const auto& f : files) {
        auto s = load_section(f);
        for (const auto& c : s.commands) {
            if (!names.insert(c.name).second) {
                throw athil_error(errc::bad_input, c.file + ":" + std::to_string(c.line) +
                                                       ": command " + c.name +
                                                       " is described twice");
            }
        }
        m.sections.push_back(std::move(s));
    }
    if (m.sections.empty()) {
        throw athil_error(errc::bad_input, dir.string() + ":0: no *.yaml section files");
    }
    for (const auto& s : m.sections) {
        for (const auto& c : s.commands) {
            if (!c.default_from.empty() && m.find(c.default_from) == nullptr) {
                throw athil_error(errc::bad_input, c.file + ":" + std::to_string(c.line) +
                                                       ": default_from names unknown command " +
                                                       c.default_from);
            }
        }
    }
    return m;
}

} // namespace athil::spec
