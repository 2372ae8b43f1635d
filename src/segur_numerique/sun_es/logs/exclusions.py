"""The stays and documents that do not count toward an indicator, each with its reason."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs
import narwhals.stable.v2 as nw

from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue
from segur_numerique.sun_es.indicators import (
    INDICATORS,
    Basis,
    DocumentType,
    IndicatorDefinition,
    InsStatus,
    indicator_for_type,
)
from segur_numerique.sun_es.logs.counts import (
    LogParameters,
    counted_stay_type,
)
from segur_numerique.sun_es.logs.inputs import (
    _STAY_BASED,
    _collect_rows,
    _lit_date,
)


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
    typed = {d.id: d for d in INDICATORS}
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
                    ~counted_stay_type(params, d.id),
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
                    ~counted_stay_type(params, d.id),
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
