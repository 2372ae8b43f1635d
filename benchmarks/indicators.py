"""Benchmark: SUN-ES volet 1 indicators from a synthetic national-scale log, on every backend.

Builds 10 million stays and 30 million documents (``--scale 0.01`` for 100 000 / 300 000), writes
them once as Parquet, then, in one fresh process per backend (so that peak memory is that
backend's own), loads them into the backend's native table and times
``segur_numerique.sun_es.logs.counts.indicator_counts_frame`` (validation + counts, through narwhals), next to
the same computation written directly in polars (with the same validation, and without it).

Peak memory is the peak resident set size (VmHWM) of the backend's process: data loaded +
computation.

Run: ``python benchmarks/indicators.py --scale 0.01`` (full scale: ``--scale 1``, a few minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

# Running `python benchmarks/indicators.py` puts benchmarks/ first on sys.path, where other
# scripts (e.g. calendar.py) would shadow standard-library modules.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

warnings.filterwarnings("ignore")

BACKENDS = (
    "polars-direct-novalidation",
    "polars-direct",
    "polars",
    "duckdb",
    "pyarrow",
    "pandas",
    "dask",
)
TYPES = [
    "discharge_letter",
    "discharge_prescription",
    "operative_report",
    "biology_report_structured",
    "biology_report_unstructured",
    "imaging_report",
    "other",
]
ACTIVITIES = ["MCO", "MCO", "MCO", "SSR", "PSY", "HAD", "DIALYSIS", "OUTPATIENT"]
INS = ["qualified", "qualified", "qualified", "validated", "provisional", "none"]


def build(directory: Path, scale: float, seed: int = 2022) -> tuple[int, int]:
    import numpy as np  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    rng = np.random.default_rng(seed)
    n_stays = int(10_000_000 * scale)
    n_docs = 3 * n_stays
    epoch = dt.date(2021, 10, 1)
    admission = rng.integers(0, 365, n_stays)
    discharge = admission + rng.integers(0, 21, n_stays)
    finess = np.array([f"{750000000 + i:09d}" for i in range(3000)])
    stays = pl.DataFrame(
        {
            "stay_id": np.arange(n_stays, dtype=np.int64),
            "finess": finess[rng.integers(0, len(finess), n_stays)],
            "activity": np.array(ACTIVITIES)[rng.integers(0, len(ACTIVITIES), n_stays)],
            "admission": admission,
            "discharge": discharge,
        }
    ).with_columns(
        (pl.lit(epoch) + pl.duration(days=pl.col(c))).alias(c) for c in ("admission", "discharge")
    )
    stay_of = rng.integers(0, n_stays, n_docs)
    produced = discharge[stay_of] - rng.integers(0, 3, n_docs)
    sent = produced + rng.integers(0, 15, n_docs)
    documents = pl.DataFrame(
        {
            "document_id": np.arange(n_docs, dtype=np.int64),
            "stay_id": stay_of,
            "type": np.array(TYPES)[rng.integers(0, len(TYPES), n_docs)],
            "produced": produced,
            "sent": sent,
            "ins_status": np.array(INS)[rng.integers(0, len(INS), n_docs)],
            "unsent": rng.random(n_docs) < 0.2,
        }
    ).with_columns(
        (pl.lit(epoch) + pl.duration(days=pl.col(c))).alias(c) for c in ("produced", "sent")
    )
    documents = documents.with_columns(
        pl.when(pl.col("unsent")).then(None).otherwise(pl.col("sent")).alias("sent")
    ).drop("unsent")
    stays.write_parquet(directory / "stays.parquet")
    documents.write_parquet(directory / "documents.parquet")
    return n_stays, n_docs


def _parameters() -> Any:
    from segur_numerique import illustrative_assumptions  # noqa: PLC0415
    from segur_numerique.sun_es.logs.counts import LogParameters  # noqa: PLC0415

    return LogParameters.from_rules(illustrative_assumptions(), "F1")


def direct_polars(stays: Any, documents: Any, p: Any, *, validate: bool) -> Any:
    """The same computation written directly in polars (the reference)."""
    import polars as pl  # noqa: PLC0415

    from segur_numerique.sun_es.indicators import INDICATORS, Basis  # noqa: PLC0415

    stay_based = [d for d in INDICATORS if d.basis is Basis.STAY]
    doc_based = [d for d in INDICATORS if d.basis is Basis.DOCUMENT]
    if validate:
        s = stays.select(
            pl.len(),
            pl.col("stay_id").n_unique().alias("u"),
            *(pl.col(c).null_count().alias(f"n_{c}") for c in stays.columns),
            (pl.col("discharge") < pl.col("admission")).sum().alias("rev"),
        )
        d = documents.select(
            pl.len(),
            pl.col("document_id").n_unique().alias("u"),
            *(
                pl.col(c).null_count().alias(f"n_{c}")
                for c in ("document_id", "stay_id", "type", "produced")
            ),
            (~pl.col("type").is_in(TYPES)).sum().alias("t"),
            (
                ~pl.col("ins_status").is_in([*INS, "retrieved"])
                & pl.col("ins_status").is_not_null()
            ).sum(),
        )
        assert s.row(0)[0] == s.row(0)[1]
        assert d.row(0)[0] == d.row(0)[1]
    start, end = p.period.start, p.period.end
    ok = pl.col("sent").is_not_null() & (pl.col("ins_status") == "qualified")
    produced_in = pl.col("produced").is_between(start, end)
    cols = [
        pl.when(pl.col("type").is_in([t.value for t in d.numerator_types]) & ok)
        .then(pl.col("sent"))
        .alias(f"sent_{d.id}")
        for d in stay_based
    ]
    for d in doc_based:
        den_types = [t.value for t in d.denominator_types]
        in_den = pl.col("type").is_in(den_types) & produced_in
        cols.append(in_den.cast(pl.Int64).alias(f"den_{d.id}"))
        cols.append(
            (
                in_den
                & pl.col("type").is_in([t.value for t in d.numerator_types])
                & ok
                & (
                    pl.col("sent")
                    <= pl.col("produced") + pl.lit(dt.timedelta(days=p.delay_of(d.id)))
                )
            )
            .fill_null(False)
            .cast(pl.Int64)
            .alias(f"num_{d.id}")
        )
    per_stay = (
        documents.lazy()
        .with_columns(cols)
        .group_by("stay_id")
        .agg(
            *(pl.col(f"sent_{d.id}").min() for d in stay_based),
            *(pl.col(f"{x}_{d.id}").sum() for d in doc_based for x in ("den", "num")),
            pl.len().alias("documents"),
        )
    )
    discharged_in = pl.col("discharge").is_between(start, end)
    flags = []
    for d in stay_based:
        counted = discharged_in & pl.col("activity").is_in(sorted(p.types_of(d.id)))
        flags.append(counted.cast(pl.Int64).alias(f"den_{d.id}"))
        flags.append(
            (
                counted
                & (
                    pl.col(f"sent_{d.id}")
                    <= pl.col("discharge") + pl.lit(dt.timedelta(days=p.delay_of(d.id)))
                ).fill_null(False)
            )
            .cast(pl.Int64)
            .alias(f"num_{d.id}")
        )
    for d in doc_based:
        counted = pl.col("activity").is_in(sorted(p.types_of(d.id)))
        flags += [
            pl.when(counted)
            .then(pl.col(f"{x}_{d.id}").fill_null(0))
            .otherwise(0)
            .alias(f"{x}_{d.id}")
            for x in ("den", "num")
        ]
    return (
        stays.lazy()
        .join(per_stay, on="stay_id", how="left")
        .with_columns(*flags, pl.col("documents").fill_null(0))
        .group_by("finess")
        .agg(
            *(pl.col(f"{x}_{d.id}").sum() for d in INDICATORS for x in ("num", "den")),
            pl.col("documents").sum(),
        )
        .collect()
    )


def _load(backend: str, directory: Path) -> tuple[Any, Any]:
    stays_path, docs_path = directory / "stays.parquet", directory / "documents.parquet"
    if backend.startswith("polars"):
        import polars as pl  # noqa: PLC0415

        return pl.read_parquet(stays_path), pl.read_parquet(docs_path)
    if backend == "pyarrow":
        import pyarrow.parquet as pq  # noqa: PLC0415

        return pq.read_table(stays_path), pq.read_table(docs_path)
    if backend == "pandas":
        import pandas as pd  # noqa: PLC0415

        return pd.read_parquet(stays_path), pd.read_parquet(docs_path)
    if backend == "duckdb":
        import duckdb  # noqa: PLC0415

        con = duckdb.connect()
        con.execute("SET threads TO 2")
        con.execute(f"CREATE TABLE stays AS SELECT * FROM read_parquet('{stays_path}')")
        con.execute(f"CREATE TABLE documents AS SELECT * FROM read_parquet('{docs_path}')")
        return con.table("stays"), con.table("documents")
    if backend == "dask":
        import dask  # noqa: PLC0415
        import dask.dataframe as dd  # noqa: PLC0415

        dask.config.set(scheduler="threads", num_workers=2)
        return dd.read_parquet(stays_path), dd.read_parquet(docs_path)
    raise SystemExit(f"unknown backend {backend}")


def _collect(native: Any) -> Any:
    import narwhals.stable.v2 as nw  # noqa: PLC0415

    frame = nw.from_native(native)
    return frame.collect() if isinstance(frame, nw.LazyFrame) else frame


def _peak_rss() -> int:
    """Peak resident memory of this process, in bytes (VmHWM: unlike ru_maxrss, it does not
    inherit the high-water mark of the parent that forked it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # not Linux


def worker(backend: str, directory: Path, repeat: int) -> None:
    from segur_numerique.sun_es.logs.counts import indicator_counts_frame  # noqa: PLC0415

    params = _parameters()
    stays, documents = _load(backend, directory)
    seconds = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        if backend == "polars-direct":
            result = direct_polars(stays, documents, params, validate=True)
        elif backend == "polars-direct-novalidation":
            result = direct_polars(stays, documents, params, validate=False)
        else:
            result = _collect(indicator_counts_frame(stays, documents, params))
        seconds = min(seconds, time.perf_counter() - start)
    import narwhals.stable.v2 as nw  # noqa: PLC0415

    frame = nw.from_native(result, eager_only=True)
    totals = {c: int(frame[c].sum()) for c in frame.columns if c != "finess"}
    peak = _peak_rss()
    print(json.dumps({"backend": backend, "seconds": seconds, "peak": peak, "totals": totals}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 10M stays, 30M documents")
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per backend")
    parser.add_argument("--repeat", type=int, default=2, help="runs per backend (best time kept)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    parser.add_argument("--build", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Path(args.data), args.repeat)
        return
    if args.build:
        print(*build(Path(args.build), args.scale))
        return
    with tempfile.TemporaryDirectory(prefix="sn-bench-") as tmp:
        t0 = time.perf_counter()
        built = subprocess.run(
            [sys.executable, __file__, "--build", tmp, "--scale", str(args.scale)],
            capture_output=True,
            text=True,
            check=True,
        )
        n_stays, n_docs = (int(x) for x in built.stdout.split())
        print(
            f"built {n_stays:,} stays and {n_docs:,} documents in {time.perf_counter() - t0:.1f} s",
            flush=True,
        )
        results = []
        for backend in args.backends.split(","):
            try:
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--worker",
                        backend,
                        "--data",
                        tmp,
                        "--repeat",
                        str(args.repeat),
                    ],
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                results.append({"backend": backend, "error": f"timeout after {args.timeout:.0f} s"})
                print(f"{backend}: timeout", flush=True)
                continue
            if out.returncode != 0:
                error = (out.stderr.strip().splitlines() or ["?"])[-1]
                results.append({"backend": backend, "error": error})
                print(f"{backend}: failed: {error}", flush=True)
                continue
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"{backend}: {results[-1]['seconds']:.2f} s", flush=True)
    reference = next((r for r in results if r.get("backend") == "polars-direct"), None)
    totals = [r["totals"] for r in results if "totals" in r]
    same = all(t == totals[0] for t in totals)
    print()
    print(
        f"scale {args.scale} ({n_stays:,} stays, {n_docs:,} documents), best of {args.repeat} "
        f"run(s); identical results on every backend: {same}"
    )
    print()
    print("| backend | time (s) | × direct polars (same validation) | peak memory (GiB) |")
    print("|---|---:|---:|---:|")
    for r in results:
        if "error" in r:
            print(f"| {r['backend']} | — | — | {r['error']} |")
            continue
        ratio = f"{r['seconds'] / reference['seconds']:.2f}" if reference else "—"
        print(f"| {r['backend']} | {r['seconds']:.2f} | {ratio} | {r['peak'] / 2**30:.2f} |")


if __name__ == "__main__":
    main()
