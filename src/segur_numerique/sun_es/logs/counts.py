"""The per-establishment numerators and denominators of the volet 1 indicators, from logs.

:class:`LogParameters` holds the parts of the definitions the texts leave unknown (read from the
rules); :func:`indicator_counts_frame` computes the counts in the backend, lazily where it can.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import narwhals.stable.v2 as nw

from segur_numerique.core.explanation import ParameterRead
from segur_numerique.core.periods import Period
from segur_numerique.entities.choices import stay_type, stay_type_spellings
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.indicators import (
    INDICATORS,
    InsStatus,
)
from segur_numerique.sun_es.logs.files import source_name
from segur_numerique.sun_es.logs.inputs import (
    _DOC_BASED,
    _STAY_BASED,
    DOCUMENT_COLUMNS,
    STAY_COLUMNS,
    _align_ids,
    _as_frame,
    _lit_date,
    _to_lazy,
    _validate,
)
from segur_numerique.sun_es.targets import check_window


def _frozen_mapping(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[Any, ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(
        sorted((k, frozenset(v) if isinstance(v, set | frozenset) else v) for k, v in items)
    )


def _stay_types(value: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> tuple[Any, ...]:
    """Per indicator, its stay types in the one spelling of :func:`stay_type` (``mco`` is MCO)."""
    items = value.items() if isinstance(value, Mapping) else value
    return _frozen_mapping(
        {
            k: frozenset(stay_type(str(x)) for x in v) if not isinstance(v, str) else v
            for k, v in items
        }
    )


def counted_stay_type(params: LogParameters, indicator: str) -> nw.Expr:
    """The column test "the stay's activity is a type ``indicator`` counts", in any spelling."""
    spellings = stay_type_spellings(params.types_of(indicator))
    return nw.col("activity").str.strip_chars().str.to_uppercase().is_in(spellings)


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
    stay_types: tuple[tuple[str, frozenset[str]], ...] = attrs.field(converter=_stay_types)
    send_delay_days: tuple[tuple[str, int], ...] = attrs.field(converter=_frozen_mapping)
    unstructured_in_denominator: bool
    window: str | None = None
    reads: tuple[ParameterRead, ...] = ()

    def __attrs_post_init__(self) -> None:
        ids = {d.id for d in INDICATORS}
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
        for d in INDICATORS:
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
        counted = discharged_in & counted_stay_type(params, d.id)
        deadline = nw.col("discharge") + nw.lit(dt.timedelta(days=params.delay_of(d.id)))
        qualifies = counted & (nw.col(f"sent_{d.id}") <= deadline).fill_null(value=False)
        flags.append(counted.cast(nw.Int64).alias(f"den_{d.id}"))
        flags.append(qualifies.cast(nw.Int64).alias(f"num_{d.id}"))
    for d in _DOC_BASED:
        counted = counted_stay_type(params, d.id)
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
    sums = [nw.col(f"{p}_{d.id}").sum() for d in INDICATORS for p in ("num", "den")]
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
    names = (source_name(stays, "stays"), source_name(documents, "documents"))
    if validate:
        stays_f, docs_f, _ = _validate(stays_f, docs_f, names)
    else:  # the checking columns (row numbers, date reasons) are not needed
        stays_f, docs_f = stays_f.select(*STAY_COLUMNS), docs_f.select(*DOCUMENT_COLUMNS)
    stays_lf, docs_lf = _to_lazy(stays_f), _to_lazy(docs_f)
    stays_lf, docs_lf = _align_ids(stays_lf, docs_lf)
    dtypes = {**stays_lf.collect_schema(), **docs_lf.collect_schema()}
    return _aggregate(_stay_table(stays_lf, docs_lf, parameters, dtypes)).to_native()
