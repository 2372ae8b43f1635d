"""A national SUN-ES simulation in one call: 3,000 establishments (about France's) and 1,000,000.

Each size runs in a fresh process (spawned), so that "peak RSS" (``ru_maxrss``: the process's
maximum resident memory, the table included) belongs to that size alone. The time is the best of
``--repeat`` calls of :func:`~segur_numerique.sun_es.national_simulation` (eligibility with
reasons, window after reassignment, indicator counts against the targets, forfaits at stake and
paid, CRO bonus, totals and envelope gaps), after a warm-up call, plus one
``totals("region")``; the table of synthetic establishments (``synthetic_establishments``, with
indicator counts) is built before the clock starts. The rules are the ILLUSTRATIVE, NOT OFFICIAL
assumption sets (the official grid and targets were never published).

    python benchmarks/national_simulation.py                      # 3,000 and 1,000,000 rows
    python benchmarks/national_simulation.py --sizes 3000 100000
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import time
from typing import Any


def run(rows: int, repeat: int, queue: Any) -> None:
    """Measure one size (in a fresh process); put (rows, seconds, peak MiB, output rows, groups)."""
    import segur_numerique as sn  # noqa: PLC0415
    from segur_numerique.sun_es.national import national_simulation  # noqa: PLC0415
    from segur_numerique.sun_es.synthetic import synthetic_establishments  # noqa: PLC0415

    rules = sn.illustrative_assumptions()
    table = synthetic_establishments(rows, rules=rules)
    national_simulation(table.head(50), rules=rules)  # warm-up: rule data, imports
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = national_simulation(table, rules=rules)
        result.totals("region")
        best = min(best, time.perf_counter() - start)
    assert result is not None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    gap = result.envelopes[0].gap.format("en")
    queue.put((rows, best, peak, result.table.shape[0], gap))


def main() -> None:
    """Run every size in its own process and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[3000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    context = mp.get_context("spawn")
    print(
        "| establishments | time (s) | peak RSS (MiB) | rows out (establishment × domain) | gap to 158 M€ |"
    )
    print("|---:|---:|---:|---:|---:|")
    for rows in args.sizes:
        queue = context.Queue()
        process = context.Process(
            target=run, args=(rows, args.repeat if rows < 10**6 else 1, queue)
        )
        process.start()
        found = queue.get()
        process.join()
        n, seconds, peak, out, gap = found
        print(f"| {n:,} | {seconds:.2f} | {peak:,.0f} | {out:,} | {gap} |")


if __name__ == "__main__":
    main()
