// athil rack status --inventory rack.yaml [--json]: who has which DUT of a rack now, and what
// the rack remembers of each (the last health check, the last run). Reads only: a lock is
// tested without being taken, so asking never gets in a starting run's way.
#include "harness/core/error.hpp"
#include "harness/dut/dut_lock.hpp"
#include "harness/dut/dut_memory.hpp"
#include "harness/runner/commands.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace athil::runner {
namespace {

using nlohmann::json;

struct status_options {
    std::filesystem::path inventory;
    bool json = false;
};

std::string when(const std::optional<std::chrono::system_clock::time_point>& t) {
    return t ? link::utc_text(*t) : std::string("-");
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        out += (out.empty() ? "" : ",") + i;
    }
    return out.empty() ? "-" : out;
}

std::string status_line(const dut::inventory_dut& d, const link::lock_state& lock,
                        const dut::dut_memory& m) {
    std::string line = d.id + "  ";
    line += lock.held ? "held by " + link::holder_text(lock) : std::string("free");
    if (lock.waiting > 0) {
        line += " (" + std::to_string(lock.waiting) + " waiting)";
    }
    line += "  health: " + (m.health.empty() ? std::string("never checked")
                                             : m.health + " at " + when(m.health_at));
    line += "  last run: " +
            (m.last_run.empty() ? std::string("none") : m.last_run + " at " + when(m.last_run_at));
    return line + "  tags: " + joined(d.tags);
}

json status_json(const dut::inventory_dut& d, const link::lock_state& lock,
                 const dut::dut_memory& m) {
    json j{{"id", d.id},
           {"link", d.link},
           {"model", d.model},
           {"tags", d.tags},
           {"state", lock.held ? "held" : "free"},
           {"holder", nullptr},
           {"waiting", lock.waiting},
           {"health", nullptr},
           {"last_run", nullptr}};
    if (lock.held && lock.holder) {
        const auto& h = *lock.holder;
        j["holder"] = {{"pid", h.pid},       {"user", h.user},
                       {"host", h.host},     {"command", h.command},
                       {"ci_job", h.ci_job}, {"since", link::utc_text(h.since)}};
    }
    if (!m.health.empty()) {
        j["health"] = {
            {"verdict", m.health}, {"at", when(m.health_at)}, {"detail", m.health_detail}};
    }
    if (!m.last_run.empty()) {
        j["last_run"] = {{"verdict", m.last_run}, {"at", when(m.last_run_at)}};
    }
    return j;
}

int run_status(const status_options& o) {
    dut::inventory inventory;
    try {
        inventory = dut::load_inventory(o.inventory);
    } catch (const athil_error& e) {
        std::cerr << "athil rack status: " << e.what() << "\n";
        return 2;
    }
    json all = json::array();
    for (const auto& d : inventory.duts) {
        const auto lock = dut::dut_lock_state(d.id);
        const auto memory = dut::recall_dut(d.id);
        if (o.json) {
            all.push_back(status_json(d, lock, memory));
        } else {
            std::cout << status_line(d, lock, memory) << "\n";
        }
    }
    if (o.json) {
        std::cout << json{{"inventory", o.inventory.string()}, {"duts", all}}.dump(2) << "\n";
    }
    return 0;
}

} // namespace

void add_rack_command(CLI::App& app) {
    auto* rack = app.add_subcommand("rack", "A shared rack: who holds which DUT, and its health.");
    rack->require_subcommand(1);
    auto o = std::make_shared<status_options>();
    auto* status = rack->add_subcommand(
        "status", "One line per DUT of the inventory: free or held (by whom, since when, how "
                  "many wait), the last health check's verdict and when, the last run's "
                  "verdict, its tags. Exit 0, or 2 for a bad inventory.");
    status->footer("Examples:\n"
                   "  athil rack status --inventory rack.yaml\n"
                   "  athil rack status --inventory rack.yaml --json   # for scripts");
    status->add_option("--inventory", o->inventory, "rack.yaml (docs/INVENTORY.md)")
        ->required()
        ->check(CLI::ExistingFile);
    status->add_flag("--json", o->json, "print a JSON document instead of lines");
    status->callback([o] {
        const int code = run_status(*o);
        if (code != 0) {
            throw CLI::RuntimeError(code);
        }
    });
}

} // namespace athil::runner
