"""Who the programmes fund: establishments, ESMS and their grappes, doctors, software vendors.

rules digest, SUN-ES §2.3, SONS §3, ESMS numérique §5, avenant 9 §6 [docs: explanation/rules]. FINESS numbers
are checked by :mod:`segur_numerique.entities.finess`; reading these objects from JSON or TOML is
:mod:`segur_numerique.entities.parsing`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import attrs

from segur_numerique.core.validators import non_empty_text
from segur_numerique.core.values import JsonValue
from segur_numerique.entities.choices import Activity, Couloir, LegalStatus
from segur_numerique.entities.finess import Finess
from segur_numerique.errors import InvalidInputError


def _legal_status(value: object) -> LegalStatus:
    return LegalStatus.parse(value)


def _couloir(value: object) -> Couloir:
    return Couloir.parse(value)


def _non_negative_int(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(
            f"must be a whole number, got {type(value).__name__}", where=attribute.name
        )
    if value < 0:
        raise InvalidInputError(f"cannot be negative, got {value}", where=attribute.name)


def _bool(_instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise InvalidInputError(f"must be true or false, got {value!r}", where=attribute.name)


def _finess_field(value: object) -> Finess:
    return value if isinstance(value, Finess) else Finess(value)  # type: ignore[arg-type]


def _activities(value: Iterable[object]) -> frozenset[Activity]:
    if isinstance(value, str | bytes):
        raise InvalidInputError("must be a list of activities, not a string", where="activities")
    return frozenset(Activity.parse(v, where=f"activities[{i}]") for i, v in enumerate(value))


def _ids(value: Iterable[object]) -> frozenset[str]:
    if isinstance(value, str | bytes):
        raise InvalidInputError(
            "must be a list of identifiers, not a string", where="prerequisites"
        )
    out = []
    for i, v in enumerate(value):
        if not isinstance(v, str) or not v.strip():
            raise InvalidInputError(f"must be a non-empty string, got {v!r}", where=f"[{i}]")
        out.append(v)
    return frozenset(out)


@attrs.frozen
class Establishment:
    """A health establishment (établissement de santé sanitaire), as declared by its applicant.

    Attributes:
        finess_juridique: the legal entity (entité juridique).
        finess_geographique: the site (établissement géographique).
        legal_status: public, private, ESPIC or CLCC.
        activities: MCO, SSR/SMR, PSY, HAD, dialysis (at least one).
        activity_2019: the 2019 activity (« activité combinée », the basis of SUN-ES amounts); 0
            means no activity in 2019. Its exact definition is unknown (rules digest, SUN-ES §2.4 [docs: explanation/rules/sun-es]).
        own_lab: a medical biology lab under the same FINESS juridique.
        own_imaging: an imaging platform under the same FINESS juridique.
        operating_theatre: the establishment has an operating theatre (bloc opératoire).
        sun_es_prerequisites: the SUN-ES prerequisites declared met (identifiers of the checklist
            in the rule data, e.g. ``identity_vigilance``).
        hopen_prerequisites: the HOP'EN prerequisites declared met (``P1``-``P4``).

    >>> e = Establishment(
    ...     finess_juridique="750712184",
    ...     finess_geographique="750100042",
    ...     legal_status="public",
    ...     activities=["mco", "dialyse"],
    ...     activity_2019=12000,
    ... )
    >>> sorted(a.value for a in e.activities), e.legal_status
    (['dialysis', 'mco'], <LegalStatus.PUBLIC: 'public'>)
    """

    finess_juridique: Finess = attrs.field(converter=_finess_field)
    finess_geographique: Finess = attrs.field(converter=_finess_field)
    legal_status: LegalStatus = attrs.field(converter=_legal_status)
    activities: frozenset[Activity] = attrs.field(converter=_activities)
    activity_2019: int = attrs.field(validator=_non_negative_int)
    own_lab: bool = attrs.field(default=False, validator=_bool, kw_only=True)
    own_imaging: bool = attrs.field(default=False, validator=_bool, kw_only=True)
    operating_theatre: bool = attrs.field(default=False, validator=_bool, kw_only=True)
    sun_es_prerequisites: frozenset[str] = attrs.field(
        default=frozenset(), converter=_ids, kw_only=True
    )
    hopen_prerequisites: frozenset[str] = attrs.field(
        default=frozenset(), converter=_ids, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if not self.activities:
            raise InvalidInputError("at least one activity is required", where="activities")

    def to_json(self) -> dict[str, JsonValue]:
        """The establishment as a JSON object (the same shape :func:`parse_establishments` reads)."""
        return {
            "finess_juridique": self.finess_juridique.value,
            "finess_geographique": self.finess_geographique.value,
            "legal_status": self.legal_status.value,
            "activities": sorted(a.value for a in self.activities),
            "activity_2019": self.activity_2019,
            "own_lab": self.own_lab,
            "own_imaging": self.own_imaging,
            "operating_theatre": self.operating_theatre,
            "sun_es_prerequisites": sorted(self.sun_es_prerequisites),
            "hopen_prerequisites": sorted(self.hopen_prerequisites),
        }

    def render(self, lang: str) -> str:
        """``FINESS 750100042 (EJ 750712184)``."""
        return f"FINESS {self.finess_geographique} (EJ {self.finess_juridique})"


def _category(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{3}", value):
        raise InvalidInputError(
            f"a FINESS category is a 3-digit code (e.g. '500'), got {value!r}", where="category"
        )


@attrs.frozen
class Esms:
    """A social or medico-social establishment or service (ESMS / ESSMS), rules digest, ESMS numérique §5 [docs: explanation/rules/esms-numerique].

    Attributes:
        finess: its FINESS géographique.
        category: its 3-digit FINESS category code (e.g. ``500``).
    """

    finess: Finess = attrs.field(converter=_finess_field)
    category: str = attrs.field(validator=_category)

    def to_json(self) -> dict[str, JsonValue]:
        """``{"finess": ..., "category": ...}``."""
        return {"finess": self.finess.value, "category": self.category}

    def render(self, lang: str) -> str:
        """``ESMS 750000017 (category 500)``."""
        return f"ESMS {self.finess} ({'catégorie' if lang == 'fr' else 'category'} {self.category})"


def _members(value: Iterable[Esms]) -> tuple[Esms, ...]:
    members = tuple(value)
    for i, m in enumerate(members):
        if not isinstance(m, Esms):
            raise InvalidInputError(
                f"expected an Esms, got {type(m).__name__}", where=f"members[{i}]"
            )
    seen: set[Finess] = set()
    for i, m in enumerate(members):
        if m.finess in seen:
            raise InvalidInputError(f"ESMS {m.finess} appears twice", where=f"members[{i}].finess")
        seen.add(m.finess)
    return members


@attrs.frozen
class Grappe:
    """A group of ESMS applying together to ESMS numérique (rules digest, ESMS numérique §5 [docs: explanation/rules/esms-numerique]).

    Attributes:
        name: the project name.
        members: the ESMS of the grappe (each FINESS once).
        corse_or_outre_mer: whether the grappe is in Corse or outre-mer (lower threshold). When
            not given, it is derived from the members' FINESS: true only if *every* member is in
            Corse or outre-mer.
    """

    name: str = attrs.field(validator=non_empty_text)
    members: tuple[Esms, ...] = attrs.field(converter=_members)
    corse_or_outre_mer: bool | None = attrs.field(default=None, kw_only=True)

    @property
    def size(self) -> int:
        """The number of ESMS."""
        return len(self.members)

    @property
    def in_corse_or_outre_mer(self) -> bool:
        """The declared territory, else derived from the members' FINESS."""
        if self.corse_or_outre_mer is not None:
            return self.corse_or_outre_mer
        return bool(self.members) and all(m.finess.in_corse_or_outre_mer for m in self.members)

    def render(self, lang: str) -> str:
        """``grappe 'X' (17 ESMS)``."""
        return f"grappe {self.name!r} ({self.size} ESMS)"


def _rpps(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{11}", value):
        raise InvalidInputError(f"an RPPS number has 11 digits, got {value!r}", where="rpps")


@attrs.frozen
class LiberalDoctor:
    """A liberal doctor (médecin libéral), rules digest, avenant 9 §6 [docs: explanation/rules/avenant9].

    Attributes:
        rpps: the 11-digit RPPS number (format checked only).
        medecin_traitant_ald_patients: ALD patients for whom the doctor is médecin traitant.
    """

    rpps: str = attrs.field(validator=_rpps)
    medecin_traitant_ald_patients: int = attrs.field(
        default=0, validator=_non_negative_int, kw_only=True
    )


def _optional_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (isinstance(value, dt.datetime) or not isinstance(value, dt.date)):
        raise InvalidInputError(f"must be a date, got {value!r}", where=attribute.name)


@attrs.frozen
class ReferencedSolution:
    """A software solution and its ANS referencing against a DSR (rules digest, SONS §3 [docs: explanation/rules/sons]).

    Attributes:
        name: the solution's name.
        couloir: its SONS couloir.
        dispositif: the funding scheme (dispositif) it is referenced for, e.g. ``HOP-DPI-VA1``.
        dsr_version: the DSR version it was referenced against.
        referencing_file_complete_on: the date its referencing file (proofs of conformity) was
            deemed complete; ``None`` while not complete.
        referenced: whether the ANS granted the referencing.
    """

    name: str = attrs.field(validator=non_empty_text)
    couloir: Couloir = attrs.field(converter=_couloir)
    dispositif: str = attrs.field(validator=non_empty_text)
    dsr_version: str = attrs.field(validator=non_empty_text)
    referencing_file_complete_on: dt.date | None = attrs.field(validator=_optional_date)
    referenced: bool = attrs.field(validator=_bool)

    def __attrs_post_init__(self) -> None:
        if self.referenced and self.referencing_file_complete_on is None:
            raise InvalidInputError(
                "a referenced solution needs the date its referencing file was complete",
                where="referencing_file_complete_on",
            )


def _solutions(value: Iterable[ReferencedSolution]) -> tuple[ReferencedSolution, ...]:
    return tuple(value)


@attrs.frozen
class SoftwareVendor:
    """A software vendor (éditeur) and its solutions referenced for SONS."""

    name: str = attrs.field(validator=non_empty_text)
    solutions: tuple[ReferencedSolution, ...] = attrs.field(converter=_solutions, default=())
