#pragma once
// The rack inventory (rack.yaml, docs/INVENTORY.md): every module of a rack with how to reach
// it, what it is, which profile judges it, and the shell commands that reset and power it.
// Loaded strictly: an unknown key or a bad value stops the run with file:line, as the spec and
// profile loaders do, since a typo in a rack file must not silently skip a module.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace athil::dut {

// A shell command (run with /bin/sh -c) and how long it may take.
struct shell_command {
    std::string command;
    std::chrono::milliseconds timeout{10000};
};

struct inventory_dut {
    std::string id;                    // unique in the rack: [A-Za-z0-9_-]+, used in report names
    std::string link;                  // an --dut value: serial:PATH, tcp:H:P, rfc2217:H:P or sim
    unsigned baud = 115200;            // for serial and rfc2217 links without @BAUD
    std::string model;                 // what the rack owner says it is (the banner wins when seen)
    std::string profile;               // empty: the --profile of the run
    std::string broker_host;           // address the module uses to reach this host's brokers
    std::vector<std::string> sim_args; // link sim only: arguments of `athil sim`
    std::optional<shell_command> power_on;
    std::optional<shell_command> power_off;
    std::optional<shell_command> reset;
    std::vector<std::string> tags;
    std::chrono::milliseconds health_timeout{5000}; // for AT to be answered, each attempt
    int line = 0;                                   // where it is in the file

    // The --dut value with the baud applied ("serial:/dev/x@9600").
    std::string link_with_baud() const;
    bool has_any_tag(const std::vector<std::string>& wanted) const; // true for an empty list
};

struct inventory {
    std::filesystem::path file;
    std::vector<inventory_dut> duts;

    // nullptr when no DUT has this id.
    const inventory_dut* find(const std::string& id) const;
    // The DUTs that carry one of `tags` (all of them for an empty list), in file order.
    std::vector<const inventory_dut*> select(const std::vector<std::string>& tags) const;
};

// Throws athil_error(bad_input) "rack.yaml:LINE: what" for a missing file, a YAML syntax error,
// an unknown key, a wrong type, a duplicate id or an unusable link.
inventory load_inventory(const std::filesystem::path& file);

// "a,b" -> {"a", "b"}; empty items are dropped.
std::vector<std::string> split_tags(const std::string& text);

} // namespace athil::dut
