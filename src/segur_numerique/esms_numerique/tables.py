"""ESMS numérique 2022 national-call funding over a table of projects, exact to the cent.

The same rule values and integer-cents arithmetic as the one-by-one
:func:`~segur_numerique.esms_numerique.national_grappe_funding` (the start payment through
:func:`~segur_numerique.esms_numerique.funding.moa_start_cents`), on int64 columns, one row per
project. Integer cents in every backend (pandas nullable ``Int64``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from segur_numerique.core.money import Euro
from segur_numerique.errors import MissingParameterError
from segur_numerique.esms_numerique.funding import (
    _N,
    REGIONAL_AMOUNT_KEY,
    moa_start_cents,
    moa_start_share,
)
from segur_numerique.funding_scaling.tables import (
    bool_column,
    int_column,
    read_frame,
    refuse_rows,
    with_columns,
)
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import ReadRecorder, RuleSet
from segur_numerique.rules.verdicts import rule_set


def _regional(rec: ReadRecorder, frame: Any, column: str | None, first: Any) -> Any:
    """The regional funding of the first ESSMS: the caller's total column or per-ESSMS value."""
    if column is not None:
        return int_column(frame, column)
    try:
        per_essms = rec.read_as(REGIONAL_AMOUNT_KEY, Euro)
    except MissingParameterError:
        raise MissingParameterError(
            REGIONAL_AMOUNT_KEY,
            needed_for="the first ESSMS of each 2022 national ESMS numérique project, funded at "
            "the regional amount no source gives (or pass regional_total)",
        ) from None
    return first * per_essms.cents


def funding_table(
    table: Any,
    *,
    essms: str = "essms",
    vendor_segur_referenced: str = "vendor_segur_referenced",
    vendor_per_essms: str | None = None,
    regional_total: str | None = None,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Any:
    """Add the funding of each project of the 2022 national call, in cents.

    As :func:`~segur_numerique.esms_numerique.national_grappe_funding` per row: ``essms`` (≥ the
    national call's minimum), ``vendor_segur_referenced`` (boolean), optionally
    ``vendor_per_essms`` (agreed vendor cents per ESSMS, at most the ceiling; without it the
    ceiling is used, ``vendor_is_ceiling`` true) and ``regional_total`` (cents; without it the
    supplied ``esms_numerique.amount.regional_per_essms`` × the first ESSMS). New columns:
    ``regional_cents``, ``moa_cents``, ``moa_start_payment_cents``, ``moa_targets_payment_cents``,
    ``vendor_cents``, ``segur_bonus_cents``, ``total_cents`` and ``vendor_is_ceiling``.

    Raises:
        BatchInputError: a bad column or value, a project below the national minimum, a vendor
            amount above the ceiling (the row is named).
        MissingParameterError: no regional amount (neither the column nor the parameter).
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    rules = resolve_rules(rules)
    rec = ReadRecorder(rule_set(rules), on)
    frame = read_frame(table)
    count = int_column(frame, essms)
    referenced = bool_column(frame, vendor_segur_referenced)
    national_min = rec.read_as("esms_numerique.grappe.national_min_size", int)
    refuse_rows(
        frame,
        count < national_min,
        f"the national call takes projects of {national_min} ESSMS or more",
        where=f"column {essms!r}",
    )
    first = np.minimum(rec.read_as(f"{_N}.regional_amount_essms", int), count)
    national = count - first
    moa = national * rec.read_as(f"{_N}.forfait.moa", Euro).cents
    start = moa_start_cents(moa, moa_start_share(rec))
    ceiling = rec.read_as(f"{_N}.forfait.vendor_max", Euro).cents
    if vendor_per_essms is None:
        per_vendor = np.full(frame.shape[0], ceiling, dtype=np.int64)
    else:
        per_vendor = int_column(frame, vendor_per_essms)
        refuse_rows(
            frame,
            per_vendor > ceiling,
            f"the vendor forfait per ESSMS is at most {Euro.from_cents(ceiling).format('en')}",
            where=f"column {vendor_per_essms!r}",
        )
    bonus = national * rec.read_as(f"{_N}.forfait.vendor_segur_bonus", Euro).cents * referenced
    regional = _regional(rec, frame, regional_total, first)
    vendor = national * per_vendor
    return with_columns(
        frame,
        {
            "regional_cents": regional,
            "moa_cents": moa,
            "moa_start_payment_cents": start,
            "moa_targets_payment_cents": moa - start,
            "vendor_cents": vendor,
            "segur_bonus_cents": bonus,
            "total_cents": regional + moa + vendor + bonus,
            "vendor_is_ceiling": np.full(frame.shape[0], vendor_per_essms is None),
        },
    )
