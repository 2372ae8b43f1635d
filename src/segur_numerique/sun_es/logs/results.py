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

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import attrs
import narwhals.stable.v2 as nw

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue
from segur_numerique.core.headline import Fact, Headline, Table, table
from segur_numerique.core.text import Text, counted, plural_word
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import InvalidInputError, OrphanDocumentError
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.domain_evaluation import VoletResult, evaluate_volet1
from segur_numerique.sun_es.evaluation import EstablishmentProfile, IndicatorCounts
from segur_numerique.sun_es.indicators import (
    INDICATORS,
)
from segur_numerique.sun_es.logs.counts import (
    LogParameters,
    _aggregate,
    _stay_table,
)
from segur_numerique.sun_es.logs.csv_files import CsvFormat
from segur_numerique.sun_es.logs.exclusions import (
    Exclusion,
    ExclusionReason,
    _document_exclusions,
    _stay_exclusions,
)
from segur_numerique.sun_es.logs.files import engine_errors, source_name
from segur_numerique.sun_es.logs.inputs import (
    DOCUMENT_COLUMNS,
    STAY_COLUMNS,
    _align_ids,
    _collect_rows,
    _first,
    _int,
    _read_log,
    _to_lazy,
    _validate,
)
from segur_numerique.sun_es.logs.validation import BadRow
from segur_numerique.sun_es.plots import plot_log_rates
from segur_numerique.sun_es.targets import TargetSet

_ESTABLISHMENTS_FR = ("établissement", "établissements")
_ESTABLISHMENTS_EN = ("establishment", "establishments")


# --------------------------------------------------------------------------------------------
# Results


@attrs.frozen(repr=False)
class EstablishmentIndicators(HtmlResult):
    """Every volet 1 indicator of one establishment over the measurement period.

    Attributes:
        finess: the establishment.
        counts: the numerator and denominator of every indicator, in definition order.
        explanation: how they were counted.
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


@attrs.frozen(repr=False)
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

    def exclusion_counts(self) -> dict[tuple[str, str, str | None, ExclusionReason], int]:
        """How many stays or documents do not count, by (FINESS, kind, indicator, reason)."""
        if self.exclusions is None:
            raise InvalidInputError(
                "exclusions were not computed (exclusions=False)", where="exclusions"
            )
        return dict(Counter((e.finess, e.kind, e.indicator, e.reason) for e in self.exclusions))

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
            "formats": [f.to_json() for f in self.formats],
            "rejected": [r.to_json() for r in self.rejected],
        }


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
        documents: the documents table.
        parameters: the measurement period and the other unknown parts of the definitions,
            usually :meth:`LogParameters.from_rules`.
        exclusions: also list every stay and document that does not count, with the reason
            (one Python object per row: turn it off for national-scale logs).
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
    docs_f, docs_format = _read_log(documents, "documents", DOCUMENT_COLUMNS, encoding=encoding)
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
                fr=f"{len(rejected)} valeur(s) invalide(s) : leurs lignes sont exclues",
                en=f"{len(rejected)} invalid value(s): their rows are left out",
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
    table = _stay_table(stays_lf, docs_lf, parameters, dtypes)
    rows = _collect_rows(_aggregate(table))
    _check_orphans(rows, stays_lf, docs_lf, names[1])
    establishments = [
        _establishment_indicators(r) for r in sorted(rows, key=lambda r: str(r["finess"]))
    ]
    listed: tuple[Exclusion, ...] | None = None
    if exclusions:
        step("exclusions")
        listed = tuple(
            sorted(
                _document_exclusions(stays_lf, docs_lf, parameters, dtypes)
                + _stay_exclusions(table, parameters, dtypes)
            )
        )
    explanation = _logs_explanation(parameters, establishments)
    return LogIndicators(parameters, tuple(establishments), listed, explanation)


def _check_orphans(
    rows: list[dict[str, Any]],
    stays_lf: nw.LazyFrame[Any],
    docs_lf: nw.LazyFrame[Any],
    name: str = "documents",
) -> None:
    """Every document was matched to a stay (else :class:`OrphanDocumentError`, naming one)."""
    total_docs = _int(_collect_rows(docs_lf.select(nw.len().alias("n")))[0]["n"])
    matched = sum(_int(r["documents"]) for r in rows)
    if matched != total_docs:
        orphan = _first(
            docs_lf.join(stays_lf.select("stay_id"), on="stay_id", how="anti"), "document_id"
        )
        raise OrphanDocumentError(
            f"{total_docs - matched} "
            f"{plural_word(total_docs - matched, 'en', 'document refers', 'documents refer')} "
            "to a stay missing from the stays log",
            where=f"{name}: document_id {orphan!r}, column stay_id",
        )


def _establishment_indicators(r: dict[str, Any]) -> EstablishmentIndicators:
    """The counts of one establishment (one aggregated row), with their explanation."""
    counts = tuple(
        IndicatorCounts(d.id, _int(r[f"num_{d.id}"]), _int(r[f"den_{d.id}"])) for d in INDICATORS
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
    return EstablishmentIndicators(str(r["finess"]), counts, explanation)


def _logs_explanation(
    parameters: LogParameters, establishments: list[EstablishmentIndicators]
) -> Explanation:
    """The root explanation of :func:`indicators_from_logs`."""
    assumptions = [
        Text(fr=f"{d.label.fr} : {d.unit_counted.fr}", en=f"{d.label.en}: {d.unit_counted.en}")
        for d in INDICATORS
    ]
    return Explanation(
        rule="sun_es.indicators.from_logs",
        title=Text(
            fr="Indicateurs SUN-ES volet 1 calculés depuis les journaux",
            en="SUN-ES volet 1 indicators computed from logs",
        ),
        outcome=Text(
            fr=counted(len(establishments), "fr", fr=_ESTABLISHMENTS_FR, en=_ESTABLISHMENTS_EN)
            + f", période {parameters.period.render('fr')}",
            en=counted(len(establishments), "en", fr=_ESTABLISHMENTS_FR, en=_ESTABLISHMENTS_EN)
            + f", period {parameters.period.render('en')}",
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
