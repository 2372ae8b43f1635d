"""Benchmark: ``segur-numerique indicators`` on a 10^6-document CSV log, with and without exclusions.

Builds a synthetic log (``benchmarks/indicators.py``'s generator: about 333 000 stays and 10^6
documents at ``--documents 1000000``), writes it as CSV, then runs the command in one fresh
process per mode, so that peak memory is that mode's own:

* ``--no-exclusions``: counts only;
* default: counts, plus the exclusion table computed by the backend, its counts by reason and a
  capped sample in the report;
* ``--exclusions FILE``: the same, and the whole table written as CSV.

Time is the best of ``--repeat`` runs (3) of the wall time of the command (reading the CSV included, interpreter start-up and imports
not); peak memory is the peak resident set size (VmHWM) of the process. ``--optional`` adds the
optional document columns (structured, dmp_status, set_id, version, author_finess), so that every
check runs. ``--compare-src DIR`` runs the same modes on another source tree too (e.g. the
previous release, to measure a change).

Run: ``python benchmarks/exclusions.py`` (about a minute; ``--documents 100000`` for a quick run).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Running `python benchmarks/exclusions.py` puts benchmarks/ first on sys.path, where other
# scripts (e.g. calendar_speed.py) could shadow standard-library modules.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

MODES = {
    "--no-exclusions": ["--no-exclusions"],
    "default": [],
    "--exclusions FILE": ["--exclusions", "{out}"],
}


def _generator() -> Any:
    """``benchmarks/indicators.py`` (its ``build``), loaded from its file (benchmarks/ is not a
    package)."""
    path = Path(__file__).resolve().parent / "indicators.py"
    spec = importlib.util.spec_from_file_location("_indicators_benchmark", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(directory: Path, documents: int, *, optional: bool) -> tuple[int, int]:
    """Write ``stays.csv`` and ``documents.csv`` (``documents`` rows) in ``directory``."""
    import numpy as np  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415

    n_stays, n_docs = _generator().build(directory, documents / 3 / 10_000_000)
    stays = pl.read_parquet(directory / "stays.parquet")
    docs = pl.read_parquet(directory / "documents.parquet")
    if optional:
        rng = np.random.default_rng(12)
        n = docs.height
        docs = docs.with_columns(
            pl.when(pl.col("type").str.starts_with("biology"))
            .then(pl.Series(rng.random(n) < 0.9))
            .alias("structured"),
            pl.Series(np.array(["accepted", "rejected", ""])[rng.integers(0, 3, n)])
            .replace("", None)
            .alias("dmp_status"),
            (pl.col("document_id") // 2).cast(pl.String).alias("set_id"),
            pl.Series(rng.integers(1, 3, n)).alias("version"),
            pl.Series(rng.random(n) < 0.02).alias("_other"),
        )
        docs = (
            docs.join(stays.select("stay_id", "finess"), on="stay_id", how="left")
            .with_columns(
                pl.when(pl.col("_other"))
                .then(pl.lit("130000003"))
                .otherwise(pl.col("finess"))
                .alias("author_finess")
            )
            .drop("_other", "finess")
        )
    stays.write_csv(directory / "stays.csv")
    docs.write_csv(directory / "documents.csv")
    return n_stays, n_docs


def _peak_rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0  # not Linux


def worker(mode: str, directory: Path) -> None:
    """Run the command once in this process; print its time and this process's peak memory."""
    from segur_numerique.cli import main  # noqa: PLC0415

    out = directory / f"excluded-{os.getpid()}.csv"
    argv = [
        "indicators",
        "--illustrative",
        "--stays",
        str(directory / "stays.csv"),
        "--documents",
        str(directory / "documents.csv"),
        *(a.format(out=out) for a in MODES[mode]),
    ]
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()) as report:
        code = main(argv)
    seconds = time.perf_counter() - start
    written = out.stat().st_size if out.exists() else 0
    out.unlink(missing_ok=True)
    print(
        json.dumps(
            {
                "mode": mode,
                "code": code,
                "seconds": seconds,
                "peak": _peak_rss(),
                "report_lines": len(report.getvalue().splitlines()),
                "written": written,
            }
        )
    )


def _run(mode: str, directory: Path, src: Path | None, timeout: float) -> dict[str, Any]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    try:
        done = subprocess.run(
            [sys.executable, __file__, f"--worker={mode}", "--data", str(directory)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return {"mode": mode, "error": f"timeout after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"mode": mode, "error": (done.stderr.strip().splitlines() or ["?"])[-1]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _table(label: str, results: list[dict[str, Any]]) -> list[str]:
    base = next((r for r in results if r["mode"] == "--no-exclusions" and "error" not in r), None)
    lines = [
        f"| {label} | time (s) | × --no-exclusions | peak memory (MB) | × --no-exclusions |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['mode']} | — | — | {r['error']} | — |")
            continue
        t = f"{r['seconds'] / base['seconds']:.2f}" if base else "—"
        m = f"{r['peak'] / base['peak']:.2f}" if base else "—"
        lines.append(f"| {r['mode']} | {r['seconds']:.2f} | {t} | {r['peak'] / 1e6:.0f} | {m} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=1_000_000, help="document rows")
    parser.add_argument("--optional", action="store_true", help="add the optional columns")
    parser.add_argument("--compare-src", type=Path, help="also run another source tree (src/)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per mode (best time kept)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Path(args.data))
        return
    with tempfile.TemporaryDirectory(prefix="sn-bench-excl-") as tmp:
        directory = Path(tmp)
        n_stays, n_docs = build(directory, args.documents, optional=args.optional)
        size = (directory / "documents.csv").stat().st_size
        print(
            f"{n_stays:,} stays, {n_docs:,} documents ({size / 1e6:.0f} MB CSV"
            f"{', optional columns' if args.optional else ''})",
            flush=True,
        )
        trees: list[tuple[str, Path | None]] = [("this tree", None)]
        if args.compare_src:
            trees.append((f"{args.compare_src}", args.compare_src.resolve()))
        for label, src in trees:
            results = []
            for mode in MODES:
                runs = [_run(mode, directory, src, args.timeout) for _ in range(args.repeat)]
                good = [r for r in runs if "error" not in r]
                best = min(good, key=lambda r: r["seconds"]) if good else runs[0]
                if good:  # best time; the highest peak (memory does not depend on the load)
                    best = {**best, "peak": max(r["peak"] for r in good)}
                results.append(best)
                print(f"  {label}, {mode}: {results[-1]}", file=sys.stderr, flush=True)
            print()
            print("\n".join(_table(f"mode ({label})", results)))


if __name__ == "__main__":
    main()
