"""Time of ``import segur_numerique`` in a fresh interpreter, and the modules that dominate it.

Each run starts three fresh subprocesses: ``python -X importtime -c "import segur_numerique"``
(its stderr gives the cumulative time of every module), ``python -c "import segur_numerique"``
and ``python -c "pass"`` timed with ``time.perf_counter`` (the difference is the wall time of the
import, without ``-X importtime``'s own overhead), and their CPU time (user + system, from
``getrusage``), which a machine loaded by other processes inflates much less than wall time. The table shows the median over the runs;
one warm-up run first fills the bytecode caches, kept in a temporary ``PYTHONPYCACHEPREFIX``
(so the source tree stays clean) even if ``PYTHONDONTWRITEBYTECODE`` is set; ``--cold`` instead
measures without bytecode caches (every module compiled from source). ``--runs N`` sets the number of runs (default 9),
``--top N`` the number of modules listed (default 15). A last table sums the *self* time by
top-level package (the package's own modules are listed one by one): unlike the cumulative
time, it does not charge a shared dependency to whichever module happens to import it first.

    python benchmarks/import_time.py [--runs N] [--top N] [--cold]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

IMPORT = "import segur_numerique"
PACKAGE = "segur_numerique"
ENV = dict(os.environ)


def _wall(code: str) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds to run ``python -c code`` in a fresh interpreter."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def _importtime() -> dict[str, tuple[int, int, str]]:
    """``-X importtime`` for one fresh import: module -> (self µs, cumulative µs, parent)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", IMPORT],
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    )
    rows: list[tuple[str, int, int, int]] = []  # name, depth, self, cumulative
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        self_field, cumulative_field, name_field = line.removeprefix("import time:").split("|")
        stripped = name_field.lstrip(" ")
        depth = (len(name_field) - len(stripped) - 1) // 2
        rows.append((stripped.strip(), depth, int(self_field), int(cumulative_field)))
    modules: dict[str, tuple[int, int, str]] = {}
    # A module is printed after its children: its parent is the next line one level up.
    for index, (name, depth, own, cumulative) in enumerate(rows):
        parent = next((r[0] for r in rows[index + 1 :] if r[1] < depth), "")
        modules[name] = (own, cumulative, parent)
    return modules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--cold", action="store_true", help="no bytecode caches")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        if args.cold:
            ENV["PYTHONDONTWRITEBYTECODE"] = "1"
            ENV["PYTHONPYCACHEPREFIX"] = cache  # empty and never written: nothing cached
        else:
            ENV.pop("PYTHONDONTWRITEBYTECODE", None)
            ENV["PYTHONPYCACHEPREFIX"] = cache
        _measure(args.runs, args.top, "cold, no bytecode" if args.cold else "bytecode cached")


def _measure(runs: int, top: int, mode: str) -> None:
    _importtime()  # warm-up: bytecode caches
    imports: list[tuple[float, float]] = []
    empties: list[tuple[float, float]] = []
    cumulative: dict[str, list[int]] = defaultdict(list)
    own: dict[str, list[int]] = defaultdict(list)
    parents: dict[str, str] = {}
    for _ in range(runs):
        for name, (self_us, cum_us, parent) in _importtime().items():
            cumulative[name].append(cum_us)
            own[name].append(self_us)
            parents[name] = parent
        imports.append(_wall(IMPORT))
        empties.append(_wall("pass"))
    print(
        f"import segur_numerique, median of {runs} fresh interpreters "
        f"(Python {sys.version.split()[0]}, {mode})"
    )
    print(f"{'measure':<58} {'ms':>8}")
    print("-" * 67)
    for label, index in (("perf_counter", 0), ("CPU user+sys", 1)):
        empty = statistics.median(e[index] for e in empties) * 1e3
        net = statistics.median(i[index] - e[index] for i, e in zip(imports, empties, strict=True))
        print(f"{f'python -c pass ({label})':<58} {empty:>8.1f}")
        print(f"{f'python -c import, minus python -c pass ({label})':<58} {net * 1e3:>8.1f}")
    importtime_ms = statistics.median(cumulative[PACKAGE]) / 1e3
    print(f"{'-X importtime cumulative of segur_numerique':<58} {importtime_ms:>8.1f}")
    print()
    print(f"top {top} modules by cumulative import time (median, ms; -X importtime)")
    print(f"{'module':<42} {'cumul.':>8} {'self':>8}  imported by")
    print("-" * 90)
    ranked = sorted(cumulative, key=lambda n: statistics.median(cumulative[n]), reverse=True)
    for name in ranked[:top]:
        print(
            f"{name:<42} {statistics.median(cumulative[name]) / 1e3:>8.1f}"
            f" {statistics.median(own[name]) / 1e3:>8.1f}  {parents[name] or '-'}"
        )
    _by_package(own, top)


def _by_package(own: dict[str, list[int]], top: int) -> None:
    """Print the median self time summed by top-level package (own modules one by one)."""
    totals: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for name, times in own.items():
        key = name if name.split(".")[0] == PACKAGE else name.split(".")[0]
        totals[key] += statistics.median(times) / 1e3
        counts[key] += 1
    print()
    print(f"top {top} by self time, summed by top-level package (median, ms)")
    print(f"{'package or module':<42} {'self':>8} {'modules':>8}")
    print("-" * 60)
    for key in sorted(totals, key=totals.__getitem__, reverse=True)[:top]:
        print(f"{key:<42} {totals[key]:>8.1f} {counts[key]:>8}")
    own_code = [k for k in totals if k.split(".")[0] == PACKAGE]
    own_total = sum(totals[k] for k in own_code)
    print(f"{'all ' + PACKAGE + ' modules':<42} {own_total:>8.1f} {len(own_code):>8}")
    print(f"{'all':<42} {sum(totals.values()):>8.1f} {sum(counts.values()):>8}")


if __name__ == "__main__":
    main()
