"""The SUN-ES domains: what an establishment applies for and is funded for (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es]).

One enum, imported by eligibility, funding and the batch path (this module imports no domain
module, so none of them can form an import cycle here).

>>> Domain.parse("volet1.biology") is Domain.parse("biology") is Domain.BIOLOGY
True
>>> Domain.BIOLOGY.id, Domain.MESSAGING.id
('biology', 'secure_messaging')
"""

from __future__ import annotations

import enum

from segur_numerique.core.text import Text
from segur_numerique.errors import UnknownChoiceError


class Domain(enum.Enum):
    """A SUN-ES domain: what an establishment applies for and is funded for (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es]).

    The value names the volet and the domain (``volet1.biology``); :attr:`id` is the short id
    used by the indicator definitions (:data:`segur_numerique.sun_es.VOLET1`) and by the forfait
    grid keys (``sun_es.forfait_grid.<id>.band.<n>``, ``sun_es.cro_bonus.band.<n>``).
    :meth:`parse` accepts either.
    """

    DISCHARGE_DOCUMENTS = "volet1.discharge_documents"
    """Volet 1, domain 1: documents de sortie."""
    BIOLOGY = "volet1.biology"
    """Volet 1, domain 2: biologie médicale (own lab under the same FINESS juridique)."""
    IMAGING = "volet1.imaging"
    """Volet 1, domain 3: imagerie (own imaging platform under the same FINESS juridique)."""
    CRO_BONUS = "volet1.cro_bonus"
    """Volet 1, the compte rendu opératoire (CRO) indicator of ES with an operating theatre.

    A bonus by default; the conflicting rule value ``sun_es.indicator.operative_report.is_bonus``
    has the alternative "required" (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es]).
    """
    MESSAGING = "volet2.messaging"
    """Volet 2: messageries sécurisées (its domains and indicators are unknown)."""

    @classmethod
    def _missing_(cls, value: object) -> Domain | None:
        if isinstance(value, str):
            for member in cls:
                if value in (member.id, f"volet{member.volet}.{member.id}"):
                    return member
        return None

    @classmethod
    def parse(cls, value: object, *, where: str = "domain") -> Domain:
        """The domain ``value`` names (a member, its value or its :attr:`id`), or a typed error.

        >>> Domain.parse("volet2.secure_messaging")
        <Domain.MESSAGING: 'volet2.messaging'>
        >>> Domain.parse("dentistry")
        Traceback (most recent call last):
        ...
        segur_numerique.errors.UnknownChoiceError: domain: unknown SUN-ES domain 'dentistry'; allowed values: volet1.discharge_documents, volet1.biology, volet1.imaging, volet1.cro_bonus, volet2.messaging
        """
        if isinstance(value, cls):
            return value
        try:
            return cls(value)
        except ValueError:
            raise UnknownChoiceError(
                f"unknown SUN-ES domain {value!r}",
                allowed=tuple(m.value for m in cls),
                where=where,
            ) from None

    @property
    def id(self) -> str:
        """The short id: the indicator domain id (volet 1) and the forfait grid row."""
        return _IDS[self]

    @property
    def volet(self) -> int:
        """The volet (1 or 2)."""
        return 2 if self is Domain.MESSAGING else 1

    @property
    def label(self) -> Text:
        """The volet and domain in French and English."""
        return _LABELS[self]


_IDS = {
    Domain.DISCHARGE_DOCUMENTS: "discharge_documents",
    Domain.BIOLOGY: "biology",
    Domain.IMAGING: "imaging",
    Domain.CRO_BONUS: "cro_bonus",
    Domain.MESSAGING: "secure_messaging",
}

_LABELS = {
    Domain.DISCHARGE_DOCUMENTS: Text(
        fr="volet 1, domaine 1 (documents de sortie)", en="volet 1, domain 1 (discharge documents)"
    ),
    Domain.BIOLOGY: Text(
        fr="volet 1, domaine 2 (biologie médicale)", en="volet 1, domain 2 (medical biology)"
    ),
    Domain.IMAGING: Text(fr="volet 1, domaine 3 (imagerie)", en="volet 1, domain 3 (imaging)"),
    Domain.CRO_BONUS: Text(
        fr="volet 1, bonus compte rendu opératoire", en="volet 1, operative-report (CRO) bonus"
    ),
    Domain.MESSAGING: Text(fr="volet 2 (messageries sécurisées)", en="volet 2 (secure messaging)"),
}
