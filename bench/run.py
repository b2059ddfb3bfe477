#!/usr/bin/python3
"""Runs every benchmark of bench/ once and writes the results as a Markdown report.

  bench/run.py --build-dir build/release [--quick] [--out bench/RESULTS.md]

Each measurement is a program that prints one JSON line (bench/*/main.cpp, the pexpect
baseline) or an `athil run` timed from here. Every ratio in the report comes from this one
run on this one machine. --quick runs everything at tiny sizes (the CI smoke run): its numbers
mean nothing, it only proves the benchmark code still works. Exit status: 0 when every
benchmark ran, 1 when one failed (an error, never a slow number).
"""

import argparse
import json
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import tempfile
import time

import conformance_bound
import realistic_run
import realistic_timing
import restart_economy
import results_md

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
BAUD = 115200


class bench_error(Exception):
    pass


def run_json(argv, timeout):
    """Runs a benchmark program and returns the JSON object of its last stdout line."""
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise bench_error(f"{' '.join(map(str, argv))} exited {done.returncode}: "
                          f"{done.stderr.strip()[-600:]}")
    return json.loads(lines[-1])


def machine():
    model = "unknown"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(),
            "load_before": os.getloadavg(), "commit": rev or "unknown"}


def build_type(path):
    """`<build folder> (<CMAKE_BUILD_TYPE> <flags>)` of the build tree holding `path`."""
    for folder in [path] + list(path.parents):
        cache = folder / "CMakeCache.txt"
        if cache.exists():
            text = cache.read_text()
            kind = next((l.split("=", 1)[1] for l in text.splitlines()
                         if l.startswith("CMAKE_BUILD_TYPE:")), "?")
            flags = next((l.split("=", 1)[1] for l in text.splitlines()
                          if l.startswith(f"CMAKE_CXX_FLAGS_{kind.upper()}:")), "")
            return f"{folder.relative_to(ROOT) if ROOT in folder.parents else folder} " \
                   f"({kind or 'no build type'} {flags})".strip()
    return str(path)


def at_roundtrips(build, athil, count, reps):
    """Raw floor, athil's module_session and pexpect, unthrottled and at 115200 baud.

    The clients take turns, `reps` times, so that a change of load on a shared machine hits
    all of them. Load only ever adds time, so a row's median is the least disturbed run's
    (the smallest of the runs' medians); its p99 is the median of the runs' p99s.
    """
    prog = build / "bench" / "at_roundtrip" / "athil_bench_at_roundtrip"
    samples = {}
    for _ in range(reps):
        for baud in (0, BAUD):
            for client in ("raw", "session", "pexpect"):
                if client == "pexpect":
                    argv = ["/usr/bin/python3", HERE / "at_roundtrip_pexpect.py"]
                else:
                    argv = [prog, "--client", client]
                argv += ["--athil", athil, "--count", str(count), "--baud", str(baud)]
                samples.setdefault((client, baud), []).append(run_json(argv, 300))
    out = {}
    for key, runs in samples.items():
        row = dict(runs[0])
        row["us_median"] = min(r["us_median"] for r in runs)
        row["us_p99"] = sorted(r["us_p99"] for r in runs)[len(runs) // 2]
        row["failures"] = sum(r["failures"] for r in runs)
        row["reps"] = len(runs)
        out[key] = row
    return out


def peak_rss_kb(pid):
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def descendants(pid):
    out = []
    try:
        for task in pathlib.Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                out.append(int(child))
                out.extend(descendants(int(child)))
    except OSError:
        pass
    return out


def process_kind(pid):
    try:
        argv = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    if len(argv) > 1 and argv[1] == b"sim":
        return "simulator"
    if argv and argv[0].endswith(b"mosquitto"):
        return "broker"
    if len(argv) > 1 and argv[1] == b"run":
        return "harness"
    return None


def athil_runs(athil, jobs, extra, workdir, timeout):
    """`athil run` split into `jobs` shard processes at once (--jobs when it exists).

    Returns wall seconds, exit codes, the report folders and peak memory (VmHWM, polled) per
    kind of process: the harness, its simulators, its brokers.
    """
    base = [str(athil), "run", "--timeout-scale", "1"] + extra
    if jobs > 1 and has_jobs_option(athil):
        commands = [base + ["--jobs", str(jobs), "--report-dir", str(workdir / "all")]]
    else:
        commands = [base + (["--shard", f"{i}/{jobs}"] if jobs > 1 else []) +
                    ["--report-dir", str(workdir / f"shard{i}")] for i in range(1, jobs + 1)]
    peaks = {"harness": 0, "simulator": 0, "broker": 0}
    time_v = workdir / "time-v.txt"
    # GNU time's maximum resident set size covers the harness and every process it reaped.
    wrap = ["/usr/bin/time", "-v", "-o", str(time_v)] if os.path.exists("/usr/bin/time") else []
    start = time.monotonic()
    procs = [subprocess.Popen(wrap + c if len(commands) == 1 else c,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for c in commands]
    while any(p.poll() is None for p in procs):
        if time.monotonic() - start > timeout:
            for p in procs:
                p.kill()
            raise bench_error(f"athil run --jobs {jobs} ran past {timeout} s")
        for p in procs:
            tree = descendants(p.pid)
            # Under time -v the harness is the child of the time process.
            harness = [p.pid] + [pid for pid in tree if process_kind(pid) == "harness"]
            for pid in harness:
                peaks["harness"] = max(peaks["harness"], peak_rss_kb(pid))
            for child in tree:
                kind = process_kind(child)
                if kind:
                    peaks[kind] = max(peaks[kind], peak_rss_kb(child))
        time.sleep(0.2)
    wall = time.monotonic() - start
    codes = [p.returncode for p in procs]
    if any(code not in (0, 1) for code in codes):
        raise bench_error(f"athil run --jobs {jobs}: exit codes {codes} (2 = rig failure)")
    folders = [pathlib.Path(c[-1]) for c in commands]
    max_rss = None
    if time_v.exists():
        for line in time_v.read_text().splitlines():
            if "Maximum resident set size" in line:
                max_rss = int(line.split(":")[1])
    return {"wall": wall, "codes": codes, "folders": folders, "peak_kb": peaks,
            "time_v_max_rss_kb": max_rss}


def report_sizes(folder):
    """Bytes of each report file of a run folder."""
    return {name: (folder / name).stat().st_size if (folder / name).exists() else 0
            for name in ("junit.xml", "results.json", "report.html", "trace.json")}


def has_jobs_option(athil):
    text = subprocess.run([str(athil), "run", "--help"], capture_output=True, text=True).stdout
    return "--jobs" in text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True, type=pathlib.Path)
    parser.add_argument("--quick", action="store_true", help="tiny sizes (CI smoke run)")
    parser.add_argument("--out", type=pathlib.Path, default=HERE / "RESULTS.md")
    parser.add_argument("--athil", type=pathlib.Path, default=None,
                        help="the athil to measure (default: the one in --build-dir)")
    parser.add_argument("--run-arg", action="append", default=[],
                        help="extra argument for every `athil run` (repeatable)")
    parser.add_argument("--command", default=None, help="the command line to print in the report")
    args = parser.parse_args()

    build = args.build_dir.resolve()
    athil = (args.athil or build / "harness" / "runner" / "athil").resolve()
    q = args.quick
    sizes = {
        "at_count": 20 if q else 1000,
        "at_reps": 1 if q else 5,
        "filter": (["--filter", "1.1,2.2"] if q else []) + args.run_arg,
        "jobs": [1, 2] if q else [1, 2, 4, 8],
        "bytes": 2048 if q else 64 * 1024,
        # Restart economy: a slow-booting module, the acceptance selection of issue 20.
        "economy": (["--filter", "2.2,3.1.1"], 300) if q else
                   (["--filter", "2.2,3.1.1,3.1.3", "--sim-arg=--baud=115200"], 10000),
        # The realistic timing profile, planned against --isolated (quick: one case, 300 ms
        # boot; registration, latency and pacing as the profile says).
        "realistic": ["--filter", "S3_1_1_Transparent.PackingByLength", "--boot-ms", "300"]
                     if q else ["--filter", "2.2,3.1.1,3.1.3"],
        "timing": (["--filter", "2.2"], "quick") if q else
                  (["--filter", "2.2,3.1.1"], "realistic"),
        "fixtures": ["--starts", "2", "--pkis", "1", "--round-trips", "20",
                     "--monitor-passes", "3"] if q else
                    ["--starts", "20", "--pkis", "5", "--round-trips", "500"],
        "history": ["--runs", "10", "--cases", "20", "--repeats", "1"] if q else
                   ["--runs", "1000", "--cases", "469", "--repeats", "3"],
    }
    facts = {"machine": machine(), "quick": q, "sizes": sizes,
             "builds": {"athil": build_type(athil), "bench programs": build_type(build)},
             "command": args.command or " ".join(["bench/run.py"] + sys.argv[1:])}
    began = time.monotonic()
    failures = []

    def step(name, fn):
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        t = time.monotonic()
        try:
            facts[name] = fn()
        except (bench_error, restart_economy.economy_error, subprocess.TimeoutExpired, OSError,
                ValueError) as e:
            failures.append(f"{name}: {e}")
            print(f"bench: {name} FAILED: {e}", file=sys.stderr)
        print(f"bench: {name} took {time.monotonic() - t:.1f} s", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="athil-bench-") as tmp:
        tmp = pathlib.Path(tmp)
        step("at", lambda: at_roundtrips(build, athil, sizes["at_count"], sizes["at_reps"]))

        def scaling():
            runs = {}
            for jobs in sizes["jobs"]:
                workdir = tmp / f"jobs{jobs}"
                workdir.mkdir()
                runs[jobs] = athil_runs(athil, jobs, sizes["filter"], workdir, 3600)
            return runs
        step("runs", scaling)

        def evidence():
            # The same selection once more without timelines: what the evidence costs.
            workdir = tmp / "no-timeline"
            workdir.mkdir()
            without = athil_runs(athil, 1, sizes["filter"] + ["--no-timeline"], workdir, 3600)
            return {"with": report_sizes(facts["runs"][1]["folders"][0]),
                    "without": report_sizes(without["folders"][0]),
                    "wall_with": facts["runs"][1]["wall"], "wall_without": without["wall"]}
        if "runs" in facts:
            step("evidence", evidence)
        if "runs" in facts:
            step("bound", lambda: conformance_bound.analyse(
                facts["runs"][1]["folders"][0] / "results.json", ROOT / "suites"))
        step("economy", lambda: restart_economy.measure(
            athil, sizes["economy"][0], sizes["economy"][1], tmp / "economy", 3600))
        step("timing", lambda: realistic_timing.measure(
            athil, sizes["timing"][0], sizes["timing"][1], tmp / "timing", 3600))
        step("realistic", lambda: realistic_run.measure(
            athil, sizes["realistic"], tmp / "realistic", 3600))
        step("transparent", lambda: run_json(
            [build / "bench" / "transparent" / "athil_bench_transparent", "--athil", athil,
             "--bytes", str(sizes["bytes"]), "--baud", str(BAUD)], 600))
        step("fixtures", lambda: run_json(
            [build / "bench" / "fixture_costs" / "athil_bench_fixture_costs"] +
            sizes["fixtures"], 600))
        step("history", lambda: run_json(
            [build / "bench" / "history" / "athil_bench_history"] + sizes["history"], 1800))

    facts["machine"]["load_after"] = os.getloadavg()
    facts["wall"] = time.monotonic() - began
    facts["failures"] = failures
    args.out.write_text(results_md.render(facts))
    print(f"bench: wrote {args.out} in {facts['wall']:.0f} s"
          f"{'' if not failures else ' with failures: ' + '; '.join(failures)}",
          file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
