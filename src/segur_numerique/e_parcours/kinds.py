"""The e-parcours applicants: who applies to and receives an e-parcours forfait (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]).

One enum, shared by eligibility and funding.

>>> Kind.parse("dac")
<Kind.DAC: 'dac'>
"""

from __future__ import annotations

import enum

from segur_numerique.errors import UnknownChoiceError


class Kind(enum.Enum):
    """Who applies to and receives an e-parcours forfait (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]; the H&TI report of 9 July 2019)."""

    DAC = "dac"
    """Dispositif d'appui à la coordination (fonctions d'appui aux parcours complexes)."""
    COLLECTIF = "collectif"
    """Collectif de soins coordonnés (CPTS, groupements « article 51 »)."""

    @classmethod
    def parse(cls, value: object, *, where: str = "kind") -> Kind:
        """A kind from itself or its value (``dac``, ``collectif``), or a typed error."""
        if isinstance(value, cls):
            return value
        for member in cls:
            if member.value == value:
                return member
        raise UnknownChoiceError(
            f"unknown e-parcours kind {value!r}", allowed=tuple(m.value for m in cls), where=where
        )
