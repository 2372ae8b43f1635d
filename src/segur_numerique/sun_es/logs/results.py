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

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import narwhals.stable.v2 as nw

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation
from segur_numerique.core.headline import Fact, Headline, Table, table
from segur_numerique.core.outputs import write_atomically_with
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import InvalidInputError, OutputFileError
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.domain_evaluation import VoletResult, evaluate_volet1
from segur_numerique.sun_es.evaluation import EstablishmentProfile, IndicatorCounts
from segur_numerique.sun_es.logs.counts import LogParameters
from segur_numerique.sun_es.logs.csv_files import CsvFormat
from segur_numerique.sun_es.logs.document_columns import (
    DocumentCheck,
)
from segur_numerique.sun_es.logs.exclusions import (
    VERDICT_COLUMNS,
    Exclusion,
    ExclusionReason,
)
from segur_numerique.sun_es.logs.explanations import (
    ReasonCount,
)
from segur_numerique.sun_es.logs.validation import BadRow
from segur_numerique.sun_es.plots import plot_log_rates
from segur_numerique.sun_es.targets import TargetSet

# --------------------------------------------------------------------------------------------
# Results


@attrs.frozen(repr=False)
class EstablishmentIndicators(HtmlResult):
    """Every volet 1 indicator of one establishment over the measurement period.

    Attributes:
        finess: the establishment.
        counts: the numerator and denominator of every indicator, in definition order.
        explanation: how they were counted (with what did not count, by reason).
    """

    finess: str
    counts: tuple[IndicatorCounts, ...]
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(fr=f"Indicateurs de {self.finess}", en=f"Indicators of {self.finess}"),
            name=self.finess,
            facts=tuple(
                Fact(
                    c.indicator,
                    Text(fr=c.indicator, en=c.indicator),
                    f"{c.numerator}/{c.denominator}",
                )
                for c in self.counts
            ),
        )

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
    unchecked: tuple[DocumentCheck, ...] = ()
    reason_counts: tuple[ReasonCount, ...] | None = None
    _exclusions: Any = attrs.field(default=None, eq=False, alias="exclusion_frame")
    _verdicts: Any = attrs.field(default=None, eq=False, alias="verdict_frame")
    formats: tuple[CsvFormat, ...] = ()
    """How each CSV file was read (encoding, separator, date formats; declared or detected)."""
    rejected: tuple[BadRow, ...] = ()
    """The invalid rows left out (``skip_invalid``), with their file, row, column and reason."""

    plot = plot_log_rates

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

    def _headline(self) -> Headline:
        facts = [
            Fact(
                "establishments",
                Text(fr="établissements", en="establishments"),
                len(self.establishments),
            ),
            Fact("period", Text(fr="période", en="period"), self.parameters.period),
        ]
        if self.exclusions is not None:
            facts.append(
                Fact("exclusions", Text(fr="exclusions", en="exclusions"), len(self.exclusions))
            )
        return Headline(
            title=Text(
                fr="Indicateurs volet 1 depuis les journaux", en="Volet 1 indicators from logs"
            ),
            window=self.parameters.window,
            facts=tuple(facts),
        )

    def _tables(self) -> tuple[Table, ...]:
        rows: list[tuple[object, ...]] = [
            (e.finess, c.indicator, c.numerator, c.denominator, c.rate)
            for e in self.establishments
            for c in e.counts
        ]
        header = (
            Text(fr="FINESS", en="FINESS"),
            Text(fr="indicateur", en="indicator"),
            Text(fr="numérateur", en="numerator"),
            Text(fr="dénominateur", en="denominator"),
            Text(fr="taux", en="rate"),
        )
        return (
            table(Text(fr="Taux par établissement", en="Rates by establishment"), header, rows),
        )

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
            "formats": [f.to_json() for f in self.formats],
            "rejected": [r.to_json() for r in self.rejected],
        }


def _eager(frame: nw.LazyFrame[Any]) -> nw.DataFrame[Any]:
    return frame.collect()


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
