"""Realistic timing: what a timing profile costs. The same selection against the instant
simulator and against one playing a timing profile (`athil run --timing`), in one bench run.
Reports wall time and restarts of each and the ratio; cases judged differently under the
profile are listed (a check whose window does not follow the profile shows up here)."""

import pathlib

import restart_economy

# --quick: a profile small enough for CI that still exercises every part of the timing.
QUICK_PROFILE = """timing: bench-quick
description: a small profile for the benchmark smoke run
seed: 1
boot_ms: 300
registration_ms: 300
uplink:
  latency_ms: 50
  jitter_ms: 10
serial:
  baud: 115200
at_latency_ms: 10
"""


def measure(athil, selection, timing, workdir, timeout):
    workdir = pathlib.Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    if timing == "quick":
        timing = str(workdir / "bench-quick.yaml")
        pathlib.Path(timing).write_text(QUICK_PROFILE)
    instant = restart_economy.one_run(athil, selection, workdir / "instant", timeout)
    timed = restart_economy.one_run(athil, selection + ["--timing", timing],
                                    workdir / "timed", timeout)
    differ = sorted(k for k in instant["verdicts"]
                    if instant["verdicts"][k] != timed["verdicts"].get(k))
    for r in (instant, timed):
        r["cases"] = len(r.pop("verdicts"))
    return {"selection": " ".join(selection),
            "timing": pathlib.Path(timing).stem if timing.endswith(".yaml") else timing,
            "instant": instant, "timed": timed, "differ": differ}


def section(x):
    if not x:
        return []
    i, t = x["instant"], x["timed"]
    out = [
        "## 10. Realistic timing", "",
        f"`athil run {x['selection']}` against the instant simulator and with "
        f"`--timing {x['timing']}` (boot, network registration, uplink latency, serial pacing "
        "and AT latency played by the simulator).", "",
        "| run | cases | restarts | wall (s) |", "|---|---|---|---|",
        f"| instant | {i['cases']} | {i['restarts']} | {i['wall']:.1f} |",
        f"| --timing {x['timing']} | {t['cases']} | {t['restarts']} | {t['wall']:.1f} |",
        f"| ratio | | | {t['wall'] / max(i['wall'], 1e-9):.2f} |", ""]
    if x["differ"]:
        out += [f"Judged differently under the profile ({len(x['differ'])}): " +
                ", ".join(x["differ"][:10]), ""]
    else:
        out += ["Every case judged the same under the profile.", ""]
    return out
