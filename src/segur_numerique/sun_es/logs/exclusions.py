"""Why a stay or a document does not count: the stable reasons, and one exclusion as an object.

Every document gets a **verdict** (:mod:`segur_numerique.sun_es.logs.verdicts`): the indicator
its type belongs to, and either no reason (it counts toward that indicator's numerator) or the
first :class:`ExclusionReason` that applies, in declaration order. Every stay gets one verdict per
stay-based indicator. The codes are stable (files and tools may rely on them); the reference page
docs/reference/document-verdicts.md says what each means and what to fix.
"""

from __future__ import annotations

import enum

import attrs

from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue


class ExclusionReason(enum.Enum):
    """Why a stay or a document does not count (stable codes; the first that applies wins).

    Document reasons come in the order they are checked; the stay reasons follow.
    """

    NO_MATCHING_STAY = "no_matching_stay"
    """The document's ``stay_id`` is not in the stays log."""
    WRONG_TYPE = "wrong_type"
    """The document type is counted by no volet 1 indicator (``other``)."""
    SUPERSEDED = "superseded"
    """A later version of the same document (same ``set_id``, higher ``version``) exists."""
    STAY_TYPE_NOT_COUNTED = "stay_type_not_counted"
    """The stay's activity is not one the indicator counts."""
    OUTSIDE_PERIOD = "outside_period"
    """The discharge (stay-based) or production (document-based) date is outside the period."""
    OTHER_ESTABLISHMENT = "other_establishment"
    """The document's author organisation (``author_finess``) is not the stay's establishment."""
    NOT_DISCHARGE_DOCUMENT = "not_discharge_document"
    """A discharge document produced before the stay began: not a document of this stay."""
    BIOLOGY_NOT_STRUCTURED = "biology_not_structured"
    """A biology report that is not structured (CR-BIO level 3): never in the numerator."""
    NOT_SENT = "not_sent"
    """The document was never sent to the DMP."""
    SENT_BEFORE_PRODUCED = "sent_before_produced"
    """The send date is before the production date (a bad row: it never counts)."""
    NO_INS = "no_ins"
    """The document carries no INS (``ins_status`` empty or ``none``)."""
    TEST_INS = "test_ins"
    """The document carries a test INS (``ins_status`` ``test``)."""
    NO_QUALIFIED_INS = "no_qualified_ins"
    """The INS is not qualified (validated, retrieved or provisional identity)."""
    REJECTED_BY_DMP = "rejected_by_dmp"
    """The DMP rejected the submission (``dmp_status`` ``rejected``)."""
    SENT_AFTER_DEADLINE = "sent_after_deadline"
    """Sent later than the send delay after discharge (stay-based) or production."""
    NO_QUALIFYING_DOCUMENT = "no_qualifying_document"
    """(Stay) No document of the indicator's type counts for this stay."""

    def label(self) -> Text:
        """The reason in French and English."""
        return _REASON_LABELS[self]


_REASON_LABELS = {
    ExclusionReason.NO_MATCHING_STAY: Text(fr="aucun séjour correspondant", en="no matching stay"),
    ExclusionReason.WRONG_TYPE: Text(
        fr="type de document non compté", en="document type not counted"
    ),
    ExclusionReason.SUPERSEDED: Text(
        fr="remplacé par une version ultérieure", en="superseded by a later version"
    ),
    ExclusionReason.STAY_TYPE_NOT_COUNTED: Text(
        fr="type de séjour non compté par l'indicateur", en="stay type not counted by the indicator"
    ),
    ExclusionReason.OUTSIDE_PERIOD: Text(
        fr="hors de la période de mesure", en="outside the measurement period"
    ),
    ExclusionReason.OTHER_ESTABLISHMENT: Text(
        fr="rédigé par un autre établissement", en="written by another establishment"
    ),
    ExclusionReason.NOT_DISCHARGE_DOCUMENT: Text(
        fr="pas un document de sortie du séjour", en="not a discharge document of the stay"
    ),
    ExclusionReason.BIOLOGY_NOT_STRUCTURED: Text(
        fr="compte rendu de biologie non structuré", en="biology report not structured"
    ),
    ExclusionReason.NOT_SENT: Text(fr="non envoyé au DMP", en="not sent to the DMP"),
    ExclusionReason.SENT_BEFORE_PRODUCED: Text(
        fr="envoyé avant d'être produit", en="sent before it was produced"
    ),
    ExclusionReason.NO_INS: Text(fr="pas d'INS", en="no INS"),
    ExclusionReason.TEST_INS: Text(fr="INS de test", en="test INS"),
    ExclusionReason.NO_QUALIFIED_INS: Text(fr="pas d'INS qualifié", en="no qualified INS"),
    ExclusionReason.REJECTED_BY_DMP: Text(fr="rejeté par le DMP", en="rejected by the DMP"),
    ExclusionReason.SENT_AFTER_DEADLINE: Text(
        fr="envoyé après le délai", en="sent after the deadline"
    ),
    ExclusionReason.NO_QUALIFYING_DOCUMENT: Text(
        fr="aucun document qualifiant pour ce séjour", en="no qualifying document for this stay"
    ),
}

STAY_REASONS: tuple[ExclusionReason, ...] = (
    ExclusionReason.STAY_TYPE_NOT_COUNTED,
    ExclusionReason.OUTSIDE_PERIOD,
    ExclusionReason.NO_QUALIFYING_DOCUMENT,
)
"""The reasons a stay does not count toward a stay-based indicator."""
DOCUMENT_REASONS: tuple[ExclusionReason, ...] = tuple(
    r for r in ExclusionReason if r is not ExclusionReason.NO_QUALIFYING_DOCUMENT
)
"""The reasons a document does not count, in the order they are checked."""

EXCLUSION_COLUMNS: tuple[str, ...] = ("kind", "id", "finess", "indicator", "reason")
"""The columns of the exclusion table (:meth:`LogIndicators.exclusion_table`)."""
VERDICT_COLUMNS: tuple[str, ...] = ("document_id", "stay_id", "finess", "indicator", "reason")
"""The columns of the document verdict table (:func:`document_verdicts`)."""


@attrs.frozen(order=True)
class Exclusion:
    """A stay or a document that does not count, and why (one row of the exclusion table).

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
