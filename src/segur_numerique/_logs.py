"""SUN-ES volet 1 indicators computed from stay and document logs (RULES.md §2.1).

A vendor or an analyst holds two tables:

* **stays** (séjours): ``stay_id``, ``finess`` (the establishment), ``activity`` (MCO, SSR, PSY,
  HAD, DIALYSIS, OUTPATIENT...), ``admission`` and ``discharge`` dates;
* **documents**: ``document_id``, ``stay_id``, ``type`` (a :class:`DocumentType` value),
  ``produced`` (date), ``sent`` (date sent to the DMP, empty if never sent) and ``ins_status``
  (an :class:`InsStatus` value, empty for no INS).

They may be pandas, polars, pyarrow or DuckDB tables, Dask dataframes (all through narwhals, one
code path, lazily where the backend allows), plain iterables of records (dicts), or CSV and Parquet
files. :func:`indicators_from_logs` computes, per establishment and for the measurement period
of a window, every volet 1 indicator's numerator and denominator, and lists the stays and
documents that do not count, each with its :class:`ExclusionReason`.

The unknown parts of the definitions (measurement period, stay types counted, send delays, the
biology denominator) come from the rules: :meth:`LogParameters.from_rules`.

How a unit counts (see :mod:`segur_numerique.sun_es.indicators` for the definitions):

* a **stay** is in the denominator of a stay-based indicator when its discharge date lies in the
  period and its activity is one of the indicator's stay types; it is in the numerator when, in
  addition, at least one document of the indicator's type was sent to the DMP with a qualified INS
  at the latest ``send_delay_days`` after the discharge;
* a **document** is in the denominator of a document-based indicator when its type is one of the
  denominator types, it was produced in the period, and its stay's activity is counted; it is in
  the numerator when, in addition, its type is a numerator type and it was sent with a qualified
  INS at the latest ``send_delay_days`` after it was produced.

Dates are compared as days. A date-time column is truncated to its day.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import attrs
import narwhals.stable.v2 as nw

from segur_numerique._rules import Period, RuleSet
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import InvalidInputError
from segur_numerique.sun_es.domain_evaluation import VoletResult, evaluate_volet1
from segur_numerique.sun_es.evaluation import EstablishmentProfile, IndicatorCounts
from segur_numerique.sun_es.indicators import (
    SUN_ES_INDICATORS,
    Basis,
    DocumentType,
    IndicatorDefinition,
    InsStatus,
    indicator_for_type,
)
from segur_numerique.sun_es.targets import TargetSet, check_window

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
_STAY_BASED = tuple(d for d in SUN_ES_INDICATORS if d.basis is Basis.STAY)
_DOC_BASED = tuple(d for d in SUN_ES_INDICATORS if d.basis is Basis.DOCUMENT)


class LogError(InvalidInputError):
    """A stays or documents log is malformed; ``where`` names the table, column and row."""


class MissingColumnError(LogError):
    """A required column is missing."""


class EmptyValueError(LogError):
    """A required value is empty."""


class DuplicateIdError(LogError):
    """An id appears on more than one row."""


class UnknownDocumentTypeError(LogError):
    """A document type is not one of :class:`DocumentType`."""


class UnknownInsStatusError(LogError):
    """An INS status is not one of :class:`InsStatus`."""


class OrphanDocumentError(LogError):
    """A document refers to a stay that is not in the stays table."""


class DischargeBeforeAdmissionError(LogError):
    """A stay is discharged before it is admitted."""


class UnreadableLogError(LogError):
    """A log file or table cannot be read (format, dates)."""


class ExclusionReason(enum.Enum):
    """Why a stay or a document does not count."""

    NO_QUALIFIED_INS = "no_qualified_ins"
    NOT_SENT = "not_sent"
    WRONG_TYPE = "wrong_type"
    OUTSIDE_PERIOD = "outside_period"
    SENT_AFTER_DEADLINE = "sent_after_deadline"
    STAY_TYPE_NOT_COUNTED = "stay_type_not_counted"
    NO_QUALIFYING_DOCUMENT = "no_qualifying_document"

    def label(self) -> Text:
        """The reason in French and English."""
        return _REASON_LABELS[self]


_REASON_LABELS = {
    ExclusionReason.NO_QUALIFIED_INS: Text(fr="pas d'INS qualifié", en="no qualified INS"),
    ExclusionReason.NOT_SENT: Text(fr="non envoyé au DMP", en="not sent to the DMP"),
    ExclusionReason.WRONG_TYPE: Text(
        fr="type de document non compté", en="document type not counted"
    ),
    ExclusionReason.OUTSIDE_PERIOD: Text(
        fr="hors de la période de mesure", en="outside the measurement period"
    ),
    ExclusionReason.SENT_AFTER_DEADLINE: Text(
        fr="envoyé après le délai", en="sent after the deadline"
    ),
    ExclusionReason.STAY_TYPE_NOT_COUNTED: Text(
        fr="type de séjour non compté par l'indicateur", en="stay type not counted by the indicator"
    ),
    ExclusionReason.NO_QUALIFYING_DOCUMENT: Text(
        fr="aucun document qualifiant pour ce séjour", en="no qualifying document for this stay"
    ),
}


def _frozen_mapping(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[Any, ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(
        sorted((k, frozenset(v) if isinstance(v, set | frozenset) else v) for k, v in items)
    )


@attrs.frozen
class LogParameters:
    """The parts of the indicator definitions that the texts leave unknown, for one window.

    Attributes:
        period: the measurement period (inclusive).
        stay_types: per indicator id, the activity types of the stays it counts.
        send_delay_days: per indicator id, the delay to send a document to the DMP, in days after
            discharge (stay-based) or production (document-based).
        unstructured_in_denominator: unstructured biology reports enter the D2 denominator.
        window: the window these parameters are for, if read from the rules.
        reads: the rule values they were read from (for explanations).
    """

    period: Period
    stay_types: tuple[tuple[str, frozenset[str]], ...] = attrs.field(converter=_frozen_mapping)
    send_delay_days: tuple[tuple[str, int], ...] = attrs.field(converter=_frozen_mapping)
    unstructured_in_denominator: bool
    window: str | None = None
    reads: tuple[ParameterRead, ...] = ()

    def __attrs_post_init__(self) -> None:
        ids = {d.id for d in SUN_ES_INDICATORS}
        for name in ("stay_types", "send_delay_days"):
            given = dict(getattr(self, name))
            if set(given) != ids:
                raise InvalidInputError(
                    f"expected one entry per indicator ({', '.join(sorted(ids))}), got "
                    f"{', '.join(sorted(given))}",
                    where=name,
                )
        for key, days in self.send_delay_days:
            if isinstance(days, bool) or not isinstance(days, int) or days < 0:
                raise InvalidInputError(
                    f"a delay is a whole number of days >= 0, got {days!r}",
                    where=f"send_delay_days.{key}",
                )

    def types_of(self, indicator: str) -> frozenset[str]:
        """The stay types counted by ``indicator``."""
        return dict(self.stay_types)[indicator]

    def delay_of(self, indicator: str) -> int:
        """The send delay of ``indicator``, in days."""
        return dict(self.send_delay_days)[indicator]

    @classmethod
    def from_rules(cls, rules: RuleSet, window: str) -> LogParameters:
        """Read the parameters of ``window`` (``sun_es.measurement_period.<window>``, ...).

        Raises:
            MissingParameterError: one of them is not supplied (they are all unknowns).
        """
        check_window(window)
        period, period_read = rules.read_as(f"sun_es.measurement_period.{window}", Period)
        reads = [period_read]
        types: dict[str, frozenset[str]] = {}
        delays: dict[str, int] = {}
        for d in SUN_ES_INDICATORS:
            t = rules.read(d.stay_types_key)
            s = rules.read(d.send_delay_key)
            reads += [t, s]
            types[d.id] = frozenset(x.strip() for x in str(t.value).split(",") if x.strip())
            delays[d.id] = s.value  # type: ignore[assignment]
        unstructured = rules.read("sun_es.indicator.biology_report.unstructured_in_denominator")
        reads.append(unstructured)
        return cls(
            period=period,
            stay_types=types,
            send_delay_days=delays,
            unstructured_in_denominator=bool(unstructured.value),
            window=window,
            reads=tuple(reads),
        )


# --------------------------------------------------------------------------------------------
# Reading inputs


def _is_path(source: object) -> bool:
    return isinstance(source, str | os.PathLike)


_Frame = Any
"""A narwhals ``DataFrame`` (eager input, checked eagerly: it keeps its fast paths, e.g. sorted
ids) or ``LazyFrame``."""


def _lazy(native: Any) -> _Frame:
    """A native table as a narwhals frame (wrapped, not copied)."""
    return nw.from_native(native)


def _to_lazy(frame: _Frame) -> nw.LazyFrame[Any]:
    """The frame as a lazy frame, for the computation (the backend plans it as a whole)."""
    lazy = frame.lazy() if isinstance(frame, nw.DataFrame) else frame
    return cast("nw.LazyFrame[Any]", lazy)


def _optional(name: str) -> Any:
    """An optional dependency (polars, pyarrow: the ``dataframes`` extra), or ``None``."""
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover
        return None


def _read_file(path: Path, table: str, columns: tuple[str, ...]) -> _Frame:
    suffix = path.suffix.lower()
    if not path.exists():
        raise UnreadableLogError("no such file", where=f"{table}: {path}")
    pl: Any = _optional("polars")
    if pl is not None:
        if suffix == ".csv":
            header = path.open(encoding="utf-8").readline().strip().split(",")
            overrides = {c: pl.String for c in header if c in columns}
            return _lazy(pl.scan_csv(path, schema_overrides=overrides))
        if suffix == ".parquet":
            return _lazy(pl.scan_parquet(path))
    else:  # pragma: no cover
        import pyarrow.csv as pacsv  # noqa: PLC0415
        import pyarrow.parquet as pq  # noqa: PLC0415

        if suffix == ".csv":
            return _lazy(pacsv.read_csv(path))
        if suffix == ".parquet":
            return _lazy(pq.read_table(path))
    raise UnreadableLogError(
        f"unsupported file type {suffix!r}; expected .csv or .parquet", where=f"{table}: {path}"
    )


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
    records: Iterable[Mapping[str, object]], table: str, columns: tuple[str, ...]
) -> _Frame:
    data: dict[str, list[object]] = {c: [] for c in columns}
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
    pl: Any = _optional("polars")
    if pl is None:  # pragma: no cover
        import pyarrow as pa  # noqa: PLC0415

        schema = pa.schema([(c, pa.date32() if c in _DATES else pa.string()) for c in columns])
        return _lazy(pa.table(data, schema=schema))
    pl_schema = {c: pl.Date if c in _DATES else pl.String for c in columns}
    return _lazy(pl.DataFrame(data, schema=pl_schema))


def _as_frame(source: Any, table: str, columns: tuple[str, ...]) -> _Frame:
    if _is_path(source):
        frame = _read_file(Path(source), table, columns)
    else:
        try:
            frame = _lazy(source)
        except TypeError:
            if isinstance(source, Iterable) and not isinstance(source, str | bytes | Mapping):
                frame = _from_records(source, table, columns)
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
                f"missing column {column!r}", where=f"{table}: column {column}"
            )
    frame = frame.select(*columns)
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


def _validate(stays: _Frame, documents: _Frame) -> None:
    """Check both tables, naming the first bad row.

    A backend error while reading them (e.g. a malformed date in a CSV file) becomes an
    :class:`UnreadableLogError`: each backend raises its own exception types.
    """
    try:
        _check_tables(stays, documents)
    except LogError:
        raise
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UnreadableLogError(f"cannot read the logs: {first}", where="stays/documents") from exc


def _check_tables(stays: _Frame, documents: _Frame) -> None:
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
            _raise_empty(stays, "stays", "stay_id", column, _int(s[f"null_{column}"]))
    if _int(s["rows"]) != _int(s["unique"]):
        dup = _first(
            stays.group_by("stay_id").agg(nw.len().alias("n")).filter(nw.col("n") > 1), "stay_id"
        )
        raise DuplicateIdError(f"stay_id {dup!r} appears more than once", where="stays: stay_id")
    if _int(s["reversed"]):
        bad = _first(stays.filter(nw.col("discharge") < nw.col("admission")), "stay_id")
        raise DischargeBeforeAdmissionError(
            "discharge before admission", where=f"stays: stay_id {bad!r}, column discharge"
        )
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
            _raise_empty(documents, "documents", "document_id", column, _int(d[f"null_{column}"]))
    if _int(d["rows"]) != _int(d["unique"]):
        dup = _first(
            documents.group_by("document_id").agg(nw.len().alias("n")).filter(nw.col("n") > 1),
            "document_id",
        )
        raise DuplicateIdError(
            f"document_id {dup!r} appears more than once", where="documents: document_id"
        )
    if _int(d["bad_type"]):
        row = _collect_rows(
            documents.filter(~nw.col("type").is_in(_DOC_TYPES))
            .select("document_id", "type")
            .head(1)
        )[0]
        raise UnknownDocumentTypeError(
            f"unknown document type {row['type']!r}; expected one of {', '.join(_DOC_TYPES)}",
            where=f"documents: document_id {row['document_id']!r}, column type",
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
            where=f"documents: document_id {row['document_id']!r}, column ins_status",
        )


# --------------------------------------------------------------------------------------------
# The computation


def _doc_flags(
    documents: nw.LazyFrame[Any], params: LogParameters, dtypes: Mapping[str, Any]
) -> nw.LazyFrame[Any]:
    """Per document, the columns the per-stay aggregation needs.

    For each stay-based indicator, the send date if the document qualifies (its delay is checked
    against the discharge later); for each document-based one, its 0/1 flags.
    """
    start, end = params.period.start, params.period.end
    ok = ~nw.col("sent").is_null() & (nw.col("ins_status") == InsStatus.QUALIFIED.value)
    produced_in = (nw.col("produced") >= _lit_date(start, dtypes["produced"])) & (
        nw.col("produced") <= _lit_date(end, dtypes["produced"])
    )
    columns = [
        nw.when(nw.col("type").is_in([t.value for t in d.numerator_types]) & ok)
        .then(nw.col("sent"))
        .alias(f"sent_{d.id}")
        for d in _STAY_BASED
    ]
    for d in _DOC_BASED:
        den_types = [
            t.value
            for t in d.denominator_types
            if t in d.numerator_types or params.unstructured_in_denominator
        ]
        in_den = nw.col("type").is_in(den_types) & produced_in
        in_time = nw.col("sent") <= nw.col("produced") + nw.lit(
            dt.timedelta(days=params.delay_of(d.id))
        )
        qualifies = (
            in_den
            & nw.col("type").is_in([t.value for t in d.numerator_types])
            & ok
            & in_time.fill_null(value=False)
        )
        columns.append(in_den.cast(nw.Int64).alias(f"den_{d.id}"))
        columns.append(qualifies.fill_null(value=False).cast(nw.Int64).alias(f"num_{d.id}"))
    return documents.with_columns(*columns)


def _stay_table(
    stays: nw.LazyFrame[Any],
    documents: nw.LazyFrame[Any],
    params: LogParameters,
    dtypes: Mapping[str, Any],
) -> nw.LazyFrame[Any]:
    """One row per stay with its 0/1 numerator and denominator flags for every indicator."""
    flagged = _doc_flags(documents, params, dtypes)
    aggs = [nw.col(f"sent_{d.id}").min() for d in _STAY_BASED]
    aggs += [nw.col(f"{p}_{d.id}").sum() for d in _DOC_BASED for p in ("den", "num")]
    aggs.append(nw.len().alias("documents"))
    per_stay = flagged.group_by("stay_id").agg(*aggs)
    start, end = params.period.start, params.period.end
    discharged_in = (nw.col("discharge") >= _lit_date(start, dtypes["discharge"])) & (
        nw.col("discharge") <= _lit_date(end, dtypes["discharge"])
    )
    joined = stays.join(per_stay, on="stay_id", how="left")
    flags = []
    for d in _STAY_BASED:
        counted = discharged_in & nw.col("activity").is_in(sorted(params.types_of(d.id)))
        deadline = nw.col("discharge") + nw.lit(dt.timedelta(days=params.delay_of(d.id)))
        qualifies = counted & (nw.col(f"sent_{d.id}") <= deadline).fill_null(value=False)
        flags.append(counted.cast(nw.Int64).alias(f"den_{d.id}"))
        flags.append(qualifies.cast(nw.Int64).alias(f"num_{d.id}"))
    for d in _DOC_BASED:
        counted = nw.col("activity").is_in(sorted(params.types_of(d.id)))
        flags.extend(
            nw.when(counted)
            .then(nw.col(f"{p}_{d.id}").fill_null(0))
            .otherwise(nw.lit(0))
            .cast(nw.Int64)
            .alias(f"{p}_{d.id}")
            for p in ("den", "num")
        )
    flags.append(nw.col("documents").fill_null(0).cast(nw.Int64))
    return joined.with_columns(*flags)


def _aggregate(stay_table: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    sums = [nw.col(f"{p}_{d.id}").sum() for d in SUN_ES_INDICATORS for p in ("num", "den")]
    return stay_table.group_by("finess").agg(*sums, nw.col("documents").sum())


def indicator_counts_frame(
    stays: object, documents: object, parameters: LogParameters, *, validate: bool = True
) -> Any:
    """The per-establishment numerators and denominators as a native frame of the input's backend.

    Columns: ``finess``, ``num_<indicator>``, ``den_<indicator>`` for every indicator, and
    ``documents`` (documents matched to a stay). Lazy backends return a lazy frame; this is the
    entry point for logs larger than memory (Dask) and for benchmarks.
    """
    stays_f = _as_frame(stays, "stays", STAY_COLUMNS)
    docs_f = _as_frame(documents, "documents", DOCUMENT_COLUMNS)
    if validate:
        _validate(stays_f, docs_f)
    stays_lf, docs_lf = _to_lazy(stays_f), _to_lazy(docs_f)
    stays_lf, docs_lf = _align_ids(stays_lf, docs_lf)
    dtypes = {**stays_lf.collect_schema(), **docs_lf.collect_schema()}
    return _aggregate(_stay_table(stays_lf, docs_lf, parameters, dtypes)).to_native()


# --------------------------------------------------------------------------------------------
# Exclusions


@attrs.frozen(order=True)
class Exclusion:
    """A stay or a document that does not count, and why.

    Attributes:
        kind: ``"stay"`` or ``"document"``.
        id: the stay or document id.
        finess: the establishment.
        indicator: the indicator it does not count for (``None`` for a document of a type no
            indicator counts).
        reason: why.
    """

    kind: str
    id: str
    finess: str
    indicator: str | None
    reason: ExclusionReason = attrs.field(order=lambda r: r.value)

    def to_json(self) -> dict[str, JsonValue]:
        """The exclusion as a JSON object."""
        return {
            "kind": self.kind,
            "id": self.id,
            "finess": self.finess,
            "indicator": self.indicator,
            "reason": self.reason.value,
        }


def _reason_chain(conditions: list[tuple[Any, ExclusionReason]]) -> Any:
    chain: Any = None
    for condition, reason in conditions:
        chain = (nw.when(condition) if chain is None else chain.when(condition)).then(
            nw.lit(reason.value)
        )
    return chain


def _document_exclusions(
    stays: nw.LazyFrame[Any],
    documents: nw.LazyFrame[Any],
    params: LogParameters,
    dtypes: Mapping[str, Any],
) -> list[Exclusion]:
    joined = documents.join(
        stays.select("stay_id", "finess", "activity", "discharge"), on="stay_id", how="left"
    )
    start, end = params.period.start, params.period.end
    out: list[Exclusion] = []
    typed = {d.id: d for d in SUN_ES_INDICATORS}
    groups: dict[str | None, list[str]] = {}
    for t in DocumentType:
        found = indicator_for_type(t)
        counted_type = found is not None and (
            t in found.numerator_types
            or (t in found.denominator_types and params.unstructured_in_denominator)
        )
        groups.setdefault(found.id if found and counted_type else None, []).append(t.value)
    for indicator_id, types in groups.items():
        subset = joined.filter(nw.col("type").is_in(types))
        if indicator_id is None:
            rows = _collect_rows(subset.select("document_id", "finess"))
            out += [
                Exclusion(
                    "document", str(r["document_id"]), r["finess"], None, ExclusionReason.WRONG_TYPE
                )
                for r in rows
            ]
            continue
        d: IndicatorDefinition = typed[indicator_id]
        reference = "discharge" if d.basis is Basis.STAY else "produced"
        in_period = (nw.col(reference) >= _lit_date(start, dtypes[reference])) & (
            nw.col(reference) <= _lit_date(end, dtypes[reference])
        )
        deadline = nw.col(reference) + nw.lit(dt.timedelta(days=params.delay_of(d.id)))
        numerator_types = [t.value for t in d.numerator_types]
        reason = _reason_chain(
            [
                (~nw.col("type").is_in(numerator_types), ExclusionReason.WRONG_TYPE),
                (
                    ~nw.col("activity").is_in(sorted(params.types_of(d.id))),
                    ExclusionReason.STAY_TYPE_NOT_COUNTED,
                ),
                (~in_period, ExclusionReason.OUTSIDE_PERIOD),
                (nw.col("sent").is_null(), ExclusionReason.NOT_SENT),
                (
                    nw.col("ins_status").is_null()
                    | (nw.col("ins_status") != InsStatus.QUALIFIED.value),
                    ExclusionReason.NO_QUALIFIED_INS,
                ),
                (nw.col("sent") > deadline, ExclusionReason.SENT_AFTER_DEADLINE),
            ]
        )
        rows = _collect_rows(
            subset.with_columns(reason.alias("reason"))
            .filter(~nw.col("reason").is_null())
            .select("document_id", "finess", "reason")
        )
        out += [
            Exclusion(
                "document", str(r["document_id"]), r["finess"], d.id, ExclusionReason(r["reason"])
            )
            for r in rows
        ]
    return out


def _stay_exclusions(
    stay_table: nw.LazyFrame[Any], params: LogParameters, dtypes: Mapping[str, Any]
) -> list[Exclusion]:
    start, end = params.period.start, params.period.end
    discharged_in = (nw.col("discharge") >= _lit_date(start, dtypes["discharge"])) & (
        nw.col("discharge") <= _lit_date(end, dtypes["discharge"])
    )
    out: list[Exclusion] = []
    for d in _STAY_BASED:
        reason = _reason_chain(
            [
                (
                    ~nw.col("activity").is_in(sorted(params.types_of(d.id))),
                    ExclusionReason.STAY_TYPE_NOT_COUNTED,
                ),
                (~discharged_in, ExclusionReason.OUTSIDE_PERIOD),
                (nw.col(f"num_{d.id}") == 0, ExclusionReason.NO_QUALIFYING_DOCUMENT),
            ]
        )
        rows = _collect_rows(
            stay_table.with_columns(reason.alias("reason"))
            .filter(~nw.col("reason").is_null())
            .select("stay_id", "finess", "reason")
        )
        out += [
            Exclusion("stay", str(r["stay_id"]), r["finess"], d.id, ExclusionReason(r["reason"]))
            for r in rows
        ]
    return out


# --------------------------------------------------------------------------------------------
# Results


@attrs.frozen
class EstablishmentIndicators:
    """Every volet 1 indicator of one establishment over the measurement period.

    Attributes:
        finess: the establishment.
        counts: the numerator and denominator of every indicator, in definition order.
        explanation: how they were counted.
    """

    finess: str
    counts: tuple[IndicatorCounts, ...]
    explanation: Explanation

    def counts_for(self, indicator: str) -> IndicatorCounts:
        """The counts of one indicator."""
        for c in self.counts:
            if c.indicator == indicator:
                return c
        raise InvalidInputError(f"no indicator {indicator!r}", where="indicator")

    def to_json(self) -> dict[str, JsonValue]:
        """The counts as a JSON object."""
        return {"finess": self.finess, "counts": [c.to_json() for c in self.counts]}


@attrs.frozen
class LogIndicators(HtmlResult):
    """The result of :func:`indicators_from_logs`.

    Attributes:
        parameters: the parameters used (period, stay types, delays).
        establishments: one entry per establishment of the stays table, sorted by FINESS.
        exclusions: the stays and documents that do not count, sorted; ``None`` when not asked.
        explanation: how the indicators were computed, with the rule values read.
    """

    parameters: LogParameters
    establishments: tuple[EstablishmentIndicators, ...]
    exclusions: tuple[Exclusion, ...] | None
    explanation: Explanation

    def establishment(self, finess: str) -> EstablishmentIndicators:
        """The indicators of one establishment."""
        for e in self.establishments:
            if e.finess == finess:
                return e
        raise InvalidInputError(f"no establishment {finess!r} in the stays log", where="finess")

    def exclusion_counts(self) -> dict[tuple[str, str, str | None, ExclusionReason], int]:
        """How many stays or documents do not count, by (FINESS, kind, indicator, reason)."""
        if self.exclusions is None:
            raise InvalidInputError(
                "exclusions were not computed (exclusions=False)", where="exclusions"
            )
        return dict(Counter((e.finess, e.kind, e.indicator, e.reason) for e in self.exclusions))

    def evaluate(
        self,
        profile: EstablishmentProfile,
        rules: RuleSet,
        *,
        window: str | None = None,
        domains: Iterable[str] | None = None,
        targets: TargetSet | None = None,
        cro_alternative: str | None = None,
    ) -> VoletResult:
        """Evaluate an establishment's volet 1 domains against the targets of the window."""
        chosen = window or self.parameters.window
        if chosen is None:
            raise InvalidInputError("give the window to evaluate", where="window")
        return evaluate_volet1(
            profile,
            self.establishment(profile.finess).counts,
            chosen,
            rules,
            domains=domains,
            targets=targets,
            cro_alternative=cro_alternative,
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The result as a JSON object."""
        return {
            "window": self.parameters.window,
            "period": self.parameters.period.to_json(),
            "establishments": [e.to_json() for e in self.establishments],
            "exclusions": None
            if self.exclusions is None
            else [x.to_json() for x in self.exclusions],
            "explanation": self.explanation.to_json(),
        }


def indicators_from_logs(
    stays: object,
    documents: object,
    parameters: LogParameters,
    *,
    exclusions: bool = True,
    progress: Callable[[str], None] | None = None,
) -> LogIndicators:
    """Compute every volet 1 indicator per establishment from a stays log and a documents log.

    Args:
        stays: the stays table (see the module docstring for its columns).
        documents: the documents table.
        parameters: the measurement period and the other unknown parts of the definitions,
            usually :meth:`LogParameters.from_rules`.
        exclusions: also list every stay and document that does not count, with the reason
            (one Python object per row: turn it off for national-scale logs).
        progress: called with the name of each stage as it starts (``validate``, ``count``,
            ``exclusions``), e.g. to draw a progress bar.

    Raises:
        LogError: a log is malformed (missing column, empty value, duplicate id, unknown
            document type or INS status, a document whose stay is missing, a discharge before
            its admission); the error names the table, column and row (by its id).
    """
    step = progress or (lambda _stage: None)
    step("validate")
    stays_f = _as_frame(stays, "stays", STAY_COLUMNS)
    docs_f = _as_frame(documents, "documents", DOCUMENT_COLUMNS)
    _validate(stays_f, docs_f)
    stays_lf, docs_lf = _to_lazy(stays_f), _to_lazy(docs_f)
    stays_lf, docs_lf = _align_ids(stays_lf, docs_lf)
    dtypes = {**stays_lf.collect_schema(), **docs_lf.collect_schema()}
    step("count")
    table = _stay_table(stays_lf, docs_lf, parameters, dtypes)
    rows = _collect_rows(_aggregate(table))
    total_docs = _int(_collect_rows(docs_lf.select(nw.len().alias("n")))[0]["n"])
    matched = sum(_int(r["documents"]) for r in rows)
    if matched != total_docs:
        orphan = _first(
            docs_lf.join(stays_lf.select("stay_id"), on="stay_id", how="anti"), "document_id"
        )
        raise OrphanDocumentError(
            f"{total_docs - matched} document(s) refer to a stay missing from the stays log",
            where=f"documents: document_id {orphan!r}, column stay_id",
        )
    establishments = []
    for r in sorted(rows, key=lambda r: str(r["finess"])):
        counts = tuple(
            IndicatorCounts(d.id, _int(r[f"num_{d.id}"]), _int(r[f"den_{d.id}"]))
            for d in SUN_ES_INDICATORS
        )
        explanation = Explanation(
            rule="sun_es.indicators.from_logs",
            title=Text(
                fr=f"Indicateurs SUN-ES volet 1 de {r['finess']}",
                en=f"SUN-ES volet 1 indicators of {r['finess']}",
            ),
            outcome=Text(
                fr="; ".join(f"{c.indicator} {c.numerator}/{c.denominator}" for c in counts),
                en="; ".join(f"{c.indicator} {c.numerator}/{c.denominator}" for c in counts),
            ),
            inputs=(InputValue("finess", str(r["finess"])),),
        )
        establishments.append(EstablishmentIndicators(str(r["finess"]), counts, explanation))
    listed: tuple[Exclusion, ...] | None = None
    if exclusions:
        step("exclusions")
        listed = tuple(
            sorted(
                _document_exclusions(stays_lf, docs_lf, parameters, dtypes)
                + _stay_exclusions(table, parameters, dtypes)
            )
        )
    assumptions = [
        Text(fr=f"{d.label.fr} : {d.unit_counted.fr}", en=f"{d.label.en}: {d.unit_counted.en}")
        for d in SUN_ES_INDICATORS
    ]
    explanation = Explanation(
        rule="sun_es.indicators.from_logs",
        title=Text(
            fr="Indicateurs SUN-ES volet 1 calculés depuis les journaux",
            en="SUN-ES volet 1 indicators computed from logs",
        ),
        outcome=Text(
            fr=f"{len(establishments)} établissement(s), période {parameters.period.render('fr')}",
            en=f"{len(establishments)} establishment(s), period {parameters.period.render('en')}",
        ),
        inputs=(
            InputValue("period", parameters.period),
            *(
                ()
                if parameters.reads
                else (
                    InputValue("stay_types", encode_value(dict(parameters.stay_types))),
                    InputValue("send_delay_days", encode_value(dict(parameters.send_delay_days))),
                )
            ),
        ),
        parameters=parameters.reads,
        assumptions=tuple(assumptions),
        children=tuple(e.explanation for e in establishments),
    )
    return LogIndicators(parameters, tuple(establishments), listed, explanation)


__all__ = [
    "DOCUMENT_COLUMNS",
    "STAY_COLUMNS",
    "DischargeBeforeAdmissionError",
    "DuplicateIdError",
    "EmptyValueError",
    "EstablishmentIndicators",
    "Exclusion",
    "ExclusionReason",
    "LogError",
    "LogIndicators",
    "LogParameters",
    "MissingColumnError",
    "OrphanDocumentError",
    "UnknownDocumentTypeError",
    "UnknownInsStatusError",
    "UnreadableLogError",
    "indicator_counts_frame",
    "indicators_from_logs",
]
