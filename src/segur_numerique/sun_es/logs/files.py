"""Reading stay and document log files (CSV, Parquet) safely, before any value is looked at.

A CSV log is read by :mod:`segur_numerique.sun_es.logs.csv_files` (boundary checks, separator,
encoding and date formats found and recorded). A Parquet file must begin and end with ``PAR1`` and
is decoded by pyarrow. Every error of a dataframe engine becomes an
:class:`~segur_numerique.errors.UnreadableLogError` at one place, :func:`engine_errors`.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import narwhals.stable.v2 as nw
import polars as pl

from segur_numerique.errors import (
    OptionalDependencyError,
    SegurError,
    UnreadableLogError,
)
from segur_numerique.sun_es.logs.csv_files import INDEX, CsvFormat, read_csv

Frame = Any
"""A narwhals ``DataFrame`` (eager input, checked eagerly: it keeps its fast paths, e.g. sorted
ids) or ``LazyFrame``."""


def lazy(native: Any) -> Frame:
    """A native table as a narwhals frame (wrapped, not copied)."""
    return nw.from_native(native)


def optional(name: str) -> Any:
    """An optional dependency (polars, pyarrow: the ``dataframes`` extra), or ``None``."""
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover
        return None


def read_file(
    path: Path,
    table: str,
    columns: tuple[str, ...],
    *,
    dates: frozenset[str] = frozenset(),
    encoding: str | None = None,
) -> tuple[Frame, CsvFormat | None]:
    """A CSV or Parquet log file as a narwhals frame, checked, and how a CSV file was read.

    The frame has a row number column (:data:`~segur_numerique.sun_es.logs.csv_files.ROW`,
    spreadsheet numbering, for CSV; :data:`~segur_numerique.sun_es.logs.csv_files.INDEX` for
    Parquet) and, for CSV, the ``dates`` columns parsed with their reason columns (see :func:`~segur_numerique.sun_es.logs.csv_files.read_csv`).

    Raises:
        UnreadableLogError: naming the table, the file and, where it applies, the line and column.
    """
    suffix = path.suffix.lower()
    where = f"{table}: {path}"
    if not path.exists():
        raise UnreadableLogError("no such file", where=where)
    if not path.is_file():
        raise UnreadableLogError(
            "not a regular file (a log is a .csv or .parquet file)", where=where
        )
    if suffix not in (".csv", ".parquet"):
        raise UnreadableLogError(
            f"unsupported file type {suffix!r}; expected .csv or .parquet", where=where
        )
    if suffix == ".csv":
        found: list[CsvFormat] = []

        def scan() -> Any:
            frame, fmt = read_csv(path, table, columns, dates, encoding)
            found.append(fmt)
            return frame

        return _engine_read(scan, where), found[0]
    _check_parquet(path, where)
    return _engine_read(lambda: _read_parquet(path, columns), where), None


_PARQUET_MAGIC = b"PAR1"


def _check_parquet(path: Path, where: str) -> None:
    """Refuse an empty or truncated Parquet file before an engine reads it."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            begin = stream.read(4)
            stream.seek(max(size - 4, 0))
            end = stream.read(4)
    except OSError as exc:
        raise UnreadableLogError(
            f"cannot read the file: {exc.strerror or exc}", where=where
        ) from None
    if size == 0:
        raise UnreadableLogError("empty file: not a Parquet file", where=where)
    if size < 12 or begin != _PARQUET_MAGIC or end != _PARQUET_MAGIC:
        raise UnreadableLogError(
            f"not a Parquet file, or a truncated one (it must begin and end with "
            f"{_PARQUET_MAGIC.decode()}; {size} bytes)",
            where=where,
        )


def _read_parquet(path: Path, columns: tuple[str, ...]) -> Any:
    """The needed columns of a Parquet file, decoded by pyarrow.

    pyarrow, not polars, decodes the file: on a corrupt file polars can panic or abort the
    process (an allocation of exabytes), pyarrow raises an exception.
    """
    pq: Any = optional("pyarrow.parquet")
    if pq is None:
        raise OptionalDependencyError("pyarrow", "parquet")
    names = pq.read_schema(path).names
    table = pq.read_table(path, columns=[c for c in columns if c in names])
    frame: Any = pl.from_arrow(table)  # a table gives a DataFrame
    return frame.with_row_index(INDEX).lazy()


_ENGINE_EXCEPTIONS = (
    ("polars.exceptions", "PolarsError"),
    ("polars.exceptions", "PanicException"),  # a BaseException, not an Exception
    ("pyarrow.lib", "ArrowException"),
    ("duckdb", "Error"),
)


def _engine_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a dataframe engine raises on bad data (of the engines already imported).

    ``ValueError`` and ``OSError`` cover pandas, Dask, narwhals and pyarrow's file errors; a
    ``TypeError`` or ``AttributeError`` is a bug, not bad data, and is not caught.
    """
    found = [
        getattr(sys.modules[module], name)
        for module, name in _ENGINE_EXCEPTIONS
        if hasattr(sys.modules.get(module), name)
    ]
    return (ValueError, OSError, *found)


def _engine_read(read: Callable[[], Any], where: str) -> Frame:
    """Read a file with an engine; its errors become an :class:`UnreadableLogError`."""
    with engine_errors(where):
        frame = lazy(read())
        frame.collect_schema()
    return frame


def source_name(source: object, table: str) -> str:
    """``table`` and, for a file, its path: how errors name a log."""
    return f"{table}: {source}" if isinstance(source, str | os.PathLike) else table


@contextlib.contextmanager
def engine_errors(where: str) -> Iterator[None]:
    """The one place where a dataframe engine's exceptions become typed errors.

    Each backend raises its own exception types (a malformed date in a CSV file, a corrupt
    Parquet page, polars' ``PanicException``, which derives from ``BaseException``); they become
    an :class:`UnreadableLogError` naming ``where``, raised ``from`` the original. The library's
    own errors (a :class:`~segur_numerique.errors.LogError` naming a row) pass through.
    """
    try:
        yield
    except SegurError:
        raise
    except _engine_errors() as exc:
        text = str(exc).strip()
        first = text.splitlines()[0][:300] if text else type(exc).__name__
        raise UnreadableLogError(f"cannot read the logs: {first}", where=where) from exc
