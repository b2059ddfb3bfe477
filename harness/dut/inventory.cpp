#include "harness/dut/inventory.hpp"

#include "harness/core/error.hpp"
#include "harness/link/link_spec.hpp"
#include "harness/spec/yaml_reader.hpp"

#include <algorithm>
#include <set>

namespace athil::dut {
namespace {

using spec::yaml_object;

// `power_on: "cmd"` or `power_on: {command: "cmd", timeout_ms: 5000}`.
std::optional<shell_command> read_command(yaml_object& parent, const std::string& key) {
    const auto node = parent.optional(key);
    if (!node.IsDefined() || node.IsNull()) {
        return std::nullopt;
    }
    shell_command c;
    if (node.IsScalar()) {
        c.command = spec::scalar_text(parent.file(), node, key);
    } else {
        yaml_object obj(node, parent.file(), "'" + key + "'");
        c.command = obj.text("command");
        c.timeout = std::chrono::milliseconds(obj.bounded_integer("timeout_ms", 10000, 1, 600000));
        obj.finish();
    }
    if (c.command.empty()) {
        parent.fail(node, "'" + key + "' is an empty command");
    }
    return c;
}

bool valid_id(const std::string& id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
               ch == '-' || ch == '_';
    });
}

inventory_dut read_dut(const std::string& file, const YAML::Node& node) {
    yaml_object obj(node, file, "a DUT");
    inventory_dut d;
    d.line = obj.line();
    d.id = obj.text("id");
    if (!valid_id(d.id)) {
        obj.fail(obj.required("id"), "id '" + d.id + "' may hold only letters, digits, - and _");
    }
    d.link = obj.text("link");
    link::link_spec parsed;
    try {
        parsed = link::parse_link_spec(d.link);
    } catch (const athil_error& e) {
        obj.fail(obj.required("link"), e.what());
    }
    d.baud = static_cast<unsigned>(obj.bounded_integer("baud", link::default_baud, 50, 4000000));
    d.model = obj.optional_text("model").value_or("");
    d.profile = obj.optional_text("profile").value_or("");
    d.broker_host = obj.optional_text("broker_host").value_or("");
    d.sim_args = obj.text_list("sim_args");
    for (const auto& q : obj.text_list("quirks")) {
        d.sim_args.push_back("--quirk=" + q);
    }
    if (!d.sim_args.empty() && parsed.type != link::link_spec::kind::sim) {
        obj.fail(node, "sim_args and quirks need link: sim");
    }
    d.power_on = read_command(obj, "power_on");
    d.power_off = read_command(obj, "power_off");
    d.reset = read_command(obj, "reset");
    if (d.power_on.has_value() != d.power_off.has_value()) {
        obj.fail(node, "power_on and power_off come together (a power cycle needs both)");
    }
    d.tags = obj.text_list("tags");
    d.health_timeout =
        std::chrono::milliseconds(obj.bounded_integer("health_timeout_ms", 5000, 100, 600000));
    obj.finish();
    return d;
}

} // namespace

std::string inventory_dut::link_with_baud() const {
    const auto parsed = link::parse_link_spec(link);
    const bool takes_baud = parsed.type == link::link_spec::kind::serial ||
                            parsed.type == link::link_spec::kind::rfc2217;
    if (!takes_baud || link.find('@') != std::string::npos) {
        return link;
    }
    return link + "@" + std::to_string(baud);
}

bool inventory_dut::has_any_tag(const std::vector<std::string>& wanted) const {
    return wanted.empty() || std::any_of(wanted.begin(), wanted.end(), [&](const auto& t) {
               return std::find(tags.begin(), tags.end(), t) != tags.end();
           });
}

const inventory_dut* inventory::find(const std::string& id) const {
    const auto it =
        std::find_if(duts.begin(), duts.end(), [&](const auto& d) { return d.id == id; });
    return it == duts.end() ? nullptr : &*it;
}

std::vector<const inventory_dut*> inventory::select(const std::vector<std::string>& tags) const {
    std::vector<const inventory_dut*> out;
    for (const auto& d : duts) {
        if (d.has_any_tag(tags)) {
            out.push_back(&d);
        }
    }
    return out;
}

inventory load_inventory(const std::filesystem::path& file) {
    const auto name = file.string();
    const auto root = spec::load_yaml_file(name);
    yaml_object top(root, name, "the inventory");
    const auto version = top.integer("inventory_version");
    if (version != 1) {
        top.fail(top.required("inventory_version"),
                 "inventory_version must be 1, not " + std::to_string(version));
    }
    const auto list = top.required("duts");
    if (!list.IsSequence() || list.size() == 0) {
        top.fail(list, "'duts' must be a non-empty list");
    }
    top.finish();
    inventory inv;
    inv.file = file;
    std::set<std::string> ids;
    for (const auto& node : list) {
        auto d = read_dut(name, node);
        if (!ids.insert(d.id).second) {
            spec::fail_at(name, node["id"], "duplicate DUT id '" + d.id + "'");
        }
        inv.duts.push_back(std::move(d));
    }
    return inv;
}

std::vector<std::string> split_tags(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find(',', start), text.size());
        if (end > start) {
            out.push_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return out;
}

} // namespace athil::dut
