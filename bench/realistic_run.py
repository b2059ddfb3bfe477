"""The suites against the realistic timing profile (suites/timing/realistic.yaml: 10 s boot,
3 s registration, 150 +/- 50 ms uplink, 115200 baud): a selection with planned restarts against
the same with --isolated, both realistic, in one bench run. Reports wall time and restarts of
each and their ratios, and the exit codes: the faithful simulator must pass at this speed too
(a failure here is a window that does not follow the timing profile)."""

import restart_economy


def measure(athil, selection, workdir, timeout):
    x = restart_economy.compare_isolated(athil, selection + ["--timing", "realistic"], workdir,
                                         timeout)
    codes = {x["planned"]["code"], x["isolated"]["code"]}
    if codes != {0}:
        raise restart_economy.economy_error(
            f"athil run {x['selection']}: the faithful simulator failed (exit codes {codes})")
    return x


def section(x):
    if not x:
        return []
    return [
        "## 11. Realistic timing, planned against --isolated", "",
        f"`athil run {x['selection']}` (every case passed), planned restarts against "
        "`--isolated`: what restart economy saves on a module that boots in 10 s and registers "
        "in 3 s.", ""] + restart_economy.table(x)
