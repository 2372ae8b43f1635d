"""Allocations over a table (pandas, polars, pyarrow, DuckDB via narwhals), exact to the cent.

:func:`allocate_table` shares an envelope pro rata of an integer column with **the same cents as
the one-by-one path** (:func:`~segur_numerique.funding_scaling.allocation`: the same largest remainder and
tie-break); a hypothesis property test checks it. Integer arithmetic on int64 columns (exact;
Python integers when int64 could overflow).

The table helpers here (:func:`_frame`, :func:`_first_bad_row`, :class:`BatchInputError`) are
shared with the programme batch paths (e.g. :mod:`segur_numerique.sun_es.batch`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import narwhals as nw

from segur_numerique.core.money import Euro
from segur_numerique.errors import AllocationError, BatchInputError

if TYPE_CHECKING:
    import numpy as np


def _frame(table: Any) -> nw.DataFrame[Any]:
    try:
        frame = nw.from_native(table)
    except TypeError:
        raise BatchInputError(
            f"expected a dataframe (pandas, polars, pyarrow, DuckDB), got {type(table).__name__}",
            where="table",
        ) from None
    if isinstance(frame, nw.LazyFrame):
        return frame.collect()
    if not isinstance(frame, nw.DataFrame):
        raise BatchInputError("expected a dataframe, got a series", where="table")
    return frame


def _first_bad_row(frame: nw.DataFrame[Any], bad: nw.Expr) -> int | None:
    flagged = frame.with_row_index("__row").filter(bad).select("__row").head(1)
    if flagged.shape[0] == 0:
        return None
    return int(flagged.item(0, 0))


def allocate_table(
    table: Any,
    envelope: Euro,
    *,
    weight: str = "activity_2019",
    beneficiary: str = "finess_geographique",
    where: str | None = None,
    column: str = "allocation_cents",
) -> Any:
    """Share ``envelope`` among the rows pro rata of an integer ``weight`` column, in cents.

    The same largest-remainder method and tie-break as :func:`~segur_numerique.funding_scaling.allocation`
    (larger remainder first, then larger weight, then smaller beneficiary id), so the cents are
    identical; the shares add up exactly to the envelope. ``where`` names a boolean column: only
    those rows share (the others get 0). No caps here (use :func:`~segur_numerique.funding_scaling.allocation`).

    Raises:
        AllocationError: a negative weight or envelope, or all weights zero with a non-zero
            envelope (the row and column are named).
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    if not isinstance(envelope, Euro) or envelope.cents < 0:
        raise AllocationError(
            f"expected a non-negative Euro amount, got {envelope!r}", where="envelope"
        )
    frame = _frame(table)
    for name in (weight, beneficiary, *((where,) if where else ())):
        if name not in frame.schema:
            raise BatchInputError("required column is missing", where=f"column {name!r}")
    if not frame.schema[weight].is_integer():
        raise BatchInputError(
            f"must be an integer column, got {frame.schema[weight]}", where=f"column {weight!r}"
        )
    row = _first_bad_row(frame, nw.col(weight).is_null() | (nw.col(weight) < 0))
    if row is not None:
        raise AllocationError(
            f"a weight cannot be negative or missing, got {frame.item(row, weight)!r}",
            where=f"row {row}, column {weight!r}",
        )
    w = frame.get_column(weight).to_numpy().astype(np.int64, copy=False)
    if where is not None:
        mask = frame.get_column(where).to_numpy().astype(bool, copy=False)
        w = np.where(mask, w, 0)
    cents = _largest_remainder(envelope.cents, w, frame.get_column(beneficiary))
    out = frame.with_columns(nw.new_series(column, cents, nw.Int64, backend=frame.implementation))
    return out.to_native()


def _largest_remainder(total: int, weights: np.ndarray, ids: Any) -> np.ndarray:
    """Integer largest remainder with the tie-break of :func:`~segur_numerique.funding_scaling.allocation`.

    ``ids`` is the beneficiary column (a narwhals series); only the ids of the rows tied at the
    cut are read.
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    n = weights.shape[0]
    max_weight = int(weights.max()) if n else 0
    small = max_weight * max(n, 1) < 2**62 and total * max_weight < 2**62
    weight_sum = int(weights.sum()) if small else int(weights.sum(dtype=object))
    if weight_sum == 0:
        if total != 0:
            raise AllocationError(
                "all weights are zero: the envelope cannot be shared pro rata", where="weights"
            )
        return np.zeros(n, dtype=np.int64)
    if small:
        numerators = weights * np.int64(total)
        floors = numerators // weight_sum
        remainders = numerators % weight_sum
    else:  # int64 could overflow: exact Python integers
        numerators_obj = weights.astype(object) * total
        floors = (numerators_obj // weight_sum).astype(np.int64)
        remainders = numerators_obj % weight_sum
    result = floors.astype(np.int64)
    left = total - int(result.sum(dtype=object))
    if left == 0:
        return result
    # Rank by (remainder desc, weight desc); ties at the cut are broken by id (asc).
    if remainders.dtype != object and weight_sum * (max_weight + 1) < 2**62:
        key = remainders * np.int64(max_weight + 1) + weights
        kth = np.partition(key, n - left)[n - left]
        above = key > kth
        tied = np.flatnonzero(key == kth)
    else:
        order = np.lexsort((-weights.astype(object), -remainders.astype(object)))
        cut = order[left - 1]
        r_cut, w_cut = remainders[cut], weights[cut]
        above = (remainders > r_cut) | ((remainders == r_cut) & (weights > w_cut))
        tied = np.flatnonzero((remainders == r_cut) & (weights == w_cut))
    need = left - int(above.sum())
    tied_ids = np.asarray(
        ids.to_numpy()[tied] if len(tied) > 1000 else [ids.item(int(i)) for i in tied], dtype=str
    )
    chosen_tied = tied[np.argsort(tied_ids, kind="stable")[:need]]
    result[above] += 1
    result[chosen_tied] += 1
    return result
