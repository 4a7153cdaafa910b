"""Start-up: wall time of whole `digest` processes, median of several runs.

Times two commands as a user runs them, each in a fresh Python process
(imports included):

- ``digest --help``
- ``digest build`` of the one sample article in ``articles/`` into a fresh
  temporary output folder (one worker, quiet)

and prints each median (with the fastest and slowest run) beside the target
and beside the figure measured before the start-up work (issue 18).

    python bench/startup.py            # 7 runs of each
    python bench/startup.py --runs 15
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARTICLES = REPO / "articles"
DATE = "2021-12-07"
#: name -> (target, median wall time before the start-up work). "Before" was measured with this
#: script (7 runs) on the tree before the change, on the shared 2-CPU machine at load average 1.8
#: (CPU medians then: 0.337 s and 4.510 s); on an idle machine issue 18 reports 0.13 s and about 2 s.
TARGETS = {"digest --help": (0.15, 0.347), "digest build (1 article)": (0.8, 4.670)}


def digest_command() -> list[str]:
    """The installed ``digest`` script beside this Python, else ``python -m digest.cli``."""
    script = Path(sys.executable).parent / "digest"
    return [str(script)] if script.exists() else [sys.executable, "-m", "digest.cli"]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_once(args: list[str], cwd: Path, cpu: list[float] | None = None) -> float:
    """Wall seconds of one run of ``args``; its CPU seconds (user + system) go to ``cpu``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGEST_")}
    cpu_before = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    if cpu is not None:
        cpu.append(children_cpu() - cpu_before)
    return elapsed


def measure(runs: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """(wall seconds, CPU seconds) of each command, one list per command."""
    digest = digest_command()
    times: dict[str, list[float]] = {name: [] for name in TARGETS}
    cpu: dict[str, list[float]] = {name: [] for name in TARGETS}
    with tempfile.TemporaryDirectory(prefix="digest-startup-") as tmp:
        work = Path(tmp)
        shutil.copytree(ARTICLES, work / "articles")
        time_once(digest + ["--help"], work)  # warm the file cache once
        for run in range(runs):
            times["digest --help"].append(time_once(digest + ["--help"], work, cpu["digest --help"]))
            out = work / f"out{run}"
            build = digest + ["build", "--date", DATE, "--articles", "articles", "--out", str(out),
                              "--workers", "1", "--quiet"]
            name = "digest build (1 article)"
            times[name].append(time_once(build, work, cpu[name]))
    return times, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (default 7)")
    runs = parser.parse_args().runs
    times, cpu = measure(runs)
    print(f"start-up, wall time of whole processes, median of {runs} runs (min-max); CPU = user+system")
    print(f"load average before the runs: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'command':<26} {'median':>8} {'min-max':>13} {'CPU':>7} {'target':>8} {'before':>8}  verdict")
    for name, values in times.items():
        target, before = TARGETS[name]
        median = statistics.median(values)
        verdict = "meets" if median < target else "MISSES"
        spread = f"{min(values):.3f}-{max(values):.3f}"
        print(f"{name:<26} {median:>7.3f}s {spread:>13} {statistics.median(cpu[name]):>6.3f}s "
              f"{target:>7.2f}s {before:>7.3f}s  {verdict} target")


if __name__ == "__main__":
    main()
