#!/usr/bin/env python3
"""Mutation runner: proves the suites reject every deliberately wrong simulator.

For every quirk of `athil sim --list-quirks` it runs `athil run --quirk Q --filter F` (F from
quirk_clauses.txt, the cases that can see the deviation) and stops that run at its first failing
case, which it records; only when the targeted run passes is the quirk run again against every
case, and a quirk that passes that too SURVIVED.
It also runs the faithful simulator (no quirk, every case) and the reverse direction (quirks
that take another reasonable reading of an [R] item must pass under the matching profile).
Writes the table as Markdown; exits 1 if a quirk survived, the faithful run failed or a
tolerated quirk was rejected, 2 if a run could not be judged (infrastructure).

  tests/mutation/mutate.py --athil build/dev/harness/runner/athil --out docs/MUTATION.md
"""

import argparse
import concurrent.futures
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The plain per-case line athil run prints when stdout is not a terminal: "[ 12/467] FAIL  X.Y".
FAILED_LINE = re.compile(r"^\[\s*\d+/\d+\] (?:FAIL|ERROR)\s+(\S+\.\S+)", re.MULTILINE)
# The first line of a failure the wire monitor found (suites/mqtt/wire_watch.cpp).
MONITOR_FAILURE = re.compile(r"the module's traffic breaks \[([^\]]+)\]")


@dataclass
class job:
    kind: str  # "catch", "tolerate" or "faithful"
    quirk: str
    filter: str
    profile: str = "reference"
    widened: bool = False  # the targeted filter passed: this is the run against every case


@dataclass
class outcome:
    job: job
    rc: int
    failed: list = field(default_factory=list)
    seconds: float = 0.0
    tail: str = ""
    statement: str = ""  # what the wire monitor named, when it caught the first failing case

    def verdict(self):
        if self.job.kind == "catch":
            if self.rc == 1 and self.failed:
                return "caught"
            return "SURVIVED" if self.rc == 0 else "ERROR"
        if self.rc == 0:
            return "passes"
        return "REJECTED" if self.rc == 1 else "ERROR"

    def good(self):
        return self.verdict() in ("caught", "passes")


def list_quirks(athil):
    out = subprocess.run([athil, "sim", "--list-quirks"], check=True, capture_output=True,
                         text=True, timeout=60).stdout
    quirks = []
    for line in out.splitlines():
        if line.strip():
            name, _, description = line.strip().partition(" ")
            quirks.append((name, description.strip()))
    return quirks


def read_clauses(path):
    catch, tolerate, equivalent = {}, [], {}
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        if words[0] == "catch" and len(words) == 3:
            catch[words[1]] = words[2]
        elif words[0] == "tolerate" and len(words) == 4:
            tolerate.append(job("tolerate", words[1], words[3], words[2]))
        elif words[0] == "equivalent" and len(words) >= 3:
            equivalent[words[1]] = " ".join(words[2:])
        else:
            sys.exit(f"{path}:{number}: expected 'catch QUIRK FILTER', "
                     f"'tolerate QUIRK PROFILE FILTER' or 'equivalent QUIRK REASON'")
    return catch, tolerate, equivalent


def stop_group(proc, grace=10):
    """SIGTERM first, so athil ends its simulator and brokers and removes its temporary
    folders; SIGKILL for whatever is left after `grace` seconds."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_one(athil, j, timeout):
    """One `athil run` in its own process group, so a timeout ends the simulator and brokers
    it started as well. A catch run is stopped at its first failing case: that case is all
    the table needs, and a caught quirk then costs little."""
    with tempfile.TemporaryDirectory(prefix="athil-mutate-") as reports:
        cmd = [athil, "run", "--profile", j.profile, "--report-dir", reports]
        if j.filter:
            cmd += ["--filter", j.filter]
        for quirk in filter(None, j.quirk.split("+")):
            cmd += ["--quirk", quirk]
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, errors="replace", start_new_session=True)
        timed_out = threading.Event()

        def on_timeout():
            timed_out.set()
            stop_group(proc, grace=2)

        watchdog = threading.Timer(timeout, on_timeout)
        watchdog.start()
        lines, stopped_early = [], False
        try:
            for line in proc.stdout:
                lines.append(line)
                if j.kind == "catch" and FAILED_LINE.match(line):
                    stopped_early = True
                    lines.append(proc.stdout.readline())  # the failure's first line follows it
                    stop_group(proc)
                    break
            proc.stdout.close()
            proc.wait()
        finally:
            watchdog.cancel()
        out = "".join(lines)
        rc = proc.returncode
        if timed_out.is_set():
            rc, out = 2, out + f"\n(timed out after {timeout} s)\n"
        elif stopped_early:
            rc = 1  # a failing case was seen: nonconformance, whatever the signal left
        failed = list(dict.fromkeys(FAILED_LINE.findall(out)))
        monitor = MONITOR_FAILURE.search(out)
        return outcome(j, rc, failed, time.monotonic() - start, out[-3000:],
                       monitor.group(1) if monitor else "")


def run_catch(athil, j, timeout):
    """The targeted run, then every case when the targeted cases did not see the quirk."""
    first = run_one(athil, j, timeout)
    if first.job.kind != "catch" or not j.filter or first.rc != 0:
        return first
    wide = run_one(athil, job("catch", j.quirk, "", j.profile, widened=True), timeout)
    wide.seconds += first.seconds
    return wide


def caught_by(o):
    if not o.failed:
        return f"exit code {o.rc}"
    more = len(o.failed) - 1
    by_monitor = f", wire monitor: `[{o.statement}]`" if o.statement else ""
    return f"`{o.failed[0]}`" + (f" (+{more} more)" if more else "") + by_monitor


def markdown(quirks, results, equivalent, wall, jobs, catch_filters):
    by_kind = {k: [o for o in results if o.job.kind == k] for k in ("faithful", "catch",
                                                                     "tolerate")}
    described = dict(quirks)
    caught = sum(o.good() for o in by_kind["catch"])
    total = len(by_kind["catch"])
    lines = [
        "# Mutation table: every deviation from the manual is caught",
        "",
        "Generated by `tests/mutation/mutate.py` (CI: `ci/mutation.sh`); do not edit by hand.",
        "Each simulator quirk (`athil sim --list-quirks`) is one deliberate deviation from",
        "MANUAL.md. The suites run against it under the reference profile (cases selected by",
        "`tests/mutation/quirk_clauses.txt`; every case when those pass) and must fail; a run",
        "stops at its first failing case, so the table names only the first (and, when the wire",
        "monitor failed it, the MQTT statement it named). The faithful simulator must pass",
        "every case.",
        "",
        f"- quirks: **{total}**; caught: **{caught}**; mutation score: "
        f"**{100.0 * caught / max(total, 1):.0f} %**",
    ]
    for o in by_kind["faithful"]:
        lines.append(f"- faithful simulator, every case: **{o.verdict()}** (exit code {o.rc}, "
                     f"{len(o.failed)} failed)")
    lines += [
        f"- wall time: {wall:.0f} s with {jobs} runs in parallel",
        "",
        "| quirk | deviation | filter | caught by (first failing case) |",
        "|---|---|---|---|",
    ]
    for o in by_kind["catch"]:
        verdict = caught_by(o) if o.good() else f"**{o.verdict()}** (exit code {o.rc})"
        shown = f"`{o.job.filter or '*'}`"
        if o.job.widened:
            shown = f"`{catch_filters.get(o.job.quirk, '')}` passed, then `*`"
        lines.append(f"| `{o.job.quirk}` | {described.get(o.job.quirk, '')} | "
                     f"{shown} | {verdict} |")
    if equivalent:
        lines += [
            "",
            "## Not observable through the manual's interface (not run, not counted)",
            "",
            "| quirk | deviation | why no conformance case can see it |",
            "|---|---|---|",
        ]
        lines += [f"| `{q}` | {described.get(q, '')} | {why} |" for q, why in equivalent.items()]
    lines += [
        "",
        "## Reverse direction: not stricter than the manual",
        "",
        "Quirks that take another reasonable reading of an [R] item, or a deviation a profile",
        "names, must pass under that profile.",
        "",
        "| quirk | profile | filter | verdict |",
        "|---|---|---|---|",
    ]
    for o in by_kind["tolerate"]:
        verdict = o.verdict() if o.good() else f"**{o.verdict()}**: {caught_by(o)}"
        lines.append(f"| `{o.job.quirk}` | {o.job.profile} | `{o.job.filter}` | {verdict} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--athil", required=True, help="the athil executable")
    ap.add_argument("--out", required=True, help="where to write the Markdown table")
    ap.add_argument("--clauses", default=str(HERE / "quirk_clauses.txt"))
    ap.add_argument("--jobs", type=int, default=2, help="runs in parallel")
    ap.add_argument("--quirks", default="", help="comma-separated subset (default: all)")
    ap.add_argument("--faithful-filter", default="",
                    help="filter of the faithful run (default: every case)")
    ap.add_argument("--no-reverse", action="store_true", help="skip the tolerate runs")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per run")
    args = ap.parse_args()

    started = time.monotonic()
    quirks = list_quirks(args.athil)
    known = {name for name, _ in quirks}
    catch, tolerate, equivalent = read_clauses(Path(args.clauses))
    tolerated = [q for t in tolerate for q in t.quirk.split("+")]
    # A map line for a quirk this simulator build lacks is skipped, not fatal: the map may be
    # ahead of a build of an older simulator.
    for name in sorted(set(list(catch) + tolerated + list(equivalent)) - known):
        print(f"note: {args.clauses}: quirk '{name}' is not known to this simulator; skipped")
    tolerate = [t for t in tolerate if set(t.quirk.split("+")) <= known]
    equivalent = {q: why for q, why in equivalent.items() if q in known}
    subset = [q for q in args.quirks.split(",") if q]
    if any(q not in known for q in subset):
        sys.exit(f"unknown quirk in --quirks {args.quirks}")
    chosen = [(n, d) for n, d in quirks if not subset or n in subset]

    # The longest runs first (the faithful one, then the reverse runs over whole sections) so
    # the short quirk runs fill the gaps at the end.
    jobs = [job("faithful", "", args.faithful_filter)]
    if not args.no_reverse:
        jobs += [t for t in tolerate if not subset or set(t.quirk.split("+")) & set(subset)]
    jobs += [job("catch", n, catch.get(n, "")) for n, _ in chosen if n not in equivalent]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_catch, args.athil, j, args.timeout) for j in jobs]
        results = []
        for f in futures:
            o = f.result()
            results.append(o)
            label = o.job.quirk or "(faithful)"
            print(f"{o.job.kind:8} {label:30} {o.job.profile:15} {o.verdict():8} "
                  f"{o.seconds:6.1f} s  {o.failed[0] if o.failed else ''}", flush=True)
            if not o.good():
                print(o.tail, flush=True)
    wall = time.monotonic() - started
    Path(args.out).write_text(markdown(quirks, results, equivalent, wall, args.jobs, catch))
    print(f"wrote {args.out} ({wall:.0f} s)")
    if any(o.verdict() == "ERROR" for o in results):
        return 2
    return 0 if all(o.good() for o in results) else 1


if __name__ == "__main__":
    sys.exit(main())
