#pragma once
// Cases that share one restart (case_def::batch): the first of them to run sets up every
// member, restarts the module once and runs each member's check after it, so one AT+Z or AT+S
// verifies many commands. Each member keeps its own verdict and evidence (its own lines, the
// shared restart, its own check); a member that fails there runs again alone, the old way, and
// that run is its verdict, so a deviation is still caught by the case named for it and cannot
// fail the cases of other commands.

#include "harness/runner/gtest/case_evidence.hpp"
#include "suites/case_def.hpp"
#include "suites/run_environment.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace athil::runner {

struct batched_outcome {
    bool passed = false;    // false: the case runs alone, and that is its verdict
    std::string transcript; // its own lines before the restart, the shared restart, its check
    report::case_evidence evidence;
    std::string carrier; // the case whose test ran the batch and counts its restarts
    std::size_t members = 0;
};

class restart_batches {
public:
    // At registration, in run order: the selected cases (those without a batch are ignored).
    void add(const suites::case_def& c);
    // What `c` got in its batch, running the batch now when no outcome of `c` is waiting;
    // nothing when `c` runs alone (no batch, --isolated, a batch of one, the rig failed).
    std::optional<batched_outcome> take(suites::run_environment& env, const suites::case_def& c,
                                        bool timelines);

private:
    void run(suites::run_environment& env, const suites::case_def& carrier, bool timelines);

    std::map<std::string, std::vector<const suites::case_def*>> members_; // by batch key
    std::map<std::string, batched_outcome> waiting_;                      // by full name
};

} // namespace athil::runner
