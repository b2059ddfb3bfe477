#pragma once
// Runs merged on the model, once: the shards of one module (--jobs workers, CI shards) become
// one run, which the report writers then render like any other. `athil report merge` reads the
// parts from their results.json; the --jobs parent from its workers' folders.

#include "harness/report/run_model.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace athil::report {

// The cases of every part, in order; the metadata is the first part's, with the earliest start
// time and `wall` as the duration (the parts' own sum when `wall` is zero). A part that did not
// complete makes the merged run incomplete. Throws athil_error(bad_input) naming a judged case
// that two parts both hold (a part given twice): counted twice it would tell a wrong story. Rig
// errors (Run.Interrupted of every stopped worker) are each part's own and kept.
run_result merge_runs(const std::vector<run_result>& parts, std::chrono::milliseconds wall);

// A part that did not complete makes `merged` incomplete too ("<label>: <reason>"); the first
// such part names the reason.
void carry_outcome(run_result& merged, const run_metadata& part, const std::string& label);

} // namespace athil::report
