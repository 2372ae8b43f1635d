"""Every bad row of a stays or documents log, found by columnar checks (narwhals expressions).

Each check is one boolean expression per row (an empty required value, a duplicate id, an unknown
document type or INS status, a FINESS that is not one, a discharge before its admission, a
document sent before it was produced, a document whose stay is missing, a date that does not fit
its column's format); the backend evaluates them all in one pass and only the bad rows are
collected, so a log of a million rows is checked in well under a second with polars.

:func:`check_rows` returns the tables without their bad rows and the list of them
(:class:`BadRow`: file, row, column, reason). By default the caller raises
:class:`~segur_numerique.errors.InvalidRowsError` listing them all (:func:`raise_bad_rows`); with
``skip_invalid`` they are excluded, and the documents of an excluded stay with them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import narwhals.stable.v2 as nw

from segur_numerique.core.text import group_digits, plural_word
from segur_numerique.core.values import JsonValue
from segur_numerique.entities.finess import FINESS_PATTERN, Finess
from segur_numerique.errors import (
    DischargeBeforeAdmissionError,
    DuplicateIdError,
    EmptyValueError,
    InvalidFinessError,
    InvalidRowsError,
    LogDateError,
    LogFinessError,
    OrphanDocumentError,
    SentBeforeProducedError,
    UnknownDocumentTypeError,
    UnknownInsStatusError,
)
from segur_numerique.sun_es.logs.csv_files import BAD_DATE, INDEX, ROW

MAX_LISTED = 20
"""How many bad rows an error message lists (the error's ``rows`` holds them all)."""


@attrs.frozen
class BadRow:
    """One invalid value of a log: where it is and why it is refused.

    Attributes:
        source: the table and, for a file, its path (``"stays: stays.csv"``).
        row: for a CSV file the row a spreadsheet shows (the header is row 1); for a Parquet file
            or a table, the 0-based position; ``None`` for a lazy table (no row order).
        row_id: the row's ``stay_id`` or ``document_id`` (as text), if it has one.
        column: the column of the bad value.
        reason: why it is refused (English).
        value: the bad value as text (``None`` when empty).
        id_column: ``stay_id`` or ``document_id``.
        numbered: how ``row`` counts: ``"row"`` (CSV, spreadsheet numbering) or ``"index"``.
    """

    source: str
    row: int | None
    row_id: str | None
    column: str
    reason: str
    value: str | None = None
    id_column: str = "stay_id"
    numbered: str = "row"

    def where(self) -> str:
        """``"stays: stays.csv: row 4, stay_id 'S3', column activity"``."""
        parts = [] if self.row is None else [f"{self.numbered} {self.row}"]
        if self.row_id is not None:
            parts.append(f"{self.id_column} {self.row_id!r}")
        parts.append(f"column {self.column}")
        return f"{self.source}: {', '.join(parts)}"

    def to_json(self) -> dict[str, JsonValue]:
        """The bad row as a JSON object."""
        return {
            "source": self.source,
            "row": self.row,
            "id": self.row_id,
            "column": self.column,
            "reason": self.reason,
            "value": self.value,
        }


_Check = tuple[str, str, type[InvalidRowsError], Any]
"""(column, reason, error class, boolean expression: the row is bad)."""


def _empty(column: str, names: list[str]) -> Any:
    bad_date = f"{BAD_DATE}{column}"
    empty = nw.col(column).is_null()
    return empty & nw.col(bad_date).is_null() if bad_date in names else empty


def _unless_null(column: str, test: Any) -> Any:
    """``test``, false on an empty value (backends differ on what a test of null gives)."""
    return ~nw.col(column).is_null() & test


def _date_checks(names: list[str]) -> list[_Check]:
    return [
        (n.removeprefix(BAD_DATE), "", LogDateError, ~nw.col(n).is_null())
        for n in names
        if n.startswith(BAD_DATE)
    ]


def _stay_checks(names: list[str], required: tuple[str, ...]) -> list[_Check]:
    finess = nw.col("finess").cast(nw.String)
    checks: list[_Check] = [(c, "empty value", EmptyValueError, _empty(c, names)) for c in required]
    checks += [
        ("stay_id", "stay_id on several rows", DuplicateIdError, nw.col("__dup")),
        (
            "finess",
            "",
            LogFinessError,
            _unless_null("finess", ~finess.str.contains(FINESS_PATTERN)),
        ),
        (
            "discharge",
            "discharge before admission",
            DischargeBeforeAdmissionError,
            nw.col("discharge") < nw.col("admission"),
        ),
    ]
    return checks + _date_checks(names)


def _document_checks(
    names: list[str], required: tuple[str, ...], types: tuple[str, ...], ins: tuple[str, ...]
) -> list[_Check]:
    checks: list[_Check] = [(c, "empty value", EmptyValueError, _empty(c, names)) for c in required]
    checks += [
        (
            "document_id",
            "document_id on several rows",
            DuplicateIdError,
            nw.col("__dup"),
        ),
        (
            "type",
            f"unknown document type; expected one of {', '.join(types)}",
            UnknownDocumentTypeError,
            _unless_null("type", ~nw.col("type").is_in(types)),
        ),
        (
            "ins_status",
            f"unknown INS status; expected one of {', '.join(ins)} or empty",
            UnknownInsStatusError,
            _unless_null("ins_status", ~nw.col("ins_status").is_in(ins)),
        ),
        (
            "sent",
            "sent to the DMP before it was produced",
            SentBeforeProducedError,
            nw.col("sent") < nw.col("produced"),
        ),
        (
            "stay_id",
            "no stay with this stay_id in the stays log",
            OrphanDocumentError,
            nw.col("__stay").is_null() & ~nw.col("stay_id").is_null(),
        ),
    ]
    return checks + _date_checks(names)


def _with_duplicates(frame: Any, id_column: str) -> Any:
    """The frame with ``__dup``: its id is on several rows (a window count; a join on Dask)."""
    if frame.implementation.is_dask():  # Dask cannot repartition a window over strings
        counts = frame.group_by(id_column).agg(nw.len().alias("__dup"))
        frame = frame.join(counts, on=id_column, how="left")
        dup = nw.col("__dup") > 1
    else:
        dup = nw.len().over(id_column) > 1
    return frame.with_columns(_unless_null(id_column, dup).alias("__dup"))


def _finess_reason(value: str | None) -> str:
    """Why a value is not a FINESS number: the message of :class:`Finess` itself."""
    try:
        Finess(value or "")
    except InvalidFinessError as exc:
        return exc.what
    return "not a FINESS number"  # pragma: no cover (the pattern and the class agree)


def _bad_rows(
    frame: Any, checks: list[_Check], source: str, id_column: str
) -> tuple[list[BadRow], list[type[InvalidRowsError]]]:
    """Collect the rows failing a check (only them), one :class:`BadRow` per failed check."""
    names = frame.collect_schema().names()
    number = ROW if ROW in names else INDEX if INDEX in names else None
    numbered = "row" if number == ROW else "index"
    flags = [check[3].fill_null(value=False).alias(f"__bad{i}") for i, check in enumerate(checks)]
    flagged = frame.with_columns(*flags).filter(
        nw.any_horizontal(*(nw.col(f"__bad{i}") for i in range(len(checks))), ignore_nulls=True)
    )
    eager = flagged.collect() if isinstance(flagged, nw.LazyFrame) else flagged
    rows, kinds = [], []
    for record in eager.rows(named=True):
        for i, (column, fixed, kind, _) in enumerate(checks):
            if not record[f"__bad{i}"]:
                continue
            value = record.get(column)
            text = None if value is None else str(value)
            reason = fixed
            if kind is LogDateError:
                reason, text = str(record[f"{BAD_DATE}{column}"]), None
            elif kind is LogFinessError:
                reason = _finess_reason(text)
            rid = record.get(id_column)
            rows.append(
                BadRow(
                    source,
                    None if number is None else int(record[number]),
                    None if rid is None else str(rid),
                    column,
                    reason,
                    text,
                    id_column,
                    numbered,
                )
            )
            kinds.append(kind)
    return rows, kinds


def check_rows(
    stays: Any,
    documents: Any,
    sources: tuple[str, str],
    spec: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    *,
    skip_invalid: bool = False,
    step: Callable[[str], None] | None = None,
) -> tuple[Any, Any, tuple[BadRow, ...], tuple[type[InvalidRowsError], ...]]:
    """The tables without their bad rows, the bad rows and their error classes.

    A table numbers its rows by its :data:`~segur_numerique.sun_es.logs.csv_files.ROW` or
    :data:`~segur_numerique.sun_es.logs.csv_files.INDEX` column, if it has one; ``spec`` is (required stay columns, required document columns, document types, INS values).
    Without ``skip_invalid`` the tables are returned unfiltered.
    """
    stay_req, doc_req, types, ins = spec
    stays_n = _with_duplicates(stays, "stay_id")
    s_checks = _stay_checks(stays_n.collect_schema().names(), stay_req)
    stay_rows, stay_kinds = _bad_rows(stays_n, s_checks, sources[0], "stay_id")
    known = stays.select("stay_id").unique().with_columns(nw.lit(value=True).alias("__stay"))
    docs_n = _with_duplicates(documents, "document_id").join(known, on="stay_id", how="left")
    d_checks = _document_checks(docs_n.collect_schema().names(), doc_req, types, ins)
    doc_rows, doc_kinds = _bad_rows(docs_n, d_checks, sources[1], "document_id")
    rows, kinds = [*stay_rows, *doc_rows], [*stay_kinds, *doc_kinds]
    if skip_invalid and rows:
        if step is not None:
            step("exclude")
        any_bad = nw.any_horizontal(
            *(c[3].fill_null(value=False) for c in s_checks), ignore_nulls=True
        )
        kept_stays = stays_n.filter(~any_bad).drop("__dup")
        good = kept_stays.select("stay_id").unique().with_columns(nw.lit(value=True).alias("__ok"))
        cascade: _Check = (
            "stay_id",
            "its stay is an invalid row of the stays log (excluded with it)",
            InvalidRowsError,
            nw.col("__ok").is_null() & ~nw.col("__stay").is_null(),
        )
        docs_ok = docs_n.join(good, on="stay_id", how="left")
        more, _ = _bad_rows(docs_ok.filter(~_any(d_checks)), [cascade], sources[1], "document_id")
        rows += more
        documents = docs_ok.filter(~_any([*d_checks, cascade])).drop("__dup", "__stay", "__ok")
        stays = kept_stays
    return stays, documents, tuple(sorted(rows, key=_order)), tuple(kinds)


def _order(row: BadRow) -> tuple[bool, str, int, str, str]:
    """Stays first, then by file, row, id and column."""
    number = -1 if row.row is None else row.row
    return (row.id_column != "stay_id", row.source, number, row.row_id or "", row.column)


def _any(checks: list[_Check]) -> Any:
    return nw.any_horizontal(*(c[3].fill_null(value=False) for c in checks), ignore_nulls=True)


def raise_bad_rows(rows: tuple[BadRow, ...], kinds: tuple[type[InvalidRowsError], ...]) -> None:
    """Raise an :class:`InvalidRowsError` listing ``rows`` (at most :data:`MAX_LISTED` lines).

    The class is the kind of every row when they share one (e.g. :class:`DuplicateIdError`).
    """
    if not rows:
        return
    distinct = set(kinds)
    error = distinct.pop() if len(distinct) == 1 else InvalidRowsError
    lines = [f"{r.where()}: {r.reason}" + show_value(r) for r in rows[:MAX_LISTED]]
    more = len(rows) - MAX_LISTED
    if more > 0:
        lines.append(f"... and {group_digits(more, 'en')} more")
    what = (
        f"{group_digits(len(rows), 'en')} invalid "
        f"{plural_word(len(rows), 'en', 'value', 'values')} in the logs (fix them, or pass skip_invalid / "
        "--skip-invalid to exclude those rows):\n  " + "\n  ".join(lines)
    )
    raise error(what, where=rows[0].where(), rows=rows)


def show_value(row: BadRow) -> str:
    """`` ('value')`` to append to a reason that does not already show the value."""
    if row.value is None or repr(row.value) in row.reason:
        return ""
    return f" ({row.value!r})"
