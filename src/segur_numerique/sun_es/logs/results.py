"""SUN-ES volet 1 indicators computed from stay and document logs (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es]).

A vendor or an analyst holds two tables:

* **stays** (séjours): ``stay_id``, ``finess`` (the establishment), ``activity`` (MCO, SSR, PSY,
  HAD, DIALYSIS, OUTPATIENT...), ``admission`` and ``discharge`` dates;
* **documents**: ``document_id``, ``stay_id``, ``type`` (a :class:`DocumentType` value),
  ``produced`` (date), ``sent`` (date sent to the DMP, empty if never sent) and ``ins_status``
  (an :class:`InsStatus` value, empty for no INS).

They may be pandas, polars, pyarrow or DuckDB tables, Dask dataframes (all through narwhals, one
code path, lazily where the backend allows), plain iterables of records (dicts), or CSV and Parquet
files. :func:`indicators_from_logs` computes, per establishment and for the measurement period
of a window, every volet 1 indicator's numerator and denominator, and the stays and documents
that do not count, each with its :class:`ExclusionReason`, as a table computed by the backend
(:meth:`LogIndicators.exclusion_table`, :meth:`LogIndicators.write_exclusions`); every
document's verdict is :meth:`LogIndicators.document_verdicts`.

Optional document columns (``structured``, ``dmp_status``, ``set_id`` and ``version``,
``author_finess``: :mod:`segur_numerique.sun_es.logs.document_columns`) enable more checks; an
absent one is a check not made, named in :attr:`LogIndicators.unchecked` and the explanation.

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

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
import narwhals.stable.v2 as nw

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation
from segur_numerique.core.outputs import write_atomically_with
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import InvalidInputError, OutputFileError
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.domain_evaluation import VoletResult, evaluate_volet1
from segur_numerique.sun_es.evaluation import EstablishmentProfile, IndicatorCounts
from segur_numerique.sun_es.indicators import INDICATORS
from segur_numerique.sun_es.logs.counts import LogParameters, _aggregate, _stay_table
from segur_numerique.sun_es.logs.document_columns import (
    OPTIONAL_DOCUMENT_COLUMNS,
    Check,
    unchecked,
)
from segur_numerique.sun_es.logs.exclusions import (
    EXCLUSION_COLUMNS,
    VERDICT_COLUMNS,
    Exclusion,
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
    _as_frame,
    _collect_rows,
    _int,
    _to_lazy,
    _validate,
)
from segur_numerique.sun_es.logs.verdicts import document_verdict_frame, exclusion_frame
from segur_numerique.sun_es.targets import TargetSet

# --------------------------------------------------------------------------------------------
# Results


@attrs.frozen
class EstablishmentIndicators:
    """Every volet 1 indicator of one establishment over the measurement period.

    Attributes:
        finess: the establishment.
        counts: the numerator and denominator of every indicator, in definition order.
        explanation: how they were counted (with what did not count, by reason).
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


def _not_computed() -> InvalidInputError:
    return InvalidInputError("exclusions were not computed (exclusions=False)", where="exclusions")


@attrs.frozen(repr=False)
class LogIndicators(HtmlResult):
    """The result of :func:`indicators_from_logs`.

    Attributes:
        parameters: the parameters used (period, stay types, delays).
        establishments: one entry per establishment of the stays table, sorted by FINESS.
        explanation: how the indicators were computed, with the rule values read, the checks not
            made and, per establishment, the counts by reason.
        unchecked: the checks not made, for want of their optional document column.
        reason_counts: (FINESS, kind, indicator, reason, how many) of the exclusion table,
            sorted; ``None`` when exclusions were not asked.
    """

    parameters: LogParameters
    establishments: tuple[EstablishmentIndicators, ...]
    explanation: Explanation
    unchecked: tuple[Check, ...] = ()
    reason_counts: tuple[ReasonCount, ...] | None = None
    _exclusions: Any = attrs.field(default=None, eq=False, alias="exclusion_frame")
    _verdicts: Any = attrs.field(default=None, eq=False, alias="verdict_frame")

    def establishment(self, finess: str) -> EstablishmentIndicators:
        """The indicators of one establishment."""
        for e in self.establishments:
            if e.finess == finess:
                return e
        raise InvalidInputError(f"no establishment {finess!r} in the stays log", where="finess")

    @property
    def exclusions(self) -> tuple[Exclusion, ...] | None:
        """The stays and documents that do not count, sorted, one Python object each.

        Derived on each access from :meth:`exclusion_table` (``None`` when not asked). For
        large logs use :meth:`exclusion_table`, :meth:`write_exclusions` or
        :meth:`exclusion_counts` instead: this builds one object per row.
        """
        if self._exclusions is None:
            return None
        return tuple(sorted(_to_exclusions(self._exclusions.rows(named=True))))

    def exclusion_table(self) -> Any:
        """The stays and documents that do not count, as a native eager frame.

        Columns :data:`~segur_numerique.sun_es.logs.exclusions.EXCLUSION_COLUMNS` (``kind``,
        ``id``, ``finess``, ``indicator``, ``reason`` code), in no particular order (sort it).

        Raises:
            InvalidInputError: exclusions were not computed (``exclusions=False``).
        """
        if self._exclusions is None:
            raise _not_computed()
        return self._exclusions.to_native()

    def exclusion_sample(self, limit: int = 20) -> tuple[Exclusion, ...]:
        """The first ``limit`` rows of :meth:`exclusion_table` (by kind, id, indicator)."""
        if self._exclusions is None:
            raise _not_computed()
        order = ("kind", "id", "indicator")
        first = _eager(self._exclusions.lazy().sort(*order, nulls_last=False).head(limit))
        return tuple(_to_exclusions(first.rows(named=True)))

    def write_exclusions(self, path: str | Path, *, force: bool = False) -> Path:
        """Write :meth:`exclusion_table` to ``path`` (``.csv`` or ``.parquet``), atomically.

        Raises:
            OutputFileError: another suffix, the file exists (without ``force``) or cannot be
                written; no partial file is left.
            InvalidInputError: exclusions were not computed.
        """
        if self._exclusions is None:
            raise _not_computed()
        target = Path(path)
        suffix = target.suffix.lower()
        frame = self._exclusions
        if suffix == ".csv":
            return write_atomically_with(target, frame.write_csv, force=force)
        if suffix == ".parquet":
            return write_atomically_with(target, frame.write_parquet, force=force)
        raise OutputFileError(
            f"unsupported file type {suffix!r}; expected .csv or .parquet", file=str(target)
        )

    def document_verdicts(self) -> Any:
        """Every document's verdict, as a native frame of the input's backend (lazy where it is).

        Columns :data:`~segur_numerique.sun_es.logs.exclusions.VERDICT_COLUMNS`; see
        :func:`~segur_numerique.sun_es.logs.counts.document_verdicts`.
        """
        return self._verdicts.select(*VERDICT_COLUMNS).to_native()

    def exclusion_counts(self) -> dict[tuple[str, str, str | None, ExclusionReason], int]:
        """How many stays or documents do not count, by (FINESS, kind, indicator, reason)."""
        if self.reason_counts is None:
            raise _not_computed()
        return {(f, k, i, r): n for f, k, i, r, n in self.reason_counts}

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
            domains=domains,
            targets=targets,
            cro_alternative=cro_alternative,
            rules=rules,
        )

    def to_json(self, *, exclusions: bool = True) -> dict[str, JsonValue]:
        """The result as a JSON object (``exclusions=False``: counts by reason only)."""
        listed = self.exclusions if exclusions else None
        return {
            "window": self.parameters.window,
            "period": self.parameters.period.to_json(),
            "establishments": [e.to_json() for e in self.establishments],
            "unchecked": [c.value for c in self.unchecked],
            "exclusion_counts": None
            if self.reason_counts is None
            else [
                {"finess": f, "kind": k, "indicator": i, "reason": r.value, "count": n}
                for f, k, i, r, n in self.reason_counts
            ],
            "exclusions": None if listed is None else [x.to_json() for x in listed],
            "explanation": self.explanation.to_json(),
        }


def _text(value: object) -> str | None:
    """A text cell of any backend (pandas writes an empty cell as NaN)."""
    return None if value is None or value != value else str(value)  # noqa: PLR0124 (NaN)


def _to_exclusions(rows: Iterable[dict[str, Any]]) -> Iterable[Exclusion]:
    return (
        Exclusion(
            str(r["kind"]),
            str(r["id"]),
            str(_text(r["finess"])),
            _text(r["indicator"]),
            ExclusionReason(r["reason"]),
        )
        for r in rows
    )


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
        documents: the documents table (required and optional columns).
        parameters: the measurement period and the other unknown parts of the definitions,
            usually :meth:`LogParameters.from_rules`.
        exclusions: also compute the table of every stay and document that does not count, with
            its reason, and the counts by reason (columns computed by the backend).
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
    docs_f = _as_frame(documents, "documents", DOCUMENT_COLUMNS, OPTIONAL_DOCUMENT_COLUMNS)
    names = (source_name(stays, "stays"), source_name(documents, "documents"))
    with engine_errors(", ".join(names)):
        return _compute(stays_f, docs_f, parameters, exclusions=exclusions, step=step, names=names)


def _compute(
    stays_f: Any,
    docs_f: Any,
    parameters: LogParameters,
    *,
    exclusions: bool,
    step: Callable[[str], None],
    names: tuple[str, str],
) -> LogIndicators:
    _validate(stays_f, docs_f, names)
    stays_lf, docs_lf = _align_ids(_to_lazy(stays_f), _to_lazy(docs_f))
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


def _eager(frame: nw.LazyFrame[Any]) -> nw.DataFrame[Any]:
    return frame.collect()


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
