"""Batch path vs one-by-one path over synthetic establishments (issue 5, "Batch").

Prints, per backend, the time and peak memory of :func:`eligibility_table` (eligibility
for the five SUN-ES scopes and the forfait at stake, window F2, with the ILLUSTRATIVE, NOT
OFFICIAL grid) followed by :func:`allocate_table` (an envelope shared pro rata of the 2019
activity among the establishments eligible to domain 1), and the same for a plain loop over the
one-by-one path (``Establishment`` + ``establishment_eligibility`` + ``forfait`` + ``allocate``),
measured on a sample and extrapolated linearly (said in the table).

Each measurement runs in a fresh process: "peak RSS" is the process's maximum resident memory
(``ru_maxrss``, data included); "Python peak" is the peak of Python allocations during one more
call made under ``tracemalloc`` (Arrow/Polars buffers are not seen by it). The batch time is the
best of three calls after a warm-up.

    python benchmarks/batch.py                 # 1,000,000 rows, loop sample 5,000
    python benchmarks/batch.py --rows 100000   # quicker
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import time
import tracemalloc
from typing import Any

import numpy as np

SEED = 20211101


def synthetic(rows: int) -> dict[str, Any]:
    """Synthetic establishments as columns (numpy), reproducible."""
    import segur_numerique as sn  # noqa: PLC0415

    rng = np.random.default_rng(SEED)
    ids = sn.sun_es.prerequisite_checklist().ids
    geo = np.char.add("13", np.char.zfill(np.arange(rows).astype(str), 7))
    jur = np.char.add("75", np.char.zfill(rng.integers(0, 10**7, rows).astype(str), 7))
    activities = rng.random((rows, 5)) < np.array([0.6, 0.3, 0.2, 0.1, 0.05])
    activities[~activities.any(axis=1), 0] = True
    data: dict[str, Any] = {
        "finess_juridique": jur,
        "finess_geographique": geo,
        "legal_status": rng.choice(np.array(["public", "private", "espic", "clcc"]), rows),
        "mco": activities[:, 0],
        "ssr": activities[:, 1],
        "psy": activities[:, 2],
        "had": activities[:, 3],
        "dialysis": activities[:, 4],
        "activity_2019": rng.integers(0, 150_000, rows).astype(np.int64),
        "own_lab": rng.random(rows) < 0.3,
        "own_imaging": rng.random(rows) < 0.4,
        "operating_theatre": rng.random(rows) < 0.5,
    }
    for p in ids:
        data[f"prerequisite_{p}"] = rng.random(rows) < 0.95
    return data


def to_backend(data: dict[str, Any], backend: str) -> Any:
    import polars as pl  # noqa: PLC0415

    frame = pl.DataFrame(data)
    if backend == "polars":
        return frame
    if backend == "pandas":
        return frame.to_pandas()
    if backend == "pyarrow":
        return frame.to_arrow()
    if backend == "duckdb":
        import duckdb  # noqa: PLC0415

        return duckdb.from_arrow(frame.to_arrow())
    raise ValueError(backend)


def run_batch(rows: int, backend: str, queue: Any) -> None:
    import segur_numerique as sn  # noqa: PLC0415
    from segur_numerique.funding_scaling.batch import allocate_table  # noqa: PLC0415
    from segur_numerique.sun_es.batch import eligibility_table  # noqa: PLC0415

    rules = sn.illustrative_assumptions()
    table = to_backend(synthetic(rows), backend)
    envelope = sn.Euro.parse("123 M€")

    def once() -> None:
        out = eligibility_table(table, rules=rules, window="F2")
        allocate_table(out, envelope, where="eligible_volet1_discharge_documents")

    eligibility_table(to_backend(synthetic(10), backend), rules=rules, window="F2")  # warm-up
    times = []
    for _ in range(3):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    elapsed = min(times)
    tracemalloc.start()  # a separate run: tracemalloc slows Python down
    once()
    _, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    queue.put((elapsed, py_peak, rss))


def run_loop(sample: int, queue: Any) -> None:
    import segur_numerique as sn  # noqa: PLC0415
    from segur_numerique.sun_es.funding import forfait  # noqa: PLC0415

    rules = sn.illustrative_assumptions()
    data = synthetic(sample)
    ids = sn.sun_es.prerequisite_checklist().ids
    acts = ("mco", "ssr", "psy", "had", "dialysis")
    rows = [
        {k: (v[i].item() if hasattr(v[i], "item") else v[i]) for k, v in data.items()}
        for i in range(sample)
    ]
    rows_grid = {
        sn.sun_es.Domain.DISCHARGE_DOCUMENTS: "discharge_documents",
        sn.sun_es.Domain.BIOLOGY: "biology",
        sn.sun_es.Domain.IMAGING: "imaging",
        sn.sun_es.Domain.MESSAGING: "secure_messaging",
    }
    start = time.perf_counter()
    weights = {}
    for r in rows:
        est = sn.entities.Establishment(
            r["finess_juridique"], r["finess_geographique"], r["legal_status"],
            [a for a in acts if r[a]], r["activity_2019"],
            own_lab=r["own_lab"], own_imaging=r["own_imaging"],
            operating_theatre=r["operating_theatre"],
            sun_es_prerequisites=[p for p in ids if r[f"prerequisite_{p}"]],
        )  # fmt: skip
        for domain in sn.sun_es.Domain:
            verdict = sn.sun_es.establishment_eligibility(est, domain, rules=rules)
            if verdict.eligible:
                if domain is sn.sun_es.Domain.CRO_BONUS:
                    forfait(
                        activity=est.activity_2019, domain="discharge_documents",
                        window="F2", cro_bonus=True, rules=rules,
                    )  # fmt: skip
                else:
                    forfait(
                        activity=est.activity_2019,
                        domain=rows_grid[domain],
                        window="F2",
                        rules=rules,
                    )
                if domain is sn.sun_es.Domain.DISCHARGE_DOCUMENTS:
                    weights[est.finess_geographique.value] = est.activity_2019
    sn.funding_scaling.allocate(sn.Euro.parse("123 M€"), weights)
    elapsed = time.perf_counter() - start
    py_peak = 0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    queue.put((elapsed, py_peak, rss))


def measure(target: Any, *args: Any) -> tuple[float, int, int]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=5_000, help="rows of the one-by-one loop")
    parser.add_argument(
        "--backends", default="polars,pyarrow,pandas,duckdb", help="comma-separated backends"
    )
    args = parser.parse_args()
    mib = 1024 * 1024
    print(f"segur_numerique batch benchmark: {args.rows:,} synthetic establishments")
    print("SUN-ES eligibility (5 scopes) + forfaits at stake (window F2, illustrative grid)")
    print("+ allocation of 123 M€ pro rata of 2019 activity among domain-1 eligible rows")
    print()
    print("| path | backend | rows | time (s) | rows/s | peak RSS (MiB) | Python peak (MiB) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for backend in args.backends.split(","):
        elapsed, py_peak, rss = measure(run_batch, args.rows, backend)
        print(
            f"| batch | {backend} | {args.rows:,} | {elapsed:.3f} | {args.rows / elapsed:,.0f} "
            f"| {rss / mib:,.0f} | {py_peak / mib:,.1f} |"
        )
    elapsed, py_peak, rss = measure(run_loop, args.sample)
    factor = args.rows / args.sample
    print(
        f"| one-by-one loop (measured on {args.sample:,} rows) | Python objects | {args.sample:,} "
        f"| {elapsed:.3f} | {args.sample / elapsed:,.0f} | {rss / mib:,.0f} | — |"
    )
    print(
        f"| one-by-one loop (extrapolated ×{factor:g}) | Python objects | {args.rows:,} "
        f"| {elapsed * factor:.1f} | {args.sample / elapsed:,.0f} | — | — |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
