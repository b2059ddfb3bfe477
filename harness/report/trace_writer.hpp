#pragma once
// trace.json: the run in the Chrome trace-event format, which Perfetto (ui.perfetto.dev) and
// chrome://tracing open. One process per DUT, one track (thread) per source of evidence —
// harness, serial, wire, broker, observer — a slice per case on the harness track and an
// instant event per command, packet and log line, all on the run's clock.

#include "harness/report/run_model.hpp"

#include <string>

namespace athil::report {

std::string trace_json(const run_result& run);

} // namespace athil::report
