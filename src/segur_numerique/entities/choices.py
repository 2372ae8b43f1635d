"""Closed sets of choices of the entities: legal status, activity, SONS couloir (rules digest, SUN-ES §2.3, SONS §3 [docs: explanation/rules]).

Each reads its French or English spellings (``privé``, ``smr``, ``dialyse``...) and refuses any
other value with :class:`UnknownChoiceError`, listing the allowed values.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TypeVar

from segur_numerique.errors import UnknownChoiceError

_E = TypeVar("_E", bound=enum.Enum)


def _choice(enum_type: type[_E], aliases: Mapping[str, _E], value: object, where: str) -> _E:
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        key = value.strip().lower()
        for member in enum_type:
            if member.value == key:
                return member
        if key in aliases:
            return aliases[key]
    allowed = tuple(m.value for m in enum_type)
    raise UnknownChoiceError(
        f"unknown {enum_type.__name__} {value!r}", allowed=allowed, where=where
    )


class LegalStatus(enum.Enum):
    """Legal status (statut juridique) of a health establishment (rules digest, SUN-ES §2.3 [docs: explanation/rules/sun-es])."""

    PUBLIC = "public"
    PRIVATE = "private"
    """Privé (commercial)."""
    ESPIC = "espic"
    """Établissement de santé privé d'intérêt collectif."""
    CLCC = "clcc"
    """Centre de lutte contre le cancer."""

    @classmethod
    def parse(cls, value: object, *, where: str = "legal_status") -> LegalStatus:
        """Read a status: ``public``, ``private`` (or ``privé``), ``espic``, ``clcc``."""
        return _choice(cls, {"privé": cls.PRIVATE, "prive": cls.PRIVATE}, value, where)


class Activity(enum.Enum):
    """Activity field of a health establishment (rules digest, SUN-ES §2.3 [docs: explanation/rules/sun-es])."""

    MCO = "mco"
    """Médecine, chirurgie, obstétrique."""
    SSR = "ssr"
    """Soins de suite et de réadaptation, now SMR (soins médicaux et de réadaptation)."""
    PSY = "psy"
    """Psychiatrie."""
    HAD = "had"
    """Hospitalisation à domicile."""
    DIALYSIS = "dialysis"
    """Dialyse."""

    @classmethod
    def parse(cls, value: object, *, where: str = "activity") -> Activity:
        """Read an activity: ``mco``, ``ssr`` (or ``smr``), ``psy``, ``had``, ``dialysis`` (``dialyse``)."""
        return _choice(cls, {"smr": cls.SSR, "dialyse": cls.DIALYSIS}, value, where)


class Couloir(enum.Enum):
    """A SONS couloir (rules digest, SONS §3 [docs: explanation/rules/sons])."""

    HOSPITAL = "hopital"
    BIOLOGY = "biologie"
    IMAGING = "imagerie"
    PHARMACY = "officine"
    CITY_DOCTOR = "medecin_de_ville"
    MEDICO_SOCIAL = "medico_social"
    MSSANTE_OPERATOR = "operateur_mssante"
    SAS = "sas"
    MIDWIFE = "sage_femme"
    DENTIST = "chirurgien_dentiste"
    PARAMEDICAL = "paramedical"

    @classmethod
    def parse(cls, value: object, *, where: str = "couloir") -> Couloir:
        """Read a couloir by its value (``hopital``, ``biologie``, ``imagerie``, ``officine``...)."""
        return _choice(
            cls, {"hôpital": cls.HOSPITAL, "médico_social": cls.MEDICO_SOCIAL}, value, where
        )


_STAY_TYPE_ALIASES = {"SMR": "SSR", "DIALYSE": "DIALYSIS"}
"""The French spellings that :meth:`Activity.parse` accepts, folded onto the same stay types."""


def stay_type(text: str) -> str:
    """The activity type of a stay as logs and indicator definitions compare it.

    One spelling rule for every path: case and surrounding spaces do not matter, and the aliases
    that :meth:`Activity.parse` accepts fold onto the same type (``smr`` is ``SSR``, ``dialyse``
    is ``DIALYSIS``). Other types (``OUTPATIENT``...) are kept as written, in upper case.

    >>> stay_type(" mco "), stay_type("smr"), stay_type("Dialyse"), stay_type("OUTPATIENT")
    ('MCO', 'SSR', 'DIALYSIS', 'OUTPATIENT')
    """
    code = text.strip().upper()
    return _STAY_TYPE_ALIASES.get(code, code)


def stay_type_spellings(types: Iterable[str]) -> tuple[str, ...]:
    """Every upper-case spelling of ``types`` (their aliases included), sorted, for a column test.

    >>> stay_type_spellings(["ssr", "MCO"])
    ('MCO', 'SMR', 'SSR')
    """
    canonical = {stay_type(t) for t in types}
    aliases = {a for a, c in _STAY_TYPE_ALIASES.items() if c in canonical}
    return tuple(sorted(canonical | aliases))
