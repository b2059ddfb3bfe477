"""Restart economy: the same selection with and without --isolated, on a module that takes
long to boot, in one bench run. Reports wall time and restarts of each and their ratios; the
verdicts must agree (a faster run that judges differently is no gain)."""

import json
import subprocess
import time


class economy_error(Exception):
    pass


def one_run(athil, args, folder, timeout):
    start = time.monotonic()
    done = subprocess.run([str(athil), "run", "--report-dir", str(folder)] + args,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=timeout)
    wall = time.monotonic() - start
    if done.returncode not in (0, 1):
        raise economy_error(f"athil run {' '.join(args)}: exit code {done.returncode}")
    results = json.loads((folder / "results.json").read_text())
    verdicts = {f"{c['section']}.{c['name']}": c["status"] for c in results["cases"]}
    return {"wall": wall, "restarts": results.get("restarts", 0), "code": done.returncode,
            "verdicts": verdicts}


def measure(athil, selection, boot_ms, workdir, timeout):
    return compare_isolated(athil, selection + ["--boot-ms", str(boot_ms)], workdir, timeout)


def compare_isolated(athil, args, workdir, timeout):
    """`athil run ARGS` with planned restarts and with --isolated; their verdicts must agree."""
    planned = one_run(athil, args, workdir / "planned", timeout)
    isolated = one_run(athil, args + ["--isolated"], workdir / "isolated", timeout)
    if planned["verdicts"] != isolated["verdicts"]:
        differ = sorted(k for k in planned["verdicts"]
                        if planned["verdicts"][k] != isolated["verdicts"].get(k))
        raise economy_error("verdicts differ with --isolated: " + ", ".join(differ[:5]))
    for r in (planned, isolated):
        r["cases"] = len(r.pop("verdicts"))
    return {"selection": " ".join(args), "planned": planned, "isolated": isolated}


def section(x):
    if not x:
        return []
    return [
        "## 9. Restart economy", "",
        f"`athil run {x['selection']}`, planned restarts against `--isolated` (one AT+CLEAR "
        "per section-3 case, no saved-setting planning), same verdicts in both.", ""] + table(x)


def table(x):
    """Cases, restarts and wall time of the planned and the --isolated run, and their ratios."""
    p, i = x["planned"], x["isolated"]
    return [
        "| run | cases | restarts | wall (s) |", "|---|---|---|---|",
        f"| planned | {p['cases']} | {p['restarts']} | {p['wall']:.1f} |",
        f"| --isolated | {i['cases']} | {i['restarts']} | {i['wall']:.1f} |",
        f"| ratio | | {p['restarts'] / max(i['restarts'], 1):.2f} | "
        f"{p['wall'] / max(i['wall'], 1e-9):.2f} |", ""]
