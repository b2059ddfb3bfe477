"""The lower bound of a conformance run: the waits the protocol and the module force on it.

A run cannot be faster than the sum, over its cases, of:
  - the guard silence before each `+++` (the profile's guard time; the manual asks >= 200 ms)
    plus the module's answer `a` (the simulator keeps its own guard before answering);
  - each restart (AT+S, AT+Z, AT+CLEAR): the module's time from OK to its boot banner;
  - the packing time after each data frame written in data mode, so that it leaves alone
    (AT+UARTFT, 50 ms unless the case sets another);
  - the MQTT timings the module runs on (the simulator's [R] values in
    fixtures/sim/mqtt/engine.cpp: PINGREQ after 3/4 of the keepalive, PINGRESP awaited
    max(keepalive/2, 2 s), 2 s between reconnection attempts), per case from its definition
    in suites/mqtt/*_checks.cpp (PROTOCOL_WAITS below).
The first three are measured from the case's transcript in results.json (each line carries a
timestamp), the last is a table. Everything else (command round trips, broker and tap work,
run start-up) is overhead. The harness's "nothing (more) arrives" waits (the profile's
quiet_ms) are counted apart: the checks need them, the protocol does not.
"""

import json
import re

STAMP = re.compile(r"^\[\s*([0-9.]+)\] (tx|rx|--) ?(.*)$")
DEFAULT_PACKING_S = 0.050

# Case name -> (seconds, why). Keepalive 2 s in both keepalive cases (suites/spec/s3_1_generic).
PROTOCOL_WAITS = {
    "KeepalivePingreq": (1.5, "PINGREQ after 3/4 of keepalive 2 s"),
    "KeepaliveDeadLinkReconnects": (5.5, "PINGREQ at 1.5 s, PINGRESP awaited 2 s, "
                                         "2 s before reconnecting"),
    "ReconnectAfterBrokerRestart": (2.0, "2 s before the reconnection attempt"),
    "CleanSession0KeepsQueued": (2.0, "2 s before reconnecting after the cut"),
    "CleanSession1DropsQueued": (2.0, "2 s before reconnecting after the cut"),
    "Qos1ResentWithDupAfterReconnect": (2.0, "2 s before reconnecting after the cut"),
}


def profile_seconds(suites_dir, key, default):
    text = (suites_dir / "profiles" / "reference.yaml").read_text()
    m = re.search(key + r":\s*(\d+)", text)
    return int(m.group(1)) / 1000 if m else default


def events(transcript):
    out = []
    for line in transcript.splitlines():
        m = STAMP.match(line)
        if m:
            out.append((float(m.group(1)), m.group(2), m.group(3)))
    return out


def quiet_waits(ev, quiet):
    """Silences of at least the profile's quiet time that no forced wait explains: the
    harness making sure nothing (more) arrives. A check needs them, the protocol does not."""
    total = 0.0
    for (t, _, _), (t_next, what, text) in zip(ev, ev[1:]):
        if t_next - t >= 0.95 * quiet and text != "+++" and not text.startswith("booted"):
            total += quiet
    return total


def forced_waits(case, guard):
    """Seconds of forced waiting in one case, by kind."""
    ev = events(case.get("transcript", ""))
    kinds = {"guard": 0.0, "restart": 0.0, "packing": 0.0, "protocol": 0.0}
    packing = DEFAULT_PACKING_S
    data_mode = False
    restart_at = None
    for i, (t, what, text) in enumerate(ev):
        if what == "tx" and text == "+++":
            answer = next((e for e in ev[i + 1:] if e[1] == "rx"), None)
            kinds["guard"] += guard + (answer[0] - t if answer and answer[2] == "a" else 0)
        elif what == "tx" and text.startswith("AT+UARTFT="):
            digits = re.match(r"\d+", text[len("AT+UARTFT="):])
            if digits:
                packing = int(digits.group()) / 1000
        elif what == "--" and text.startswith("restart after"):
            restart_at = t
        elif what == "--" and text.startswith("booted") and restart_at is not None:
            kinds["restart"] += t - restart_at
            restart_at = None
            data_mode = True
        elif what == "--" and text.startswith("command mode"):
            data_mode = False
        elif what == "tx" and text.startswith("AT+ENTM"):
            data_mode = True
        elif what == "tx" and data_mode and text not in ("+++", "a"):
            # Bytes written within the packing time of the next write join its packet: the
            # idle wait is forced once, after the last of them.
            after = ev[i + 1] if i + 1 < len(ev) else None
            if not (after and after[1] == "tx" and after[0] - t < packing):
                kinds["packing"] += packing
    if case["name"] in PROTOCOL_WAITS:
        kinds["protocol"] = PROTOCOL_WAITS[case["name"]][0]
    return kinds


def analyse(results_json, suites_dir):
    data = json.loads(results_json.read_text())
    guard = profile_seconds(suites_dir, "guard_ms", 0.25)
    quiet = profile_seconds(suites_dir, "quiet_ms", 0.4)
    quiet_sum = 0.0
    cases = []
    totals = {"guard": 0.0, "restart": 0.0, "packing": 0.0, "protocol": 0.0}
    for c in data["cases"]:
        kinds = forced_waits(c, guard)
        ev = events(c.get("transcript", ""))
        if ev:  # the case's end, for a silence after its last line
            ev.append((ev[0][0] + c["duration_ms"] / 1000, "--", "end"))
        case_quiet = quiet_waits(ev, quiet)
        quiet_sum += case_quiet
        for k, v in kinds.items():
            totals[k] += v
        duration = c["duration_ms"] / 1000
        forced = sum(kinds.values())
        cases.append({"name": f"{c['section']}.{c['name']}", "duration": duration,
                      "forced": forced, "quiet": case_quiet, "overhead": duration - forced})
    cases.sort(key=lambda c: -c["overhead"])
    return {
        "cases": len(cases),
        "run_duration": data["metadata"].get("duration_ms", 0) / 1000,
        "case_sum": sum(c["duration"] for c in cases),
        "forced": totals,
        "forced_sum": sum(totals.values()),
        "top": cases[:10],
        "guard": guard,
        "quiet": quiet,
        "quiet_sum": quiet_sum,
        "protocol_table": {k: v[1] for k, v in PROTOCOL_WAITS.items()},
    }


if __name__ == "__main__":
    import pathlib
    import sys
    print(json.dumps(analyse(pathlib.Path(sys.argv[1]),
                             pathlib.Path(__file__).resolve().parent.parent / "suites"),
                     indent=1))
