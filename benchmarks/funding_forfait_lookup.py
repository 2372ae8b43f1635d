"""SUN-ES forfait over many establishments: the integer-cent grid lookup vs the one-by-one path.

Run: ``python benchmarks/funding_forfait_lookup.py [rows]`` (default 1,000,000). Uses the
illustrative (NOT OFFICIAL) grid. The one-by-one path (with its explanation) is timed on a
sample and extrapolated; both give the same cents on that sample (checked).
"""

from __future__ import annotations

import sys
import time
import tracemalloc

import numpy as np

import segur_numerique as sn


def main(rows: int) -> None:
    """Print a table of timings and peak memory."""
    rules = sn.illustrative_assumptions()
    grid = sn.sun_es.ForfaitGrid.from_rules(rules)
    activity = np.random.default_rng(0).integers(0, 300_000, rows)

    tracemalloc.start()
    start = time.perf_counter()
    bounds = np.asarray(grid.activity_from, dtype=np.int64)
    table = np.asarray(grid.cents_table("discharge_documents", "F3"), dtype=np.int64)
    cents = table[np.searchsorted(bounds, activity, side="right") - 1]
    total = int(cents.sum())
    lookup = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    sample = min(rows, 5_000)
    start = time.perf_counter()
    one_by_one = [
        sn.sun_es.forfait(
            activity=int(a), domain="discharge_documents", window="F3", grid=grid, rules=rules
        ).amount.cents
        for a in activity[:sample]
    ]
    loop = (time.perf_counter() - start) / sample * rows
    assert one_by_one == cents[:sample].tolist()

    print(f"{'path':<34}{'rows':>10}{'seconds':>10}{'peak MiB':>10}")
    print(f"{'grid lookup (numpy, int64 cents)':<34}{rows:>10}{lookup:>10.3f}{peak / 2**20:>10.1f}")
    print(f"{'one by one (extrapolated)':<34}{rows:>10}{loop:>10.1f}{'':>10}")
    print(f"total: {sn.Euro.from_cents(total).format('en')}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
