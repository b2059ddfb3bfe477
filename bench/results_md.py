"""Turns the facts bench/run.py gathered into bench/RESULTS.md: tables of ratios, each with
what it means. Only numbers measured in the run appear; a missing measurement says why."""

import realistic_run
import realistic_timing
import restart_economy

LINE_RATE_BAUD = 115200


def fmt(x, digits=1):
    return "n/a" if x is None else f"{x:.{digits}f}"


def ratio(a, b, digits=1):
    if a is None or b is None or a <= 0 or b <= 0:
        return "n/a (noise larger than the difference)"
    return f"{a / b:.{digits}f}×"


def at_section(at):
    floor_raw = at[("raw", 0)]
    rows = []
    for baud in (0, LINE_RATE_BAUD):
        raw = at[("raw", baud)]
        wire = raw["bytes_out"] + raw["bytes_in"]
        line_floor = wire * 10 / LINE_RATE_BAUD * 1e6 if baud else None
        for client in ("raw", "session", "pexpect"):
            r = at[(client, baud)]
            base = at[("raw", baud)]
            overhead = r["us_median"] - base["us_median"]
            rows.append(f"| {baud or 'unthrottled'} | {client} | {fmt(r['us_median'])} | "
                        f"{fmt(r['us_p99'])} | {fmt(overhead)} | "
                        f"{ratio(r['us_median'], line_floor, 2) if line_floor else '–'} | "
                        f"{r['failures']} |")
    s_over = at[("session", 0)]["us_median"] - floor_raw["us_median"]
    p_over = at[("pexpect", 0)]["us_median"] - floor_raw["us_median"]
    s_over_b = at[("session", LINE_RATE_BAUD)]["us_median"] - at[("raw", LINE_RATE_BAUD)]["us_median"]
    p_over_b = at[("pexpect", LINE_RATE_BAUD)]["us_median"] - at[("raw", LINE_RATE_BAUD)]["us_median"]
    wire = floor_raw["bytes_out"] + floor_raw["bytes_in"]
    return [
        "## 1. AT round trip: `AT+MQTTCFG?` against `athil sim` over a pty",
        "",
        f"{at[('raw', 0)]['us_count']:.0f} measured round trips per run (after 50 warm-up), "
        f"{at[('raw', 0)]['reps']} runs per row taken in turns with the other clients, each "
        "against its own fresh simulator; a row shows the smallest of the runs' medians (load "
        "only adds time: the least disturbed run) and the median of their p99s. `raw` is the least any client can do on "
        "the same link (write the line, read until `\\r\\nOK\\r\\n`, no parsing): the floor set "
        "by the simulator and the pty. `session` is athil's `module_session` (framing, echo "
        "and final-result parsing, transcript); `pexpect` is pyserial + pexpect `fdspawn` "
        "doing the same. Overhead = median − raw median at the same baud.",
        "",
        "| baud | client | median µs | p99 µs | overhead µs | median / line floor | failures |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"- **Overhead ratio pexpect / athil, unthrottled: {ratio(p_over, s_over)}** "
        f"({fmt(p_over)} µs vs {fmt(s_over)} µs per command; target ≥ 5×).",
        f"- At {LINE_RATE_BAUD} baud the overheads are pexpect {fmt(p_over_b)} µs and athil "
        f"{fmt(s_over_b)} µs: both within the line's pacing (see the last point), so no ratio "
        "is quoted for them.",
        f"- Line floor: {wire:.0f} bytes on the wire ({floor_raw['bytes_out']:.0f} out, "
        f"{floor_raw['bytes_in']:.0f} in: echo, `+MQTTCFG:60,0`, `OK`) × 10 bits / "
        f"{LINE_RATE_BAUD} = {wire * 10 / LINE_RATE_BAUD * 1e3:.2f} ms. The simulator paces "
        "only its own output, so the reachable floor on a pty is the inbound part, "
        f"{floor_raw['bytes_in'] * 10 / LINE_RATE_BAUD * 1e3:.2f} ms; a median below the full "
        "floor is possible here and not on a real line.",
        "- Why the clients meet at 115200 baud: the simulator's output pacer "
        "(fixtures/sim/output_pacer.cpp) sends a reply and then stays busy for the reply's "
        "line time before the next echo may leave. A client that sends its next command "
        "sooner waits for the line anyway, so every client faster than one line time shows "
        "the same median: at this rate the line is the limit, and a difference between "
        "clients is noise.",
        "",
    ]


def runs_section(runs, bound, quick):
    one = runs.get(1)
    out = ["## 2. Conformance run: wall time against its lower bound", ""]
    if not one or not bound:
        return out + ["not measured (see failures)", ""]
    f = bound["forced"]
    out += [
        f"`athil run` {'(quick: --filter 1.1,2.2) ' if quick else ''}with the simulator and "
        f"the reference profile, {bound['cases']} cases, exit codes {one['codes']}.",
        "",
        "| quantity | seconds |",
        "|---|---|",
        f"| wall time of `athil run` (process start to exit) | {fmt(one['wall'])} |",
        f"| sum of case durations (results.json) | {fmt(bound['case_sum'])} |",
        f"| start-up and reporting (wall − cases: PKI, brokers, taps, simulator, reports) | "
        f"{fmt(one['wall'] - bound['case_sum'])} |",
        f"| forced: guard silence before `+++` ({bound['guard'] * 1000:.0f} ms) + the module's `a` | "
        f"{fmt(f['guard'])} |",
        f"| forced: restarts, OK to boot banner | {fmt(f['restart'])} |",
        f"| forced: packing time after data frames | {fmt(f['packing'])} |",
        f"| forced: MQTT keepalive / reconnect timings | {fmt(f['protocol'])} |",
        f"| **lower bound (sum of forced waits)** | **{fmt(bound['forced_sum'])}** |",
        f"| not forced, but needed by checks: silences of the profile's quiet time "
        f"({bound['quiet'] * 1000:.0f} ms) making sure nothing (more) arrives | "
        f"{fmt(bound['quiet_sum'])} |",
        "",
        f"- **wall / lower bound: {ratio(one['wall'], bound['forced_sum'], 2)}** "
        "(target ≤ 1.5×); cases alone: "
        f"{ratio(bound['case_sum'], bound['forced_sum'], 2)}; wall / (lower bound + quiet "
        f"waits): {ratio(one['wall'], bound['forced_sum'] + bound['quiet_sum'], 2)}.",
        "- How the bound is estimated: bench/conformance_bound.py reads each case's "
        "timestamped transcript from results.json (escapes, restarts, data writes and any "
        "AT+UARTFT) and adds the simulator's MQTT timings per case from a table taken from "
        "the case definitions (suites/mqtt/*_checks.cpp) and the simulator "
        "(fixtures/sim/mqtt/engine.cpp).",
        "",
        "Top 10 cases by overhead (duration − forced waits):",
        "",
        "| case | duration s | forced s | overhead s | of it: quiet waits s |",
        "|---|---|---|---|---|",
    ]
    out += [f"| {c['name']} | {c['duration']:.3f} | {c['forced']:.3f} | {c['overhead']:.3f} | "
            f"{c['quiet']:.3f} |" for c in bound["top"]]
    return out + [
        "",
        "Where the rest goes: the quiet waits of checks that something does *not* happen "
        "(an empty line or `+++` in command mode must stay unanswered), the section 3 cases' "
        "set-up (configuring the module, waiting for CONNACK and SUBACK through the tap) and "
        "their deliberate margins after data frames (200 ms per frame, for packing times up to "
        "the manual's 500 ms), and the run's start-up (PKI, brokers, taps, simulator).",
        "",
    ]


def scaling_section(runs):
    out = ["## 3. Parallel scaling on this machine", "",
           "N shard processes (`athil run --shard i/N`, each with its own simulator, brokers "
           "and PKI; `--jobs N` when the harness has it) started at once; wall time of the "
           "whole. Speed-up = wall(1) / wall(N).", "",
           "| jobs | wall s | speed-up | exit codes |", "|---|---|---|---|"]
    one = runs.get(1, {}).get("wall")
    for jobs, r in sorted(runs.items()):
        out.append(f"| {jobs} | {fmt(r['wall'])} | {ratio(one, r['wall'], 2)} | {r['codes']} |")
    return out + [""]


def transparent_section(t):
    if not t:
        return ["## 4. Transparent-mode throughput", "", "not measured (see failures)", ""]
    return [
        f"## 4. Transparent-mode throughput at {t['baud']:.0f} baud", "",
        f"{t['bytes']:.0f} bytes each way in 1024-byte frames numbered by an 8-digit sequence; "
        "every frame checked in order on arrival. Serial → broker: the host writes at the line "
        "rate (a real line cannot go faster), a libmosquitto client receives. Broker → serial: "
        "the client publishes (QoS 1) as fast as the broker acknowledges, the simulator's "
        "output is paced at the line rate. Fraction = payload bytes / elapsed / (baud / 10).",
        "", "| direction | seconds | fraction of line rate | frames lost |", "|---|---|---|---|",
        f"| serial → broker | {fmt(t['up_seconds'], 2)} | {t['up_fraction'] * 100:.1f} % | "
        f"{t['up_lost_frames']:.0f} |",
        f"| broker → serial | {fmt(t['down_seconds'], 2)} | {t['down_fraction'] * 100:.1f} % | "
        f"{t['down_lost_frames']:.0f} |", "",
        "- Serial → broker: the module publishes each 1024-byte frame as soon as the packing "
        "length is reached, so the last message leaves right after its last byte.",
        "- Broker → serial: the elapsed time includes the first message's trip through the "
        "broker, and the simulator's pacer restarts its ~10 ms chunk timer from the moment it "
        "wakes (`expires_after`), so each late wake-up on a loaded machine is lost for good; "
        "timing each chunk from the previous deadline (`expires_at`) would win it back.",
        "",
    ]


def fixtures_section(x):
    if not x:
        return ["## 5. Fixture costs", "", "not measured (see failures)", ""]
    return [
        "## 5. Fixture costs", "",
        "| what | median | p99 | min | max |", "|---|---|---|---|---|",
        f"| plain broker start-to-ready ({x['broker_start_ms_count']:.0f} starts), ms | "
        f"{fmt(x['broker_start_ms_median'])} | {fmt(x['broker_start_ms_p99'])} | "
        f"{fmt(x['broker_start_ms_min'])} | {fmt(x['broker_start_ms_max'])} |",
        f"| test PKI generation: CA, server, client, expired, rogue CA, rogue server ({x['pki_ms_count']:.0f}×), ms | "
        f"{fmt(x['pki_ms_median'])} | {fmt(x['pki_ms_p99'])} | {fmt(x['pki_ms_min'])} | "
        f"{fmt(x['pki_ms_max'])} |",
        f"| QoS 1 publish round trip straight to the broker, µs | "
        f"{fmt(x['direct_rtt_us_median'])} | {fmt(x['direct_rtt_us_p99'])} | "
        f"{fmt(x['direct_rtt_us_min'])} | {fmt(x['direct_rtt_us_max'])} |",
        f"| the same through the wire tap, µs | {fmt(x['tapped_rtt_us_median'])} | "
        f"{fmt(x['tapped_rtt_us_p99'])} | {fmt(x['tapped_rtt_us_min'])} | "
        f"{fmt(x['tapped_rtt_us_max'])} |", "",
        f"- **Tap latency per packet: {fmt(x['tap_us_per_packet'])} µs** "
        "((tapped − direct median) / 2: PUBLISH and PUBACK each cross the tap once).", "",
    ] + monitor_lines(x)


def monitor_lines(x):
    if "monitor_us_per_packet_median" not in x:
        return []
    return [
        f"- **Wire monitor per packet: {fmt(x['monitor_us_per_packet_median'])} µs** "
        f"(median of passes over the {x['monitored_packets']:.0f} packets the tap recorded): "
        f"**{x['monitor_vs_tap']:.3f}×** the tap's latency per packet and "
        f"{x['monitor_vs_decode']:.2f}× decoding the same packets "
        f"({fmt(x['decode_us_per_packet_median'])} µs), same run. The monitor runs after each "
        "section-3 case, not on the packets' path.", "",
    ]


def history_section(x):
    if not x:
        return ["## 8. Run history", "", "not measured (see failures)", ""]
    runs, cases = x["runs"], x["cases"]
    return [
        "## 8. Run history (SQLite store, trend page)", "",
        f"{runs:.0f} synthetic runs of {cases:.0f} cases each "
        "(`bench/history/`), recorded one transaction per run, then `history trend`'s page made "
        "from the store.", "",
        "| what | value |", "|---|---|",
        f"| record one run, median (p99), ms | {fmt(x['record_ms_median'])} "
        f"({fmt(x['record_ms_p99'])}) |",
        f"| store size, MiB | {x['store_bytes'] / 2**20:.1f} |",
        f"| the same runs as results.json files, MiB | {x['results_json_bytes'] / 2**20:.1f} |",
        f"| read every case row (`trend_rows`, the floor), ms | {fmt(x['rows_ms'])} |",
        f"| trend page: rows, aggregation and HTML, ms | {fmt(x['trend_ms'])} |",
        f"| trend page size, KiB | {x['trend_html_bytes'] / 1024:.0f} |", "",
        f"- **Store size / results.json size: {x['store_bytes'] / x['results_json_bytes']:.2f}** "
        "(the store keeps verdicts, durations and messages, not transcripts).",
        f"- **Trend page / reading the rows alone: {x['trend_ms'] / x['rows_ms']:.2f}×**.", "",
    ]


def memory_section(runs):
    one = runs.get(1)
    if not one:
        return []
    p = one["peak_kb"]
    tv = one.get("time_v_max_rss_kb")
    return [
        "## 6. Peak memory during the conformance run (section 2's run)", "",
        "| process | peak RSS MiB |", "|---|---|",
        f"| harness (`athil run`, VmHWM polled every 0.2 s) | {p['harness'] / 1024:.1f} |",
        f"| simulator (`athil sim`, VmHWM polled) | {p['simulator'] / 1024:.1f} |",
        f"| largest broker (mosquitto, VmHWM polled) | {p['broker'] / 1024:.1f} |",
        f"| `/usr/bin/time -v` maximum resident set size (largest of the harness and "
        f"every process it reaped) | "
        f"{'n/a (GNU time not installed)' if tv is None else f'{tv / 1024:.1f}'} |", "",
    ]


def evidence_section(e):
    if not e:
        return []
    out = ["## 7. What the evidence costs (section 2's run, with and without `--no-timeline`)", "",
           "Each case's timeline (serial, wire, broker, observer events) in results.json, junit.xml,",
           "report.html and trace.json, against the same selection run with `--no-timeline`.", "",
           "| | with timelines | without | ratio |", "|---|---|---|---|",
           f"| wall time s | {fmt(e['wall_with'])} | {fmt(e['wall_without'])} | "
           f"{ratio(e['wall_with'], e['wall_without'], 2)} |"]
    for name in e["with"]:
        a, b = e["with"][name], e["without"][name]
        out.append(f"| {name} KiB | {a / 1024:.0f} | {b / 1024:.0f} | {ratio(a, b, 2)} |")
    return out + [""]


def render(facts):
    m = facts["machine"]
    runs = facts.get("runs", {})
    out = [
        "# Benchmark results" + (" (quick smoke run: sizes too small to mean anything)"
                                 if facts["quick"] else ""),
        "",
        "Written by `bench/run.py` from one run; nothing here is typed in. Regenerate with "
        "`bench/run.sh` (see bench/README.md).",
        "",
        f"- command: `{facts['command']}`",
        f"- machine: {m['nproc']} CPUs, {m['cpu']}, Linux {m['kernel']}, commit {m['commit']}",
        f"- load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in m['load_before'])}"
        f"; after: {', '.join(f'{x:.2f}' for x in m['load_after'])} "
        "(other builds share the machine: absolute times are noisy, ratios less so)",
        "- builds: " + "; ".join(f"{k}: {v}" for k, v in facts["builds"].items()),
        f"- whole benchmark run: {facts['wall']:.0f} s",
        "",
    ]
    if "at" in facts:
        out += at_section(facts["at"])
    out += runs_section(runs, facts.get("bound"), facts["quick"])
    if runs:
        out += scaling_section(runs)
    out += restart_economy.section(facts.get("economy"))
    out += realistic_timing.section(facts.get("timing"))
    out += realistic_run.section(facts.get("realistic"))
    out += transparent_section(facts.get("transparent"))
    out += fixtures_section(facts.get("fixtures"))
    out += memory_section(runs)
    out += evidence_section(facts.get("evidence"))
    out += history_section(facts.get("history"))
    if facts["failures"]:
        out += ["## Failures", ""] + [f"- {f}" for f in facts["failures"]] + [""]
    return "\n".join(out)
