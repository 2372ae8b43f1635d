"""Reading SUN-ES stay and document logs: the tables, their columns and their checks.

The tables may be pandas, polars, pyarrow or DuckDB tables, Dask dataframes (all through
narwhals), plain iterables of records (dicts), or CSV and Parquet files; see
:mod:`segur_numerique.sun_es.logs.results` for what is computed from them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import narwhals.stable.v2 as nw

from segur_numerique.errors import (
    MissingColumnError,
    UnreadableLogError,
)
from segur_numerique.sun_es.indicators import (
    INDICATORS,
    Basis,
    DocumentType,
    InsStatus,
)
from segur_numerique.sun_es.logs.csv_files import BAD_DATE, INDEX, CsvFormat
from segur_numerique.sun_es.logs.document_columns import (
    OPTIONAL_DOCUMENT_COLUMNS,
    check_optional,
    optional_fixes,
)
from segur_numerique.sun_es.logs.files import Frame as _Frame
from segur_numerique.sun_es.logs.files import engine_errors, source_name
from segur_numerique.sun_es.logs.files import lazy as _lazy
from segur_numerique.sun_es.logs.files import optional as _optional
from segur_numerique.sun_es.logs.files import read_file as _read_file
from segur_numerique.sun_es.logs.validation import BadRow, check_rows, raise_bad_rows

STAY_COLUMNS: tuple[str, ...] = ("stay_id", "finess", "activity", "admission", "discharge")
"""The columns a stays table must have (others are ignored)."""
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "document_id",
    "stay_id",
    "type",
    "produced",
    "sent",
    "ins_status",
)
"""The columns a documents table must have (others are ignored)."""
_NULLABLE = frozenset({"sent", "ins_status"})
_ID_COLUMNS = frozenset({"stay_id", "document_id"})
"""Id columns keep their type (integers or strings); the two ``stay_id`` columns must agree."""
_DATES = frozenset({"admission", "discharge", "produced", "sent"})
_ISO_DATE = r"^\d{4}-\d{2}-\d{2}(?:[ T].*)?$"
_DOC_TYPES = tuple(t.value for t in DocumentType)
_INS_VALUES = tuple(s.value for s in InsStatus)
_STAY_BASED = tuple(d for d in INDICATORS if d.basis is Basis.STAY)
_DOC_BASED = tuple(d for d in INDICATORS if d.basis is Basis.DOCUMENT)


# --------------------------------------------------------------------------------------------
# Reading inputs


def _is_path(source: object) -> bool:
    return isinstance(source, str | os.PathLike)


def _to_lazy(frame: _Frame) -> nw.LazyFrame[Any]:
    """The frame as a lazy frame, for the computation (the backend plans it as a whole)."""
    lazy = frame.lazy() if isinstance(frame, nw.DataFrame) else frame
    return cast("nw.LazyFrame[Any]", lazy)


def _parse_date(value: object, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise UnreadableLogError(f"not a date (YYYY-MM-DD): {value!r}", where=where)


def _from_records(
    records: Iterable[Mapping[str, object]],
    table: str,
    columns: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> _Frame:
    data: dict[str, list[object]] = {c: [] for c in columns}
    extra: dict[str, list[object]] = {}  # the optional columns some record has, as given
    i = -1
    for i, record in enumerate(records):
        if not isinstance(record, Mapping):
            raise UnreadableLogError(
                f"a record is a mapping of column to value, got {type(record).__name__}",
                where=f"{table}: row {i}",
            )
        for column in columns:
            if column not in record:
                raise MissingColumnError(
                    f"missing column {column!r}", where=f"{table}: row {i}, column {column}"
                )
            value = record[column]
            where = f"{table}: row {i}, column {column}"
            if column in _DATES:
                value = _parse_date(value, where)
            elif value is not None and not isinstance(value, str):
                value = str(value)
            data[column].append(value)
        for column in optional:
            if column in record:
                extra.setdefault(column, [None] * i).append(record[column])
            elif column in extra:
                extra[column].append(None)
    data.update(extra)
    columns = (*columns, *extra)
    pl: Any = _optional("polars")
    if pl is None:  # pragma: no cover
        import pyarrow as pa  # noqa: PLC0415

        schema = pa.schema([(c, pa.date32() if c in _DATES else pa.string()) for c in columns])
        return _lazy(pa.table(data, schema=schema))
    pl_schema = {c: pl.Date if c in _DATES else pl.String for c in columns if c not in extra}
    frame = pl.DataFrame({c: data[c] for c in pl_schema}, schema=pl_schema)
    return _lazy(frame.with_columns(_optional_series(pl, c, v) for c, v in extra.items()))


def _optional_series(pl: Any, column: str, values: list[object]) -> Any:
    """An optional column of records: booleans, integers or text, as given (else refused)."""
    kinds = {type(v) for v in values if v is not None}
    if column in ("structured", "version") and kinds <= {bool, int}:
        return pl.Series(column, values, dtype=pl.Boolean if column == "structured" else pl.Int64)
    return pl.Series(column, [None if v is None else str(v) for v in values], dtype=pl.String)


def _as_frame(
    source: Any,
    table: str,
    columns: tuple[str, ...],
    optional: tuple[str, ...] = (),
    *,
    encoding: str | None = None,
) -> _Frame:
    """The table as a narwhals frame: its columns, its optional ones, its checking columns.

    The ``columns`` (dates as dates), those of ``optional`` it has (each of its one type), and
    the checking columns (row numbers, date reasons).
    """
    return _read_log(source, table, columns, optional, encoding=encoding)[0]


def _read_log(
    source: Any,
    table: str,
    columns: tuple[str, ...],
    optional: tuple[str, ...] = (),
    *,
    encoding: str | None = None,
) -> tuple[_Frame, CsvFormat | None]:
    """:func:`_as_frame`, and how a CSV file was read (``None`` for other sources)."""
    found = None
    if _is_path(source):
        frame, found = _read_file(
            Path(source), table, (*columns, *optional), dates=_DATES, encoding=encoding
        )
    else:
        try:
            frame = _lazy(source)
        except TypeError:
            if isinstance(source, Iterable) and not isinstance(source, str | bytes | Mapping):
                frame = _from_records(source, table, columns, optional)
            else:
                raise UnreadableLogError(
                    f"expected a dataframe, an iterable of records or a CSV/Parquet path, "
                    f"got {type(source).__name__}",
                    where=table,
                ) from None
    names = frame.collect_schema().names()
    for column in columns:
        if column not in names:
            raise MissingColumnError(
                f"missing column {column!r}", where=f"{source_name(source, table)}: column {column}"
            )
    present = tuple(c for c in optional if c in names)
    extra = [n for n in names if n.startswith("__")]
    if isinstance(frame, nw.DataFrame) and not extra:
        frame, extra = frame.with_row_index(INDEX), [INDEX]
    frame = frame.select(*columns, *present, *extra)
    if present:
        check_optional(frame, source_name(source, table))
    schema = frame.collect_schema()
    impl = frame.implementation
    # pandas stores dates as Python objects (its group-by then falls back to Python, 100x
    # slower) and pyarrow-backed dates do not compare with date literals: use datetimes there.
    pandas_like = impl.is_pandas_like() or impl.is_dask()
    fixes = []
    for column in columns:
        dtype = schema[column]
        if column in _DATES:
            if pandas_like and dtype != nw.String:
                fixes.append(nw.col(column).cast(nw.Datetime("us")).dt.truncate("1d"))
            elif dtype == nw.String:
                fixes += _iso_dates(column)
            elif dtype == nw.Datetime:
                fixes.append(nw.col(column).dt.truncate("1d"))
        elif column not in _ID_COLUMNS and dtype != nw.String:
            fixes.append(nw.col(column).cast(nw.String))
    fixes += optional_fixes({c: schema[c] for c in present})
    return (frame.with_columns(*fixes) if fixes else frame), found


def _iso_dates(column: str) -> list[Any]:
    """A text date column of a table parsed as ISO dates, and why a value is not one."""
    fits = nw.col(column).str.strip_chars().str.contains(_ISO_DATE)
    return [
        nw.when(~fits)
        .then(nw.concat_str(nw.lit("not a date (YYYY-MM-DD): "), nw.col(column)))
        .alias(f"{BAD_DATE}{column}"),
        nw.when(fits)
        .then(nw.col(column).str.strip_chars().str.slice(0, 10))
        .str.to_datetime(format="%Y-%m-%d")
        .dt.truncate("1d")
        .alias(column),
    ]


def _align_ids(stays: Any, documents: Any) -> tuple[Any, Any]:
    """Cast both ``stay_id`` columns to strings when their types differ (e.g. integers and text)."""
    if stays.collect_schema()["stay_id"] == documents.collect_schema()["stay_id"]:
        return stays, documents
    return (
        stays.with_columns(nw.col("stay_id").cast(nw.String)),
        documents.with_columns(nw.col("stay_id").cast(nw.String)),
    )


def _int(value: object) -> int:
    """A count from any backend (numpy or Decimal integers; SQL sums of no rows are NULL)."""
    return 0 if value is None else int(value)  # type: ignore[call-overload]


def _collect_rows(frame: _Frame) -> list[dict[str, Any]]:
    eager = frame.collect() if isinstance(frame, nw.LazyFrame) else frame
    rows: list[dict[str, Any]] = eager.rows(named=True)
    return rows


def _first(frame: _Frame, column: str) -> object:
    rows = _collect_rows(frame.select(column).head(1))
    return rows[0][column] if rows else None


def _lit_date(day: dt.date, dtype: Any) -> Any:
    if dtype == nw.Datetime:
        return nw.lit(dt.datetime(day.year, day.month, day.day))  # noqa: DTZ001 (naive like the data)
    return nw.lit(day)


def _in_memory(frame: _Frame) -> nw.LazyFrame[Any]:
    """A polars scan collected once (checks and counts then reuse it, not re-parse the file)."""
    lazy = _to_lazy(frame)
    if lazy.implementation.is_polars() and isinstance(frame, nw.LazyFrame):
        return lazy.collect().lazy()
    return lazy


def _validate(
    stays: _Frame,
    documents: _Frame,
    names: tuple[str, str] = ("stays", "documents"),
    *,
    skip_invalid: bool = False,
    step: Callable[[str], None] | None = None,
) -> tuple[_Frame, _Frame, tuple[BadRow, ...]]:
    """DocumentCheck both tables by columnar checks: the tables (required columns only) and the bad rows.

    Every bad row is found (:func:`~segur_numerique.sun_es.logs.validation.check_rows`); unless
    ``skip_invalid``, they raise an :class:`~segur_numerique.errors.InvalidRowsError` listing them
    (a subclass when they are all of one kind); with it, they are left out of the tables returned.
    A backend error while reading them becomes an :class:`UnreadableLogError` naming both (see
    :func:`engine_errors`). ``names`` name the tables in the errors (with their files, see
    :func:`source_name`).
    """
    required = (
        tuple(c for c in STAY_COLUMNS if c not in _NULLABLE),
        tuple(c for c in DOCUMENT_COLUMNS if c not in _NULLABLE),
        _DOC_TYPES,
        _INS_VALUES,
    )
    with engine_errors(", ".join(names)):
        stays_a, docs_a = _align_ids(_in_memory(stays), _in_memory(documents))
        kept_s, kept_d, rows, kinds = check_rows(
            stays_a,
            docs_a,
            names,
            required,
            skip_invalid=skip_invalid,
            step=step,
        )
    if not skip_invalid:
        raise_bad_rows(rows, kinds)
    present = [c for c in OPTIONAL_DOCUMENT_COLUMNS if c in kept_d.collect_schema().names()]
    return kept_s.select(*STAY_COLUMNS), kept_d.select(*DOCUMENT_COLUMNS, *present), rows
