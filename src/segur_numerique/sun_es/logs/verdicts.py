"""The one definition of what counts: every document's and stay's verdict, as columns.

:func:`document_verdict_frame` adds to the documents (joined to their stays) the columns
``indicator`` (the indicator the document's type belongs to, empty for none) and ``reason`` (empty
when the document counts toward that indicator's numerator, else the first
:class:`~segur_numerique.sun_es.logs.exclusions.ExclusionReason` that applies) and, for the
document-based indicators, ``den_<indicator>`` (the document is in the denominator). The counts
(:mod:`segur_numerique.sun_es.logs.counts`) are aggregated from these columns, so the verdict
table and the counts cannot disagree. All of it is narwhals expressions: the backend computes
it, no Python object is built per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import narwhals.stable.v2 as nw

from segur_numerique.sun_es.indicators import (
    DocumentType,
    IndicatorDefinition,
    InsStatus,
)
from segur_numerique.sun_es.logs.document_columns import DocumentCheck, checks_made
from segur_numerique.sun_es.logs.exclusions import ExclusionReason as R
from segur_numerique.sun_es.logs.inputs import _DOC_BASED, _STAY_BASED, _lit_date
from segur_numerique.sun_es.logs.parameters import LogParameters, counted_stay_type

_STAY_IDS = tuple(d.id for d in _STAY_BASED)
_DOC_IDS = tuple(d.id for d in _DOC_BASED)
_UNSTRUCTURED = tuple(
    t.value for d in _DOC_BASED for t in d.denominator_types if t not in d.numerator_types
)
_IN_DENOMINATOR = (
    R.NOT_SENT,
    R.SENT_BEFORE_PRODUCED,
    R.NO_INS,
    R.TEST_INS,
    R.NO_QUALIFIED_INS,
    R.REJECTED_BY_DMP,
    R.SENT_AFTER_DEADLINE,
)
"""The reasons of a document that is in its document-based indicator's denominator."""


def _chain(conditions: list[tuple[Any, str]]) -> Any:
    """``when(c1).then(v1).when(c2)...``: the value of the first true condition, else empty."""
    chain: Any = None
    for condition, value in conditions:
        chain = (nw.when(condition) if chain is None else chain.when(condition)).then(nw.lit(value))
    return chain


def _any_indicator(test: Callable[[IndicatorDefinition], Any], among: Any) -> Any:
    """The document's indicator is one of ``among`` and ``test(indicator)`` holds."""
    out: Any = None
    for d in among:
        term = (nw.col("indicator") == d.id) & test(d)
        out = term if out is None else out | term
    return out


def _reference(d: IndicatorDefinition) -> str:
    """The date the period and the deadline are measured from."""
    return "discharge" if d in _STAY_BASED else "produced"


def _in_period(params: LogParameters, column: str, dtypes: Mapping[str, Any]) -> Any:
    start, end = params.period.start, params.period.end
    return (nw.col(column) >= _lit_date(start, dtypes[column])) & (
        nw.col(column) <= _lit_date(end, dtypes[column])
    )


def _with_superseded(documents: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """Add ``_superseded``: a later version of the document exists.

    In each ``set_id``, the highest ``version`` is kept (an empty version ranks below every
    number); between equal versions the smallest ``document_id``, so that one version counts.
    """
    keyed = documents.filter(~nw.col("set_id").is_null()).select(
        "set_id", "document_id", nw.col("version").fill_null(-1).alias("_v")
    )
    top = keyed.group_by("set_id").agg(nw.col("_v").max().alias("_top"))
    keep = (
        keyed.join(top, on="set_id", how="inner")
        .filter(nw.col("_v") == nw.col("_top"))
        .group_by("set_id")
        .agg(nw.col("document_id").min().alias("_keep"))
    )
    superseded = ~nw.col("set_id").is_null() & (nw.col("document_id") != nw.col("_keep"))
    return (
        documents.join(keep, on="set_id", how="left")
        .with_columns(superseded.fill_null(value=False).alias("_superseded"))
        .drop("_keep")
    )


def _reasons(
    params: LogParameters, dtypes: Mapping[str, Any], made: frozenset[DocumentCheck]
) -> Any:
    """The ``reason`` column: the first reason that applies, in :class:`ExclusionReason` order."""
    all_ = (*_STAY_BASED, *_DOC_BASED)
    ins = nw.col("ins_status")

    def deadline(d: IndicatorDefinition) -> Any:
        limit = nw.col(_reference(d)) + nw.lit(dt.timedelta(days=params.delay_of(d.id)))
        return nw.col("sent") > limit

    not_structured = nw.col("type").is_in(_UNSTRUCTURED)
    if DocumentCheck.STRUCTURED in made:
        structured_type = nw.col("type") == DocumentType.BIOLOGY_REPORT_STRUCTURED.value
        not_structured = not_structured | (
            structured_type & ~(nw.col("structured") == nw.lit(value=True)).fill_null(value=False)
        )
    conditions: list[tuple[Any, R]] = [
        (nw.col("finess").is_null(), R.NO_MATCHING_STAY),
        (nw.col("indicator").is_null(), R.WRONG_TYPE),
    ]
    if DocumentCheck.VERSIONS in made:
        conditions.append((nw.col("_superseded"), R.SUPERSEDED))
    conditions += [
        (_any_indicator(lambda d: ~counted_stay_type(params, d.id), all_), R.STAY_TYPE_NOT_COUNTED),
        (
            _any_indicator(lambda d: ~_in_period(params, _reference(d), dtypes), all_),
            R.OUTSIDE_PERIOD,
        ),
    ]
    if DocumentCheck.AUTHOR in made:
        author = nw.col("author_finess").str.strip_chars()
        conditions.append((~author.is_null() & (author != nw.col("finess")), R.OTHER_ESTABLISHMENT))
    conditions += [
        (
            nw.col("indicator").is_in(_STAY_IDS) & (nw.col("produced") < nw.col("admission")),
            R.NOT_DISCHARGE_DOCUMENT,
        ),
        (nw.col("indicator").is_in(_DOC_IDS) & not_structured, R.BIOLOGY_NOT_STRUCTURED),
        (nw.col("sent").is_null(), R.NOT_SENT),
        (nw.col("sent") < nw.col("produced"), R.SENT_BEFORE_PRODUCED),
        (ins.is_null() | (ins == InsStatus.NONE.value), R.NO_INS),
        (ins == InsStatus.TEST.value, R.TEST_INS),
        (ins != InsStatus.QUALIFIED.value, R.NO_QUALIFIED_INS),
    ]
    if DocumentCheck.DMP_STATUS in made:
        conditions.append((nw.col("dmp_status") == "rejected", R.REJECTED_BY_DMP))
    conditions.append((_any_indicator(deadline, all_), R.SENT_AFTER_DEADLINE))
    return _chain([(c, r.value) for c, r in conditions])


def document_verdict_frame(
    stays: nw.LazyFrame[Any],
    documents: nw.LazyFrame[Any],
    params: LogParameters,
    dtypes: Mapping[str, Any],
) -> nw.LazyFrame[Any]:
    """The documents joined to their stays, with ``indicator``, ``reason`` and ``den_<id>``.

    ``dtypes`` are the column types of both tables (for the date literals).
    """
    made = checks_made(documents.collect_schema().names())
    joined = documents.join(
        stays.select("stay_id", "finess", "activity", "admission", "discharge"),
        on="stay_id",
        how="left",
    )
    if DocumentCheck.VERSIONS in made:
        joined = _with_superseded(joined)
    indicator = _chain(
        [
            (
                nw.col("type").is_in([t.value for t in (*d.numerator_types, *d.denominator_types)]),
                d.id,
            )
            for d in (*_STAY_BASED, *_DOC_BASED)
        ]
    )
    joined = joined.with_columns(indicator.alias("indicator"))
    joined = joined.with_columns(_reasons(params, dtypes, made).alias("reason"))
    in_den = [r.value for r in _IN_DENOMINATOR]
    if params.unstructured_in_denominator:
        in_den.append(R.BIOLOGY_NOT_STRUCTURED.value)
    reason = nw.col("reason")
    return joined.with_columns(
        *(
            ((nw.col("indicator") == d.id) & (reason.is_null() | reason.is_in(in_den)))
            .fill_null(value=False)
            .alias(f"den_{d.id}")
            for d in _DOC_BASED
        ),
        (reason.is_null() & ~nw.col("indicator").is_null()).fill_null(value=False).alias("counts"),
    )


def stay_reason(params: LogParameters, d: IndicatorDefinition, dtypes: Mapping[str, Any]) -> Any:
    """For a stay-based indicator, the ``reason`` a stay of the stay table does not count."""
    return _chain(
        [
            (~counted_stay_type(params, d.id), R.STAY_TYPE_NOT_COUNTED.value),
            (~_in_period(params, "discharge", dtypes), R.OUTSIDE_PERIOD.value),
            (nw.col(f"num_{d.id}") == 0, R.NO_QUALIFYING_DOCUMENT.value),
        ]
    )


def exclusion_frame(
    verdicts: nw.LazyFrame[Any],
    stay_table: nw.LazyFrame[Any],
    params: LogParameters,
    dtypes: Mapping[str, Any],
) -> nw.LazyFrame[Any]:
    """The exclusion table, as a lazy frame.

    One row per document, and per stay and stay-based indicator, that does not count (columns
    :data:`~segur_numerique.sun_es.logs.exclusions.EXCLUSION_COLUMNS`).
    """
    parts = [
        verdicts.filter(~nw.col("reason").is_null()).select(
            nw.lit("document").alias("kind"),
            nw.col("document_id").cast(nw.String).alias("id"),
            nw.col("finess"),
            nw.col("indicator").cast(nw.String),
            nw.col("reason"),
        )
    ]
    parts.extend(
        stay_table.with_columns(stay_reason(params, d, dtypes).alias("reason"))
        .filter(~nw.col("reason").is_null())
        .select(
            nw.lit("stay").alias("kind"),
            nw.col("stay_id").cast(nw.String).alias("id"),
            nw.col("finess"),
            nw.lit(d.id).alias("indicator"),
            nw.col("reason"),
        )
        for d in _STAY_BASED
    )
    return nw.concat(parts, how="vertical")
