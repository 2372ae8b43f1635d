"""Every programme's amounts over 10^6 rows: the library's tables against vectorised baselines.

The amounts: the e-parcours forfait (DAC, proportional scaling) and its 60 % / 40 % payments,
the SONS TTC amount and its 70 % balance / 30 % advance, the avenant 9 points in euros and the VSM
forfait. Paths measured on the same random inputs (seeded):

* **library tables** (``e_parcours.forfait_table`` + ``payments_table``, ``sons.ttc_table`` +
  ``payments_table``, ``avenant9.amounts_table``) on a polars frame: exact integer cents, the
  reference for the errors;
* **OpenFisca** (float32 variables, ``round_``), run by ``openfisca_programme_amounts.py`` in a
  separate interpreter that has ``openfisca-core`` (``--openfisca-python``, default
  ``/work/ofvenv/bin/python``); skipped with a message when it is not importable;
* **numpy float32**, a vectorised baseline mimicking OpenFisca in this process;
* the **one-by-one API** (``e_parcours.forfait`` ...), on a sample, extrapolated linearly.

Prints a Markdown table: time (best of three runs) and the largest error in cents of each path
and amount. The machine is shared: compare paths within one run, not across runs.

    python benchmarks/programme_amounts.py               # 1,000,000 rows
    python benchmarks/programme_amounts.py --rows 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

SEED = 20190524
AMOUNTS = (
    "forfait",
    "start_payment",
    "usage_payment",
    "ttc",
    "balance",
    "advance",
    "points_amount",
    "vsm_forfait",
)


def inputs(rows: int) -> dict[str, Any]:
    """The random inputs (numpy), reproducible."""
    rng = np.random.default_rng(SEED)
    ald = rng.integers(1, 2000, rows)
    return {
        "population": rng.integers(0, 2_000_000, rows),
        "amount_ht_cents": rng.integers(0, 10_000_000, rows),
        "points": rng.integers(0, 1000, rows),
        "ald_patients": ald,
        "patients_with_vsm": (ald * rng.random(rows)).astype(np.int64),
    }


def library(data: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    """The library's tables on a polars frame: time and the cents of every amount."""
    import polars as pl  # noqa: PLC0415

    import segur_numerique as sn  # noqa: PLC0415
    from segur_numerique.avenant9.tables import amounts_table  # noqa: PLC0415
    from segur_numerique.e_parcours.tables import forfait_table  # noqa: PLC0415
    from segur_numerique.e_parcours.tables import payments_table as e_payments  # noqa: PLC0415
    from segur_numerique.sons.tables import payments_table, ttc_table  # noqa: PLC0415

    rules = sn.load_rules()
    day = dt.date(2021, 3, 1)
    frame = pl.DataFrame(data).with_columns(
        beneficiary=pl.lit("dac"), start=pl.lit(day), targets_reached_on=pl.lit(day)
    )
    start = time.perf_counter()
    out = forfait_table(frame, scaling=sn.e_parcours.BassinScaling.PROPORTIONAL, rules=rules)
    out = e_payments(out, rules=rules)
    out = ttc_table(out, rules=rules)
    out = payments_table(out, amount="amount_ttc_cents", rules=rules)
    out = amounts_table(out, rules=rules)
    elapsed = time.perf_counter() - start
    names = {
        "forfait": "forfait_cents",
        "start_payment": "start_payment_cents",
        "usage_payment": "usage_payment_cents",
        "ttc": "amount_ttc_cents",
        "balance": "balance_cents",
        "advance": "advance_cents",
        "points_amount": "points_amount_cents",
        "vsm_forfait": "vsm_forfait_cents",
    }
    return elapsed, {k: out[v].to_numpy() for k, v in names.items()}


def float32(data: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    """A numpy float32 vectorised baseline, as OpenFisca computes: euros, ``np.round(x, 2)``."""
    f = np.float32
    start = time.perf_counter()
    population = data["population"].astype(f)
    forfait = np.round(f(800000) * population / f(300000), 2)
    start_payment = np.round(forfait * f(0.6), 2)
    ttc = np.round(data["amount_ht_cents"].astype(f) / f(100) * f(1.2), 2)
    balance = np.round(ttc * f(0.7), 2)
    share = data["patients_with_vsm"].astype(f) / data["ald_patients"].astype(f)
    out = {
        "forfait": forfait,
        "start_payment": start_payment,
        "usage_payment": forfait - start_payment,
        "ttc": ttc,
        "balance": balance,
        "advance": ttc - balance,
        "points_amount": data["points"].astype(f) * f(7),
        "vsm_forfait": np.select([share >= f(0.9), share >= f(0.5)], [f(3000), f(1500)], f(0)),
    }
    return time.perf_counter() - start, out


def openfisca(data: dict[str, Any], python: str) -> tuple[float, dict[str, Any]] | str:
    """The OpenFisca model in its own interpreter; a message when it cannot run."""
    script = Path(__file__).with_name("openfisca_programme_amounts.py")
    if not Path(python).exists():
        return f"skipped: no interpreter at {python} (install openfisca-core in a separate venv)"
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.npz"), Path(folder, "out.npz")
        np.savez(source, **data)
        done = subprocess.run(
            [python, str(script), str(source), str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            return "skipped: " + (done.stdout.strip() or done.stderr.strip().splitlines()[-1])
        result = np.load(target)
        return float(result["seconds"]), {k: result[k] for k in AMOUNTS}


def one_by_one(data: dict[str, Any], sample: int) -> float:
    """The one-by-one API on ``sample`` rows: seconds per row."""
    import segur_numerique as sn  # noqa: PLC0415

    rules = sn.load_rules()
    day = dt.date(2021, 3, 1)
    start = time.perf_counter()
    for i in range(sample):
        forfait = sn.e_parcours.forfait(
            "dac",
            population=int(data["population"][i]),
            scaling=sn.e_parcours.BassinScaling.PROPORTIONAL,
            rules=rules,
        )
        sn.e_parcours.payments(forfait, start=day, targets_reached_on=day, rules=rules)
        ceiling = sn.sons.ttc(sn.Euro.from_cents(int(data["amount_ht_cents"][i])), rules=rules)
        sn.sons.payments(ceiling, installation_certified_on=None, rules=rules)
        sn.avenant9.points(int(data["points"][i]), rules=rules)
        sn.avenant9.vsm_forfait(
            patients_with_vsm=int(data["patients_with_vsm"][i]),
            ald_patients=int(data["ald_patients"][i]),
            rules=rules,
        )
    return (time.perf_counter() - start) / sample


def max_error(exact: dict[str, Any], euros: dict[str, Any]) -> dict[str, float]:
    """The largest |float result − exact| of each amount, in cents."""
    return {k: float(np.max(np.abs(euros[k].astype(np.float64) * 100 - exact[k]))) for k in AMOUNTS}


def main() -> None:
    """Measure every path and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--openfisca-python", default="/work/ofvenv/bin/python")
    args = parser.parse_args()
    data = inputs(args.rows)
    library(data)  # warm-up (imports, rule data)
    lib_time, exact = min((library(data) for _ in range(3)), key=lambda r: r[0])
    rows = [("library tables (int64 cents)", lib_time, dict.fromkeys(AMOUNTS, 0.0), "exact")]
    baseline = min((float32(data) for _ in range(3)), key=lambda r: r[0])
    rows.append(("numpy float32 (OpenFisca-like)", baseline[0], max_error(exact, baseline[1]), ""))
    found = openfisca(data, args.openfisca_python)
    if isinstance(found, str):
        print(f"OpenFisca: {found}", file=sys.stderr)
    else:
        rows.append(("OpenFisca (float32)", found[0], max_error(exact, found[1]), ""))
    per_row = one_by_one(data, min(args.sample, args.rows))
    rows.append(
        ("one-by-one API", per_row * args.rows, {}, f"extrapolated from {args.sample} rows")
    )
    print(f"{args.rows:,} rows; largest error in cents per amount\n")
    print("| path | time (s) | " + " | ".join(AMOUNTS) + " | note |")
    print("|---|---:|" + "---:|" * len(AMOUNTS) + "---|")
    for name, seconds, errors, note in rows:
        cells = " | ".join(f"{errors[k]:.0f}" if k in errors else "–" for k in AMOUNTS)
        print(f"| {name} | {seconds:.2f} | {cells} | {note} |")


if __name__ == "__main__":
    main()
