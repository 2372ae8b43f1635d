"""The conformance-kit computation ``sun_es.logs``: a small log and its expected counts.

A vendor pins its pipeline in its own CI with a scenario holding a small log: the stays and the
documents as inline rows, or files next to the scenario (``{ file = "stays.csv" }``, a CSV or
Parquet log, or ``cda = { file = "cda/" }``: CDA R2 documents, a folder or a zip archive, with a
``submissions`` log). Paths are relative to the scenario file and never leave its folder (the
loader checks it, :mod:`segur_numerique.kit.scenarios`). The outputs are per establishment
(``{finess = {indicator = n}}``): numerators, denominators, rates (``"1/2"``, ``"none"`` without
a denominator), targets met (where the rules give the target), the exclusions by reason (of
documents and of stays) and, for CDA documents, the verdict of each (``counts`` or its reason).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from segur_numerique.rules.computation import Computation, Computed, Inputs, computation
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.documents.audit import audit_documents
from segur_numerique.sun_es.documents.reading import read_documents
from segur_numerique.sun_es.documents.submissions import Submission, read_submissions
from segur_numerique.sun_es.logs.compute import indicators_from_logs
from segur_numerique.sun_es.logs.counts import LogParameters
from segur_numerique.sun_es.logs.results import (
    LogIndicators,
)
from segur_numerique.sun_es.targets import target_from_rules


def _source(inputs: Inputs, name: str) -> str | list[Mapping[str, object]]:
    """Inline rows (a list of tables) or a ``{file = ...}`` table: the path."""
    raw = inputs.raw(name)
    if isinstance(raw, Mapping):
        if set(raw) != {"file"} or not isinstance(raw["file"], str):
            raise inputs.error(name, 'expected a list of rows or { file = "path" }')
        return raw["file"]
    if not isinstance(raw, list) or not all(isinstance(r, Mapping) for r in raw):
        raise inputs.error(name, 'expected a list of rows (tables) or { file = "path" }')
    return raw


def _submissions(inputs: Inputs) -> tuple[Submission, ...]:
    if not inputs.has("submissions"):
        return ()
    source = _source(inputs, "submissions")
    if isinstance(source, str):
        return read_submissions(source)
    columns = ("document_id", "set_id", "version", "submitted_at", "dmp_status")
    lines = [",".join(columns)]
    lines += [",".join(str(r.get(c) or "") for c in columns) for r in source]
    return read_submissions("\n".join(lines).encode(), name=f"{inputs.where}.submissions")


def _per_establishment(result: LogIndicators, rules: RuleSet, window: str) -> dict[str, Any]:
    numerators: dict[str, dict[str, int]] = {}
    denominators: dict[str, dict[str, int]] = {}
    rates: dict[str, dict[str, str]] = {}
    met: dict[str, dict[str, bool]] = {}
    for e in result.establishments:
        numerators[e.finess] = {c.indicator: c.numerator for c in e.counts}
        denominators[e.finess] = {c.indicator: c.denominator for c in e.counts}
        rates[e.finess] = {
            c.indicator: str(c.rate) if c.rate is not None else "none" for c in e.counts
        }
        met[e.finess] = {}
        for c in e.counts:
            if c.rate is not None and rules.is_supplied(f"sun_es.target.{window}.{c.indicator}"):
                met[e.finess][c.indicator] = (
                    c.rate >= target_from_rules(rules, window, c.indicator).rate
                )
    return {
        "numerators": numerators,
        "denominators": denominators,
        "rates": rates,
        "targets_met": met,
    }


def _logs(inputs: Inputs, rules: RuleSet) -> Computed:
    window = inputs.text("window")
    parameters = LogParameters.from_rules(rules, window)
    stays = _source(inputs, "stays")
    verdicts: dict[str, str] = {}
    if inputs.has("cda"):
        cda = _source(inputs, "cda")
        if not isinstance(cda, str):
            raise inputs.error("cda", 'expected { file = "folder, zip or file" }')
        test = inputs.boolean("test_ins_as_qualified", default=False)
        reading = read_documents([Path(cda)], rules=rules, test_ins_as_qualified=test)
        if reading.errors:
            raise reading.errors[0]
        audit = audit_documents(reading, parameters, stays=stays, submissions=_submissions(inputs))
        assert audit.indicators is not None
        result = audit.indicators
        verdicts = {v.document_id: v.reason or "counts" for v in audit.verdicts}
        doc_reasons = Counter(v.reason for v in audit.verdicts if v.reason is not None)
    else:
        result = indicators_from_logs(stays, _source(inputs, "documents"), parameters)
        doc_reasons = Counter(
            e.reason.value for e in result.exclusions or () if e.kind == "document"
        )
    stay_reasons = Counter(e.reason.value for e in result.exclusions or () if e.kind == "stay")
    outputs = _per_establishment(result, rules, window)
    outputs |= {
        "document_exclusions": dict(sorted(doc_reasons.items())),
        "stay_exclusions": dict(sorted(stay_reasons.items())),
        "verdicts": verdicts,
    }
    return Computed(outputs, result.explanation)


COMPUTATIONS: tuple[Computation, ...] = (
    computation(
        "sun_es.logs",
        "sun_es",
        "Indicateurs SUN-ES d'un petit journal (lignes, CSV ou documents CDA)",
        "SUN-ES indicators of a small log (rows, CSV or CDA documents)",
        ("window", "stays", "documents?", "cda?", "submissions?", "test_ins_as_qualified?"),
        (
            "numerators",
            "denominators",
            "rates",
            "targets_met",
            "document_exclusions",
            "stay_exclusions",
            "verdicts",
        ),
        _logs,
    ),
)
"""The computations of CDA documents and logs (collected with the SUN-ES ones)."""
