"""Column helpers shared by the programme amount tables (``sons.ttc_table``, ``avenant9.amounts_table``...).

A programme's amount over a table is the **same integer-cents function** as its one-by-one API,
applied to int64 columns (numpy arrays): the rule's arithmetic is written once, with integer
operators that work on Python ints and on columns (:func:`~segur_numerique.core.rounding.round_quotient`,
:meth:`~segur_numerique.core.RoundingPolicy.scale_cents`). This module only reads the input
columns (checked: type, nulls, range, the row and column named in a typed error) and writes the
result columns back in the input's backend, with integer cents in every backend: pandas nullable
``Int64`` (never float64 nor NaN), polars ``Int64``, pyarrow ``int64``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import narwhals as nw

from segur_numerique.errors import BatchInputError
from segur_numerique.funding_scaling.batch import _first_bad_row, _frame


def read_frame(table: Any) -> nw.DataFrame[Any]:
    """A narwhals eager frame of any supported table (a DuckDB relation or Dask frame collected)."""
    return _frame(table)


def require(frame: nw.DataFrame[Any], *names: str) -> None:
    """Refuse a table without one of ``names``."""
    for name in names:
        if name not in frame.schema:
            raise BatchInputError("required column is missing", where=f"column {name!r}")


def int_column(frame: nw.DataFrame[Any], name: str, *, minimum: int | None = 0) -> Any:
    """The int64 values of an integer column (a numpy array): no null, none below ``minimum``."""
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    require(frame, name)
    if not frame.schema[name].is_integer():
        raise BatchInputError(
            f"must be an integer column (whole cents or counts), got {frame.schema[name]}",
            where=f"column {name!r}",
        )
    bad = nw.col(name).is_null()
    if minimum is not None:
        bad = bad | (nw.col(name) < minimum)
    if frame.select(bad.any()).item():
        row = _first_bad_row(frame, bad)
        assert row is not None
        value = frame.item(row, name)
        what = "missing value (null)" if value is None else f"must be ≥ {minimum}, got {value}"
        raise BatchInputError(what, where=f"row {row}, column {name!r}")
    return frame.get_column(name).to_numpy().astype(np.int64, copy=False)


def bool_column(frame: nw.DataFrame[Any], name: str) -> Any:
    """The values of a boolean column (a numpy bool array), no null."""
    require(frame, name)
    if frame.schema[name] != nw.Boolean:
        raise BatchInputError(
            f"must be a boolean column, got {frame.schema[name]}", where=f"column {name!r}"
        )
    if frame.select(nw.col(name).is_null().any()).item():
        row = _first_bad_row(frame, nw.col(name).is_null())
        raise BatchInputError("missing value (null)", where=f"row {row}, column {name!r}")
    return frame.get_column(name).to_numpy().astype(bool, copy=False)


def refuse_rows(frame: nw.DataFrame[Any], bad: Any, what: str, *, where: str) -> None:
    """Raise :class:`BatchInputError` naming the first row flagged in the numpy mask ``bad``."""
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    if bad.any():
        row = int(np.argmax(bad))
        raise BatchInputError(what, where=f"row {row}, {where}")


def with_columns(frame: nw.DataFrame[Any], columns: Mapping[str, Any]) -> Any:
    """``frame`` with the new columns, back in its native backend.

    ``columns`` maps names to numpy arrays: int64 arrays become integer cents (pandas nullable
    ``Int64``, polars ``Int64``, pyarrow ``int64``), bool arrays booleans, others strings or dates
    as narwhals infers them.
    """
    import numpy as np  # noqa: PLC0415 (lazy: numpy costs ~0.1 s at import time)

    backend = frame.implementation
    series = []
    cents = []
    for name, values in columns.items():
        if values.dtype == np.bool_:
            series.append(nw.new_series(name, values, nw.Boolean, backend=backend))
        elif values.dtype == np.int64:
            series.append(nw.new_series(name, values, nw.Int64, backend=backend))
            cents.append(name)
        else:
            series.append(nw.new_series(name, values, backend=backend))
    out = frame.with_columns(*series).to_native()
    if backend is nw.Implementation.PANDAS:
        return pandas_nullable(out, cents)
    return out


def pandas_nullable(native: Any, names: list[str]) -> Any:
    """A pandas frame whose integer-cents columns ``names`` are nullable ``Int64`` (never float64)."""
    if not names:
        return native
    return native.astype(dict.fromkeys(names, "Int64"))


def from_columns(columns: Mapping[str, Any], schema: Mapping[str, Any], backend: Any) -> Any:
    """A native frame of ``backend`` from columns and a narwhals schema; integers never via float.

    pandas is built through Arrow, so that integer cents with gaps become nullable ``Int64`` (and
    booleans with gaps ``boolean``) directly: never float64 with NaN, which would also lose the
    exactness of cents above 2**53.
    """
    is_pandas = backend in ("pandas", nw.Implementation.PANDAS)
    frame = nw.from_dict(
        dict(columns), schema=dict(schema), backend="pyarrow" if is_pandas else backend
    )
    if not is_pandas:
        return frame.to_native()
    import pandas as pd  # noqa: PLC0415 (optional: the `dataframes` extra)
    import pyarrow as pa  # noqa: PLC0415 (optional: the `dataframes` extra)

    nullable = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    return frame.to_native().to_pandas(types_mapper=nullable.get)
