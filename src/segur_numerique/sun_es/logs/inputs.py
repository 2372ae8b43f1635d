"""Reading SUN-ES stay and document logs: the tables, their columns and their checks.

The tables may be pandas, polars, pyarrow or DuckDB tables, Dask dataframes (all through
narwhals), plain iterables of records (dicts), or CSV and Parquet files; see
:mod:`segur_numerique.sun_es.logs.results` for what is computed from them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import narwhals.stable.v2 as nw

from segur_numerique.errors import (
    DischargeBeforeAdmissionError,
    DuplicateIdError,
    EmptyValueError,
    MissingColumnError,
    UnknownDocumentTypeError,
    UnknownInsStatusError,
    UnreadableLogError,
)
from segur_numerique.sun_es.indicators import (
    INDICATORS,
    Basis,
    DocumentType,
    InsStatus,
)
from segur_numerique.sun_es.logs.document_columns import check_optional, optional_fixes
from segur_numerique.sun_es.logs.files import Frame as _Frame
from segur_numerique.sun_es.logs.files import engine_errors, source_name
from segur_numerique.sun_es.logs.files import lazy as _lazy
from segur_numerique.sun_es.logs.files import optional as _optional
from segur_numerique.sun_es.logs.files import read_file as _read_file

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
    source: Any, table: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> _Frame:
    """The table's ``columns`` (and those of ``optional`` it has), each of its one type."""
    if _is_path(source):
        frame = _read_file(Path(source), table, (*columns, *optional))
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
    frame = frame.select(*columns, *present)
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
                fixes.append(nw.col(column).str.to_datetime(format="%Y-%m-%d").dt.truncate("1d"))
            elif dtype == nw.Datetime:
                fixes.append(nw.col(column).dt.truncate("1d"))
        elif column not in _ID_COLUMNS and dtype != nw.String:
            fixes.append(nw.col(column).cast(nw.String))
    fixes += optional_fixes({c: schema[c] for c in present})
    return frame.with_columns(*fixes) if fixes else frame


def _align_ids(
    stays: nw.LazyFrame[Any], documents: nw.LazyFrame[Any]
) -> tuple[nw.LazyFrame[Any], nw.LazyFrame[Any]]:
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


def _raise_empty(frame: _Frame, table: str, id_column: str, column: str, count: int) -> None:
    row = (
        ""
        if column == id_column
        else f"{id_column} {_first(frame.filter(nw.col(column).is_null()), id_column)!r}, "
    )
    raise EmptyValueError(f"{count} empty value(s)", where=f"{table}: {row}column {column}")


def _validate(
    stays: _Frame, documents: _Frame, names: tuple[str, str] = ("stays", "documents")
) -> None:
    """Check both tables, naming the first bad row.

    A backend error while reading them (e.g. a malformed date in a CSV file) becomes an
    :class:`UnreadableLogError` naming both (see :func:`engine_errors`). ``names`` name the
    tables in the errors (with their files, see :func:`source_name`).
    """
    with engine_errors(", ".join(names)):
        _check_stays(stays, names[0])
        _check_documents(documents, names[1])


def _check_stays(stays: _Frame, name: str) -> None:
    checks = [nw.len().alias("rows"), nw.col("stay_id").n_unique().alias("unique")]
    checks += [
        nw.col(c).null_count().alias(f"null_{c}") for c in STAY_COLUMNS if c not in _NULLABLE
    ]
    checks.append(
        (nw.col("discharge") < nw.col("admission")).cast(nw.Int64).sum().alias("reversed")
    )
    s = _collect_rows(stays.select(*checks))[0]
    for column in STAY_COLUMNS:
        if _int(s[f"null_{column}"]):
            _raise_empty(stays, name, "stay_id", column, _int(s[f"null_{column}"]))
    if _int(s["rows"]) != _int(s["unique"]):
        dup = _first(
            stays.group_by("stay_id").agg(nw.len().alias("n")).filter(nw.col("n") > 1), "stay_id"
        )
        raise DuplicateIdError(f"stay_id {dup!r} appears more than once", where=f"{name}: stay_id")
    if _int(s["reversed"]):
        bad = _first(stays.filter(nw.col("discharge") < nw.col("admission")), "stay_id")
        raise DischargeBeforeAdmissionError(
            "discharge before admission", where=f"{name}: stay_id {bad!r}, column discharge"
        )


def _check_documents(documents: _Frame, name: str) -> None:
    checks = [nw.len().alias("rows"), nw.col("document_id").n_unique().alias("unique")]
    checks += [
        nw.col(c).null_count().alias(f"null_{c}") for c in DOCUMENT_COLUMNS if c not in _NULLABLE
    ]
    checks.append((~nw.col("type").is_in(_DOC_TYPES)).cast(nw.Int64).sum().alias("bad_type"))
    checks.append(
        (~nw.col("ins_status").is_in(_INS_VALUES) & ~nw.col("ins_status").is_null())
        .cast(nw.Int64)
        .sum()
        .alias("bad_ins")
    )
    d = _collect_rows(documents.select(*checks))[0]
    for column in DOCUMENT_COLUMNS:
        if column not in _NULLABLE and _int(d[f"null_{column}"]):
            _raise_empty(documents, name, "document_id", column, _int(d[f"null_{column}"]))
    if _int(d["rows"]) != _int(d["unique"]):
        dup = _first(
            documents.group_by("document_id").agg(nw.len().alias("n")).filter(nw.col("n") > 1),
            "document_id",
        )
        raise DuplicateIdError(
            f"document_id {dup!r} appears more than once", where=f"{name}: document_id"
        )
    if _int(d["bad_type"]):
        row = _collect_rows(
            documents.filter(~nw.col("type").is_in(_DOC_TYPES))
            .select("document_id", "type")
            .head(1)
        )[0]
        raise UnknownDocumentTypeError(
            f"unknown document type {row['type']!r}; expected one of {', '.join(_DOC_TYPES)}",
            where=f"{name}: document_id {row['document_id']!r}, column type",
        )
    if _int(d["bad_ins"]):
        row = _collect_rows(
            documents.filter(
                ~nw.col("ins_status").is_in(_INS_VALUES) & ~nw.col("ins_status").is_null()
            )
            .select("document_id", "ins_status")
            .head(1)
        )[0]
        raise UnknownInsStatusError(
            f"unknown INS status {row['ins_status']!r}; expected one of {', '.join(_INS_VALUES)} "
            "or empty",
            where=f"{name}: document_id {row['document_id']!r}, column ins_status",
        )
