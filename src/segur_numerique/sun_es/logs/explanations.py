"""The explanations (FR/EN) of the indicators computed from logs, with the counts by reason."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import narwhals.stable.v2 as nw

from segur_numerique.core.explanation import Explanation, InputValue
from segur_numerique.core.text import Lang, Text, counted, plural_word
from segur_numerique.core.values import encode_value
from segur_numerique.errors import OrphanDocumentError
from segur_numerique.sun_es.evaluation import IndicatorCounts
from segur_numerique.sun_es.indicators import INDICATORS
from segur_numerique.sun_es.logs.document_columns import DocumentCheck
from segur_numerique.sun_es.logs.exclusions import ExclusionReason
from segur_numerique.sun_es.logs.inputs import _collect_rows, _first, _int
from segur_numerique.sun_es.logs.parameters import LogParameters

ReasonCount = tuple[str, str, str | None, ExclusionReason, int]
"""(FINESS, kind, indicator, reason, how many) of the exclusion table."""


_ESTABLISHMENTS_FR = ("établissement", "établissements")
_ESTABLISHMENTS_EN = ("establishment", "establishments")


def check_orphans(
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


def _reasons_text(reasons: Iterable[ReasonCount], lang: Lang) -> str:
    kinds = {"stay": "séjour" if lang == "fr" else "stay", "document": "document"}
    labels = {r: r.label().in_(lang) for r in ExclusionReason}  # once, not once per line
    lines = sorted(
        (indicator or "—", kinds[kind], labels[reason], n)
        for _f, kind, indicator, reason, n in reasons
    )
    return "; ".join(
        f"{i}, {k} : {r} × {n}" if lang == "fr" else f"{i}, {k}: {r} × {n}" for i, k, r, n in lines
    )


def establishment_explanation(
    finess: str, counts: tuple[IndicatorCounts, ...], reasons: tuple[ReasonCount, ...] | None
) -> Explanation:
    """How one establishment's indicators were counted, with what did not count and why."""
    children: tuple[Explanation, ...] = ()
    if reasons:
        children = (
            Explanation(
                rule="sun_es.indicators.from_logs.exclusions",
                title=Text(fr="Non comptés, par motif", en="Not counted, by reason"),
                outcome=Text(fr=_reasons_text(reasons, "fr"), en=_reasons_text(reasons, "en")),
            ),
        )
    return Explanation(
        rule="sun_es.indicators.from_logs",
        title=Text(
            fr=f"Indicateurs SUN-ES volet 1 de {finess}",
            en=f"SUN-ES volet 1 indicators of {finess}",
        ),
        outcome=Text(
            fr="; ".join(f"{c.indicator} {c.numerator}/{c.denominator}" for c in counts),
            en="; ".join(f"{c.indicator} {c.numerator}/{c.denominator}" for c in counts),
        ),
        inputs=(InputValue("finess", finess),),
        children=children,
    )


def logs_explanation(
    parameters: LogParameters,
    establishments: tuple[Explanation, ...],
    unchecked: tuple[DocumentCheck, ...],
) -> Explanation:
    """The root explanation of :func:`indicators_from_logs`, naming the checks not made."""
    assumptions = [
        Text(fr=f"{d.label.fr} : {d.unit_counted.fr}", en=f"{d.label.en}: {d.unit_counted.en}")
        for d in INDICATORS
    ]
    assumptions += [
        Text(fr=f"Non vérifié : {c.label().fr}", en=f"Not checked: {c.label().en}")
        for c in unchecked
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
        children=establishments,
    )
