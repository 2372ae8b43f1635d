"""Computing the SUN-ES volet 1 indicators from stay and document logs: :func:`indicators_from_logs`.

The result types are in :mod:`segur_numerique.sun_es.logs.results`; what counts, document by
document, is defined once in :mod:`segur_numerique.sun_es.logs.verdicts`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import narwhals.stable.v2 as nw

from segur_numerique.core.text import Text, counted
from segur_numerique.sun_es.evaluation import IndicatorCounts
from segur_numerique.sun_es.indicators import INDICATORS
from segur_numerique.sun_es.logs.counts import LogParameters, _aggregate, _stay_table
from segur_numerique.sun_es.logs.document_columns import (
    OPTIONAL_DOCUMENT_COLUMNS,
    unchecked,
)
from segur_numerique.sun_es.logs.exclusions import (
    EXCLUSION_COLUMNS,
    ExclusionReason,
)
from segur_numerique.sun_es.logs.explanations import (
    ReasonCount,
    check_orphans,
    establishment_explanation,
    logs_explanation,
)
from segur_numerique.sun_es.logs.files import engine_errors, source_name
from segur_numerique.sun_es.logs.inputs import (
    DOCUMENT_COLUMNS,
    STAY_COLUMNS,
    _align_ids,
    _collect_rows,
    _int,
    _read_log,
    _to_lazy,
    _validate,
)
from segur_numerique.sun_es.logs.results import (
    EstablishmentIndicators,
    LogIndicators,
    _eager,
    _text,
)
from segur_numerique.sun_es.logs.verdicts import document_verdict_frame, exclusion_frame


def indicators_from_logs(
    stays: object,
    documents: object,
    parameters: LogParameters,
    *,
    exclusions: bool = True,
    progress: Callable[[str], None] | None = None,
    skip_invalid: bool = False,
    encoding: str | None = None,
) -> LogIndicators:
    """Compute every volet 1 indicator per establishment from a stays log and a documents log.

    Args:
        stays: the stays table (see the module docstring for its columns).
        documents: the documents table (required and optional columns).
        parameters: the measurement period and the other unknown parts of the definitions,
            usually :meth:`LogParameters.from_rules`.
        exclusions: also compute the table of every stay and document that does not count, with
            its reason, and the counts by reason (columns computed by the backend).
        progress: called with the name of each stage as it starts (``read``, ``validate``,
            ``exclude`` (with ``skip_invalid``), ``count``, ``exclusions``), e.g. to draw a
            progress bar.
        skip_invalid: leave the invalid rows out (listed in :attr:`LogIndicators.rejected`, with
            the documents of a rejected stay) instead of raising.
        encoding: the encoding of CSV files (``utf-8``, ``windows-1252``, ``latin-1``); by
            default detected (UTF-8, else Windows-1252), and said in :attr:`LogIndicators.formats`.

    Raises:
        InvalidRowsError: rows are invalid (empty value, duplicate id, unknown document type or
            INS status, a FINESS that is not one, a document whose stay is missing or sent before
            it was produced, a discharge before its admission, a date not in its column's
            format); the error lists every one with its file, row, column and reason (a subclass,
            e.g. :class:`~segur_numerique.errors.DuplicateIdError`, when they share one kind).
        LogError: a log cannot be read (a missing column, an unreadable file).
    """
    step = progress or (lambda _stage: None)
    step("read")
    stays_f, stays_format = _read_log(stays, "stays", STAY_COLUMNS, encoding=encoding)
    docs_f, docs_format = _read_log(
        documents, "documents", DOCUMENT_COLUMNS, OPTIONAL_DOCUMENT_COLUMNS, encoding=encoding
    )
    names = (source_name(stays, "stays"), source_name(documents, "documents"))
    step("validate")
    stays_f, docs_f, rejected = _validate(
        stays_f, docs_f, names, skip_invalid=skip_invalid, step=step
    )
    formats = tuple(f for f in (stays_format, docs_format) if f is not None)
    with engine_errors(", ".join(names)):
        result = _compute(
            stays_f, docs_f, parameters, exclusions=exclusions, step=step, names=names
        )
    said = [f.describe() for f in formats]
    if skip_invalid:
        said.append(
            Text(
                fr=counted(
                    len(rejected), "fr", fr=("valeur invalide", "valeurs invalides"), en=("", "")
                )
                + " : leurs lignes sont exclues",
                en=counted(len(rejected), "en", fr=("", ""), en=("invalid value", "invalid values"))
                + ": their rows are left out",
            )
        )
    explanation = attrs.evolve(
        result.explanation, assumptions=(*said, *result.explanation.assumptions)
    )
    return attrs.evolve(result, formats=formats, rejected=rejected, explanation=explanation)


def _compute(
    stays_f: Any,
    docs_f: Any,
    parameters: LogParameters,
    *,
    exclusions: bool,
    step: Callable[[str], None],
    names: tuple[str, str],
) -> LogIndicators:
    stays_lf, docs_lf = _to_lazy(stays_f), _to_lazy(docs_f)
    stays_lf, docs_lf = _align_ids(stays_lf, docs_lf)
    dtypes = {**stays_lf.collect_schema(), **docs_lf.collect_schema()}
    step("count")
    verdicts = document_verdict_frame(stays_lf, docs_lf, parameters, dtypes)
    table = _stay_table(stays_lf, verdicts, parameters, dtypes)
    rows = _collect_rows(_aggregate(table))
    check_orphans(rows, stays_lf, docs_lf, names[1])
    excluded = reasons = None
    if exclusions:
        step("exclusions")
        lazy = exclusion_frame(verdicts, table, parameters, dtypes)
        excluded = _collected(lazy)
        reasons = _reason_counts(excluded)
    per_finess: dict[str, list[ReasonCount]] = {}
    for r in reasons or ():
        per_finess.setdefault(r[0], []).append(r)
    establishments = tuple(
        _establishment(r, None if reasons is None else tuple(per_finess.get(str(r["finess"]), ())))
        for r in sorted(rows, key=lambda r: str(r["finess"]))
    )
    missing = unchecked(docs_lf.collect_schema().names())
    explanation = logs_explanation(
        parameters, tuple(e.explanation for e in establishments), missing
    )
    return LogIndicators(
        parameters,
        establishments,
        explanation,
        missing,
        reasons,
        exclusion_frame=excluded,
        verdict_frame=verdicts,
    )


def _collected(frame: nw.LazyFrame[Any]) -> nw.DataFrame[Any]:
    return _eager(frame).select(*EXCLUSION_COLUMNS)


_BY_CODE = {r.value: r for r in ExclusionReason}


def _reason_counts(excluded: nw.DataFrame[Any]) -> tuple[ReasonCount, ...]:
    # lazily: polars' eager group-by on 2 million text rows peaks 300 MB higher
    keys = ("finess", "kind", "indicator", "reason")
    grouped = _eager(excluded.lazy().group_by(*keys).agg(nw.len().alias("n")))
    out = [
        (
            str(r["finess"]),
            str(r["kind"]),
            _text(r["indicator"]),
            _BY_CODE[r["reason"]],
            _int(r["n"]),
        )
        for r in grouped.rows(named=True)
    ]
    return tuple(sorted(out, key=lambda r: (r[0], r[1], r[2] or "", r[3].value)))


def _establishment(
    r: dict[str, Any], reasons: tuple[ReasonCount, ...] | None
) -> EstablishmentIndicators:
    """The counts of one establishment (one aggregated row), with their explanation."""
    counts = tuple(
        IndicatorCounts(d.id, _int(r[f"num_{d.id}"]), _int(r[f"den_{d.id}"])) for d in INDICATORS
    )
    finess = str(r["finess"])
    return EstablishmentIndicators(
        finess, counts, establishment_explanation(finess, counts, reasons)
    )
