"""The per-establishment numerators and denominators of the volet 1 indicators, from logs.

:class:`LogParameters` (:mod:`segur_numerique.sun_es.logs.parameters`) holds the parts of the
definitions the texts leave unknown (read from the rules); :func:`indicator_counts_frame` computes
the counts in the backend, lazily where it can, from the document verdicts
(:mod:`segur_numerique.sun_es.logs.verdicts`); :func:`document_verdicts` returns those.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import narwhals.stable.v2 as nw

from segur_numerique.sun_es.indicators import INDICATORS
from segur_numerique.sun_es.logs.document_columns import OPTIONAL_DOCUMENT_COLUMNS
from segur_numerique.sun_es.logs.exclusions import VERDICT_COLUMNS, ExclusionReason
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
from segur_numerique.sun_es.logs.parameters import LogParameters, counted_stay_type
from segur_numerique.sun_es.logs.verdicts import document_verdict_frame

__all__ = [
    "ExclusionReason",
    "LogParameters",
    "counted_stay_type",
    "document_verdicts",
    "indicator_counts_frame",
]


# --------------------------------------------------------------------------------------------
# The computation


def _stay_table(
    stays: nw.LazyFrame[Any],
    verdicts: nw.LazyFrame[Any],
    params: LogParameters,
    dtypes: Mapping[str, Any],
) -> nw.LazyFrame[Any]:
    """One row per stay with its 0/1 numerator and denominator flags for every indicator.

    ``verdicts`` is :func:`document_verdict_frame`: a stay counts toward a stay-based indicator
    when one of its documents counts; the document-based flags are summed per stay.
    """
    counted = nw.col("counts")
    flags_in = [
        ((nw.col("indicator") == d.id) & counted)
        .fill_null(value=False)
        .cast(nw.Int64)
        .alias(f"{'sent' if d in _STAY_BASED else 'num'}_{d.id}")
        for d in (*_STAY_BASED, *_DOC_BASED)
    ]
    flags_in += [nw.col(f"den_{d.id}").cast(nw.Int64) for d in _DOC_BASED]
    summed = [f"sent_{d.id}" for d in _STAY_BASED]
    summed += [f"{p}_{d.id}" for d in _DOC_BASED for p in ("den", "num")]
    aggs = [nw.col(c).sum() for c in summed]
    aggs.append(nw.len().alias("documents"))
    verdicts = verdicts.with_columns(*flags_in)
    per_stay = verdicts.group_by("stay_id").agg(*aggs)
    start, end = params.period.start, params.period.end
    discharged_in = (nw.col("discharge") >= _lit_date(start, dtypes["discharge"])) & (
        nw.col("discharge") <= _lit_date(end, dtypes["discharge"])
    )
    joined = stays.join(per_stay, on="stay_id", how="left")
    flags = []
    for d in _STAY_BASED:
        in_den = discharged_in & counted_stay_type(params, d.id)
        qualifies = in_den & (nw.col(f"sent_{d.id}") > 0).fill_null(value=False)
        flags.append(in_den.cast(nw.Int64).alias(f"den_{d.id}"))
        flags.append(qualifies.cast(nw.Int64).alias(f"num_{d.id}"))
    flags.extend(
        nw.col(f"{p}_{d.id}").fill_null(0).cast(nw.Int64)
        for d in _DOC_BASED
        for p in ("den", "num")
    )
    flags.append(nw.col("documents").fill_null(0).cast(nw.Int64))
    return joined.with_columns(*flags)


def _aggregate(stay_table: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    sums = [nw.col(f"{p}_{d.id}").sum() for d in INDICATORS for p in ("num", "den")]
    return stay_table.group_by("finess").agg(*sums, nw.col("documents").sum())


def _prepared(
    stays: object, documents: object, *, validate: bool
) -> tuple[nw.LazyFrame[Any], nw.LazyFrame[Any], dict[str, Any]]:
    """Both tables read, checked (``validate``), lazy, with their ids aligned, and their types."""
    stays_f = _as_frame(stays, "stays", STAY_COLUMNS)
    docs_f = _as_frame(documents, "documents", DOCUMENT_COLUMNS, OPTIONAL_DOCUMENT_COLUMNS)
    names = (source_name(stays, "stays"), source_name(documents, "documents"))
    if validate:
        stays_f, docs_f, _ = _validate(stays_f, docs_f, names)
    else:  # the checking columns (row numbers, date reasons) are not needed
        present = [c for c in OPTIONAL_DOCUMENT_COLUMNS if c in docs_f.collect_schema().names()]
        stays_f = stays_f.select(*STAY_COLUMNS)
        docs_f = docs_f.select(*DOCUMENT_COLUMNS, *present)
    stays_lf, docs_lf = _align_ids(_to_lazy(stays_f), _to_lazy(docs_f))
    return stays_lf, docs_lf, {**stays_lf.collect_schema(), **docs_lf.collect_schema()}


def indicator_counts_frame(
    stays: object, documents: object, parameters: LogParameters, *, validate: bool = True
) -> Any:
    """The per-establishment numerators and denominators as a native frame of the input's backend.

    Columns: ``finess``, ``num_<indicator>``, ``den_<indicator>`` for every indicator, and
    ``documents`` (documents matched to a stay). Lazy backends return a lazy frame; this is the
    entry point for logs larger than memory (Dask) and for benchmarks.
    """
    stays_lf, docs_lf, dtypes = _prepared(stays, documents, validate=validate)
    verdicts = document_verdict_frame(stays_lf, docs_lf, parameters, dtypes)
    return _aggregate(_stay_table(stays_lf, verdicts, parameters, dtypes)).to_native()


def document_verdicts(
    stays: object, documents: object, parameters: LogParameters, *, validate: bool = True
) -> Any:
    """Every document's verdict, as a native frame of the input's backend (lazy where it is).

    Columns :data:`~segur_numerique.sun_es.logs.exclusions.VERDICT_COLUMNS`: ``document_id``,
    ``stay_id``, ``finess`` (the stay's, empty without a matching stay), ``indicator`` (the
    indicator of the document's type, empty for none) and ``reason`` (empty when the document
    counts toward that indicator, else its :class:`ExclusionReason` code). Computed as columns
    by the backend (no Python object per row), by the same definition as the counts.
    """
    stays_lf, docs_lf, dtypes = _prepared(stays, documents, validate=validate)
    verdicts = document_verdict_frame(stays_lf, docs_lf, parameters, dtypes)
    return verdicts.select(*VERDICT_COLUMNS).to_native()
