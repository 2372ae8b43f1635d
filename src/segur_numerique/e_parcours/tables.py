"""e-parcours forfaits and payments over a table (pandas, polars, pyarrow, DuckDB, Dask via narwhals).

The same integer-cents functions as the one-by-one :func:`~segur_numerique.e_parcours.forfait`
and :func:`~segur_numerique.e_parcours.payments`
(:func:`~segur_numerique.e_parcours.funding.forfait_cents`,
:func:`~segur_numerique.e_parcours.payments.start_payment_cents`), applied to int64 columns; the
usage deadline is :func:`~segur_numerique.e_parcours.usage_deadline`, called once per distinct
start date. Integer cents in every backend (pandas nullable ``Int64``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import narwhals as nw

from segur_numerique.core.money import Euro
from segur_numerique.e_parcours.deadlines import usage_deadline
from segur_numerique.e_parcours.funding import (
    BassinScaling,
    forfait_cents,
)
from segur_numerique.e_parcours.kinds import Kind
from segur_numerique.e_parcours.payments import (
    payment_shares,
    start_payment_cents,
)
from segur_numerique.errors import BatchInputError, InvalidInputError
from segur_numerique.funding_scaling.tables import (
    int_column,
    read_frame,
    refuse_rows,
    require,
    with_columns,
)
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


def forfait_table(
    table: Any,
    *,
    scaling: BassinScaling,
    beneficiary: str = "beneficiary",
    population: str = "population",
    column: str = "forfait_cents",
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Any:
    """Add the forfait in cents of each project (``dac`` or ``collectif``, its population).

    ``scaling`` is the caller's choice (none is official), as for
    :func:`~segur_numerique.e_parcours.forfait`.

    Raises:
        BatchInputError: a missing column, an unknown beneficiary, a null or negative population.
        InvalidInputError: no :class:`~segur_numerique.e_parcours.BassinScaling` named.
        CentsOverflowError: a population too large for int64 cents.
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    rules = resolve_rules(rules)
    if not isinstance(scaling, BassinScaling):
        raise InvalidInputError(
            "name a BassinScaling policy: the official rule for other populations is unknown",
            where="scaling",
        )
    frame = read_frame(table)
    people = int_column(frame, population)
    require(frame, beneficiary)
    kinds = frame.get_column(beneficiary)
    bassin, _ = rules.read_as("e_parcours.bassin.population", int, on=on)
    per_bassin = np.zeros(frame.shape[0], dtype=np.int64)
    for value in kinds.unique().to_list():
        try:
            kind = Kind.parse(value, where=f"column {beneficiary!r}")
        except InvalidInputError as exc:
            row = int(np.argmax((kinds == value).to_numpy()))
            raise BatchInputError(exc.what, where=f"row {row}, column {beneficiary!r}") from None
        amount, _ = rules.read_as(f"e_parcours.forfait.{kind.value}", Euro, on=on)
        per_bassin[(kinds == value).to_numpy()] = amount.cents
    cents = forfait_cents(per_bassin, people, bassin, scaling, where=f"column {population!r}")
    return with_columns(frame, {column: np.asarray(cents, dtype=np.int64)})


def _days(frame: nw.DataFrame[Any], name: str) -> Any:
    """A date column as numpy ``datetime64[D]`` (nulls as NaT)."""
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    require(frame, name)
    kind = frame.schema[name]
    if kind not in (nw.Date, nw.Datetime, nw.Object, nw.Unknown):
        raise BatchInputError(f"must be a date column, got {kind}", where=f"column {name!r}")
    try:  # a pandas column of datetime.date objects is an object column
        return np.asarray(frame.get_column(name).to_numpy(), dtype="datetime64[D]")
    except (TypeError, ValueError):
        raise BatchInputError(
            f"must hold dates (or nulls), got {kind}", where=f"column {name!r}"
        ) from None


def _distinct_days(days: Any) -> tuple[Any, Any]:
    """The distinct days of a ``datetime64[D]`` column (sorted) and each row's index among them.

    Dates span a few years: a lookup table over the span is linear, where a sort is not.
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    if days.size == 0:
        return days, np.zeros(0, dtype=np.int64)
    number = days.astype(np.int64)
    low = int(number.min())
    span = int(number.max()) - low + 1
    if span > 4 * days.size + 100_000:  # sparse: sorting is cheaper than the table
        unique, inverse = np.unique(days, return_inverse=True)
        return unique, inverse.reshape(-1)
    offset = number - low
    present = np.zeros(span, dtype=bool)
    present[offset] = True
    where = np.flatnonzero(present)
    index = np.zeros(span, dtype=np.int64)
    index[where] = np.arange(where.size)
    return (where + low).astype("datetime64[D]"), index[offset]


def payments_table(
    table: Any,
    *,
    forfait: str = "forfait_cents",
    start: str = "start",
    targets_reached_on: str = "targets_reached_on",
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Any:
    """Add the two e-parcours payments of each forfait, as :func:`~segur_numerique.e_parcours.payments`.

    New columns: ``start_payment_cents`` (60 %, half up), ``usage_payment_cents`` (the rest when
    the targets were reached by the deadline, else 0), ``lost_cents`` (the rest when reached too
    late), ``deadline`` (a date) and ``pending`` (targets not reached: a null
    ``targets_reached_on``).

    Raises:
        BatchInputError: a missing or mistyped column, a null start, a negative forfait, targets
            reached before the start (the row is named).
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    rules = resolve_rules(rules)
    frame = read_frame(table)
    amount = int_column(frame, forfait)
    started = _days(frame, start)
    reached = _days(frame, targets_reached_on)
    refuse_rows(frame, np.isnat(started), "missing value (null)", where=f"column {start!r}")
    pending = np.isnat(reached)
    refuse_rows(
        frame,
        ~pending & (reached < started),
        "targets reached before the project started",
        where=f"column {targets_reached_on!r}",
    )
    share, _ = payment_shares(rules, on)
    first = start_payment_cents(amount, share)
    rest = amount - first
    days, inverse = _distinct_days(started)
    due = np.asarray(
        [usage_deadline(d, rules=rules, on=on).due for d in days.astype(object)],
        dtype="datetime64[D]",
    )
    deadline = due[inverse] if len(days) else started
    in_time = ~pending & (reached <= deadline)
    zero = np.zeros_like(rest)
    columns = {
        "start_payment_cents": first,
        "usage_payment_cents": np.where(in_time, rest, zero),
        "lost_cents": np.where(~pending & ~in_time, rest, zero),
        "pending": pending,
    }
    out = read_frame(with_columns(frame, columns))
    series = nw.new_series("deadline", deadline, backend=out.implementation).cast(nw.Date)
    return out.with_columns(series).to_native()
