"""Avenant 9 amounts over a table (pandas, polars, pyarrow, DuckDB, Dask via narwhals), exact to the cent.

The same integer-cents functions as the one-by-one :func:`~segur_numerique.avenant9.points` and
:func:`~segur_numerique.avenant9.vsm_forfait` (:func:`~segur_numerique.avenant9.funding.points_cents`,
:meth:`~segur_numerique.avenant9.funding.VsmTiers.cents`), applied to int64 columns. Integer
cents in every backend (pandas nullable ``Int64``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from segur_numerique.avenant9.funding import VsmTiers, points_cents
from segur_numerique.core.money import Euro
from segur_numerique.errors import BatchInputError
from segur_numerique.funding_scaling.tables import (
    int_column,
    read_frame,
    refuse_rows,
    with_columns,
)
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


def amounts_table(
    table: Any,
    *,
    points: str | None = "points",
    patients_with_vsm: str | None = "patients_with_vsm",
    ald_patients: str = "ald_patients",
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Any:
    """Add the euros of points (``points_amount_cents``) and the VSM forfait (``vsm_forfait_cents``).

    ``points`` names a column of points (× the value of a point as known on ``on``);
    ``patients_with_vsm`` and ``ald_patients`` the counts of the VSM forfait (thresholds
    inclusive; the patientèle weighting is not applied, as in
    :func:`~segur_numerique.avenant9.vsm_forfait`). Pass ``None`` to skip one of the two.

    >>> import polars as pl
    >>> from segur_numerique import load_rules
    >>> out = amounts_table(
    ...     pl.DataFrame({"points": [400], "patients_with_vsm": [9], "ald_patients": [10]}),
    ...     rules=load_rules(),
    ... )
    >>> out["points_amount_cents"].to_list(), out["vsm_forfait_cents"].to_list()
    ([280000], [300000])

    Raises:
        BatchInputError: a missing, mistyped, null or negative column; no ALD patient or more
            patients with a VSM than ALD patients (the row is named).
        CentsOverflowError: values too large for int64 cents.
    """
    rules = resolve_rules(rules)
    frame = read_frame(table)
    if points is None and patients_with_vsm is None:
        raise BatchInputError("nothing to compute: give points or patients_with_vsm", where="table")
    columns: dict[str, Any] = {}
    if points is not None:
        value, _ = rules.read_as("avenant9.point_value", Euro, on=on)
        columns["points_amount_cents"] = points_cents(int_column(frame, points), value.cents)
    if patients_with_vsm is not None:
        with_vsm = int_column(frame, patients_with_vsm)
        ald = int_column(frame, ald_patients)
        refuse_rows(
            frame,
            ald == 0,
            "no ALD patient: the share is undefined",
            where=f"column {ald_patients!r}",
        )
        refuse_rows(
            frame,
            with_vsm > ald,
            "more patients with a VSM than ALD patients",
            where=f"column {patients_with_vsm!r}",
        )
        columns["vsm_forfait_cents"] = VsmTiers.from_rules(rules, on).cents(with_vsm, ald)
    return with_columns(frame, columns)
