"""Synthetic establishments for national simulations: random, seeded, **not real data**.

:func:`synthetic_establishments` draws a table in the schema of
:func:`~segur_numerique.sun_es.national_simulation` (establishments, window, ready date, region,
indicator counts), reproducible from its seed. Every FINESS is made up (département 13 for the
sites); the regions are the codes of :func:`~segur_numerique.sun_es.regional_envelopes` plus a
few others; the proportions are arbitrary. For benchmarks, tests, tutorials and notebooks only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import narwhals as nw

from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.prerequisites import prerequisite_checklist

REGIONS = (
    "ara",
    "idf",
    "occitanie",
    "hdf",
    "bfc",
    "dom",
    "bretagne",
    "grand_est",
    "nouvelle_aquitaine",
)
"""The region codes drawn (the first six have a sourced envelope)."""

_INDICATORS = (
    ("discharge_letter", 0.75),
    ("discharge_prescription", 0.7),
    ("operative_report", 0.6),
    ("biology_report", 0.6),
    ("imaging_report", 0.6),
)


def _columns(rows: int, seed: int, ids: tuple[str, ...], counts: bool) -> dict[str, Any]:
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    rng = np.random.default_rng(seed)
    activities = rng.random((rows, 5)) < np.array([0.6, 0.3, 0.2, 0.1, 0.05])
    activities[~activities.any(axis=1), 0] = True
    data: dict[str, Any] = {
        "finess_juridique": np.char.add(
            "75", np.char.zfill(rng.integers(0, 10**7, rows).astype(str), 7)
        ),
        "finess_geographique": np.char.add("13", np.char.zfill(np.arange(rows).astype(str), 7)),
        "legal_status": rng.choice(np.array(["public", "private", "espic", "clcc"]), rows),
        **{
            name: activities[:, i]
            for i, name in enumerate(("mco", "ssr", "psy", "had", "dialysis"))
        },
        "activity_2019": rng.integers(0, 150_000, rows).astype(np.int64),
        "own_lab": rng.random(rows) < 0.3,
        "own_imaging": rng.random(rows) < 0.4,
        "operating_theatre": rng.random(rows) < 0.5,
        **{f"prerequisite_{p}": rng.random(rows) < 0.95 for p in ids},
        "window": rng.choice(np.array(["F1", "F2", "F3", "F4"]), rows, p=[0.3, 0.3, 0.25, 0.15]),
        "region": rng.choice(np.array(REGIONS), rows),
    }
    late = rng.random(rows) < 0.2  # a fifth are ready late: reassigned (or left without window)
    ready = np.datetime64("2022-06-01") + rng.integers(0, 700, rows).astype("timedelta64[D]")
    data["ready_on"] = np.where(late, ready, np.datetime64("NaT"))
    if counts:
        for indicator, typical in _INDICATORS:
            denominator = rng.integers(50, 5000, rows).astype(np.int64)
            rate = np.clip(rng.normal(typical, 0.12, rows), 0, 1)
            data[f"{indicator}_numerator"] = np.floor(rate * denominator).astype(np.int64)
            data[f"{indicator}_denominator"] = denominator
    return data


def synthetic_establishments(
    rows: int,
    *,
    seed: int = 20211101,
    counts: bool = True,
    backend: Literal["polars", "pandas", "pyarrow"] = "polars",
    rules: RuleSet | None = None,
    on: dt.date | None = None,
) -> Any:
    """A table of ``rows`` synthetic establishments (**not real**), reproducible from ``seed``.

    With ``counts``, random indicator counts (a rate around a typical value); without, the
    forfaits are those at stake.

    >>> synthetic_establishments(3, backend="polars").shape[0]
    3
    """
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
        raise InvalidInputError(f"expected a whole number of rows, got {rows!r}", where="rows")
    if backend not in ("polars", "pandas", "pyarrow"):
        raise InvalidInputError(
            f"unknown backend {backend!r}; allowed values: polars, pandas, pyarrow", where="backend"
        )
    ids = prerequisite_checklist(on=on, rules=rules).ids
    data = _columns(rows, seed, ids, counts)
    frame = nw.from_dict(data, backend="polars")
    frame = frame.with_columns(nw.col("ready_on").cast(nw.Date))
    if backend == "polars":
        return frame.to_native()
    arrow = frame.to_arrow()
    return arrow if backend == "pyarrow" else arrow.to_pandas()
