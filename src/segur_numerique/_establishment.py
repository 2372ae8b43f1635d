"""Who the programmes fund: establishments, ESMS and their grappes, doctors, software vendors.

RULES.md §2.3 (SUN-ES eligibility), §3 (SONS), §5 (ESMS numérique), §6 (avenant 9).

**FINESS numbers.** A FINESS number (Fichier national des établissements sanitaires et
sociaux) has 9 characters, the first two giving the département of the structure (ANS,
« FINESS Directory »: "composed of 9 characters, with the first two figures corresponding to the
department"). :class:`Finess` checks exactly this:

* 9 characters, no spaces (``"75 000 001 7"`` as printed on the FINESS site is refused: pass
  ``Finess.parse`` to strip the spaces of that display format);
* the first two characters are a département code: ``01``-``95`` except ``20``, or ``2A`` /
  ``2B`` (Corse), or ``97`` / ``98`` (outre-mer: the third character, a digit, then names the
  département or collectivité, as in the INSEE geographic code; inferred, not stated by the ANS);
* the other seven characters are digits.

The last character is commonly described as a check key, but **no public source we could read
states its algorithm**; the check digit is therefore **not** verified (a number with a wrong key is
accepted). This is deliberate: a guessed algorithm would reject real numbers.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from segur_numerique.core.validators import read_text_file
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import InvalidInputError

_E = TypeVar("_E", bound=enum.Enum)


class InvalidFinessError(InvalidInputError):
    """A FINESS number is malformed (length, département code or characters)."""


class UnknownChoiceError(InvalidInputError):
    """A value is not one of a closed set (a legal status, an activity, a couloir...).

    Attributes:
        allowed: the accepted values.
    """

    def __init__(self, what: str, *, allowed: tuple[str, ...], where: str | None = None) -> None:
        self.allowed = allowed
        super().__init__(f"{what}; allowed values: {', '.join(allowed)}", where=where)


FINESS_PATTERN: Final = r"^(?:(?:0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5])[0-9]{7}|9[78][0-9]{7})$"
"""The FINESS format checked by :class:`Finess`, as a regular expression (also used by batches)."""
_FINESS_RE: Final = re.compile(FINESS_PATTERN)


def _check_finess(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidFinessError(
            f"a FINESS number is a string of 9 characters, got {type(value).__name__}", where=where
        )
    if len(value) != 9:
        raise InvalidFinessError(
            f"a FINESS number has 9 characters, got {len(value)} ({value!r})", where=where
        )
    match = _FINESS_RE.match(value)
    if match is None:
        raise InvalidFinessError(
            f"{value!r} does not start with a département code (01-95, 2A, 2B, 97x, 98x) "
            "followed by digits only",
            where=where,
        )
    return value


@attrs.frozen(order=True)
class Finess:
    """A FINESS number (juridique or géographique): format checked, check digit not verified.

    >>> Finess("750712184").departement
    '75'
    >>> Finess("2A0000014").in_corse_or_outre_mer, Finess("971234567").departement
    (True, '971')
    >>> Finess("7507121")
    Traceback (most recent call last):
    ...
    segur_numerique._establishment.InvalidFinessError: finess: a FINESS number has 9 characters, got 7 ('7507121')
    """

    value: str

    def __init__(self, value: str, *, where: str = "finess") -> None:
        self.__attrs_init__(_check_finess(value, where))  # type: ignore[attr-defined]

    @classmethod
    def parse(cls, text: str, *, where: str = "finess") -> Finess:
        """Read a FINESS number as displayed (``"75 071 218 4"``): spaces are removed.

        >>> Finess.parse("75 071 218 4")
        Finess('750712184')
        """
        if not isinstance(text, str):
            raise InvalidFinessError(f"expected a string, got {type(text).__name__}", where=where)
        return cls("".join(text.split()), where=where)  # type: ignore[call-arg]

    @property
    def departement(self) -> str:
        """The département code: two characters, or three for outre-mer (``971``...)."""
        return self.value[:3] if self.value[:2] in {"97", "98"} else self.value[:2]

    @property
    def in_corse_or_outre_mer(self) -> bool:
        """Whether the structure is in Corse (2A, 2B) or outre-mer (97x, 98x)."""
        return self.value[:2] in {"2A", "2B", "97", "98"}

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"Finess('{self.value}')"

    def to_json(self) -> str:
        """The number as a plain string."""
        return self.value

    def render(self, lang: str) -> str:
        """The number itself."""
        return self.value


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
    """Legal status (statut juridique) of a health establishment (RULES.md §2.3)."""

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
    """Activity field of a health establishment (RULES.md §2.3)."""

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
    """A SONS couloir (RULES.md §3)."""

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


def _non_empty_str(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"must be a non-empty string, got {value!r}", where=attribute.name)


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
            means no activity in 2019. Its exact definition is unknown (RULES.md §2.4).
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
    """A social or medico-social establishment or service (ESMS / ESSMS), RULES.md §5.

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
    """A group of ESMS applying together to ESMS numérique (RULES.md §5).

    Attributes:
        name: the project name.
        members: the ESMS of the grappe (each FINESS once).
        corse_or_outre_mer: whether the grappe is in Corse or outre-mer (lower threshold). When
            not given, it is derived from the members' FINESS: true only if *every* member is in
            Corse or outre-mer.
    """

    name: str = attrs.field(validator=_non_empty_str)
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
    """A liberal doctor (médecin libéral), RULES.md §6.

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
    """A software solution and its ANS referencing against a DSR (RULES.md §3).

    Attributes:
        name: the solution's name.
        couloir: its SONS couloir.
        dispositif: the funding scheme (dispositif) it is referenced for, e.g. ``HOP-DPI-VA1``.
        dsr_version: the DSR version it was referenced against.
        referencing_file_complete_on: the date its referencing file (proofs of conformity) was
            deemed complete; ``None`` while not complete.
        referenced: whether the ANS granted the referencing.
    """

    name: str = attrs.field(validator=_non_empty_str)
    couloir: Couloir = attrs.field(converter=_couloir)
    dispositif: str = attrs.field(validator=_non_empty_str)
    dsr_version: str = attrs.field(validator=_non_empty_str)
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

    name: str = attrs.field(validator=_non_empty_str)
    solutions: tuple[ReferencedSolution, ...] = attrs.field(converter=_solutions, default=())


# --------------------------------------------------------------------------------------------
# Parsing dicts / JSON / TOML with cattrs, with typed errors that carry the path of the value.


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)

    def strict_bool(value: object, _t: object) -> bool:
        if not isinstance(value, bool):
            raise InvalidInputError(f"must be true or false, got {value!r}")
        return value

    def strict_int(value: object, _t: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(f"must be a whole number, got {value!r}")
        return value

    def strict_str(value: object, _t: object) -> str:
        if not isinstance(value, str):
            raise InvalidInputError(f"must be a string, got {value!r}")
        return value

    def date(value: object, _t: object) -> dt.date:
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise InvalidInputError(f"must be a date YYYY-MM-DD, got {value!r}") from None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise InvalidInputError(f"must be a date YYYY-MM-DD, got {value!r}")
        return value

    conv.register_structure_hook(bool, strict_bool)
    conv.register_structure_hook(int, strict_int)
    conv.register_structure_hook(str, strict_str)
    conv.register_structure_hook(dt.date, date)
    conv.register_structure_hook(Finess, lambda v, _t: Finess(v))
    conv.register_structure_hook(LegalStatus, lambda v, _t: LegalStatus.parse(v))
    conv.register_structure_hook(Activity, lambda v, _t: Activity.parse(v))
    conv.register_structure_hook(Couloir, lambda v, _t: Couloir.parse(v))

    def id_set(value: object, _t: object) -> frozenset[str]:
        if not isinstance(value, list | tuple):
            raise InvalidInputError(f"must be a list of identifiers, got {value!r}")
        return _ids(value)

    def activity_set(value: object, _t: object) -> frozenset[Activity]:
        if not isinstance(value, list | tuple):
            raise InvalidInputError(f"must be a list of activities, got {value!r}")
        items = []
        for i, v in enumerate(value):
            try:
                items.append(Activity.parse(v))
            except UnknownChoiceError as exc:
                raise UnknownChoiceError(
                    exc.what.split("; allowed")[0], allowed=exc.allowed, where=f"[{i}]"
                ) from None
        return frozenset(items)

    conv.register_structure_hook_func(lambda t: t == frozenset[str], id_set)
    conv.register_structure_hook_func(lambda t: t == frozenset[Activity], activity_set)
    return conv


_CONVERTER: Final = _make_converter()


def _first_leaf(exc: BaseException, path: str, at_field: bool = False) -> tuple[BaseException, str]:
    """The first leaf error of a cattrs exception group, with the path leading to it."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without_notes = exc.group_exceptions()
        if not with_notes:
            return _first_leaf(without_notes[0], path, at_field=False)
        sub, note = with_notes[0]
        name = getattr(note, "name", None)
        index = getattr(note, "index", None)
        if isinstance(name, str):
            return _first_leaf(sub, f"{path}.{name}", at_field=True)
        if isinstance(index, int):
            return _first_leaf(sub, f"{path}[{index}]", at_field=True)
        return _first_leaf(sub, path, at_field=False)
    if isinstance(exc, InvalidInputError) and exc.where:
        if exc.where.startswith("["):  # an item of a list checked by a hook
            return exc, f"{path}{exc.where}"
        if not at_field:  # raised by the class itself: its ``where`` names the field
            return exc, f"{path}.{exc.where}"
    return exc, path


_T = TypeVar("_T")


def structure(data: object, cls: type[_T], *, where: str) -> _T:
    """Structure raw data (from JSON/TOML) into ``cls``; errors name the path of the bad value.

    Raises:
        InvalidInputError: (or a subclass: :class:`InvalidFinessError`,
            :class:`UnknownChoiceError`) with ``where`` such as ``establishments[3].finess_juridique``.
    """
    try:
        return _CONVERTER.structure(data, cls)
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
        leaf, path = _first_leaf(exc, where)
        if isinstance(leaf, ForbiddenExtraKeysError):
            extra = ", ".join(sorted(leaf.extra_fields))
            raise InvalidInputError(f"unknown field(s): {extra}", where=path) from None
        if isinstance(leaf, UnknownChoiceError):
            raise UnknownChoiceError(
                leaf.what.split("; allowed")[0], allowed=leaf.allowed, where=path
            ) from None
        if isinstance(leaf, InvalidInputError):
            raise type(leaf)(leaf.what, where=path) from None
        if isinstance(leaf, KeyError):
            raise InvalidInputError("required field is missing", where=path) from None
        raise InvalidInputError(str(leaf), where=path) from None
    except InvalidInputError as exc:
        raise type(exc)(exc.what, where=f"{where}.{exc.where}" if exc.where else where) from None


def parse_establishments(
    data: Iterable[Mapping[str, object]], *, where: str = "establishments"
) -> tuple[Establishment, ...]:
    """Establishments from a list of dicts (as read from JSON or TOML).

    >>> parse_establishments(
    ...     [
    ...         {
    ...             "finess_juridique": "750712184",
    ...             "finess_geographique": "750100042",
    ...             "legal_status": "hospice",
    ...             "activities": ["mco"],
    ...             "activity_2019": 1,
    ...         }
    ...     ]
    ... )
    Traceback (most recent call last):
    ...
    segur_numerique._establishment.UnknownChoiceError: establishments[0].legal_status: unknown LegalStatus 'hospice'; allowed values: public, private, espic, clcc
    """
    if isinstance(data, Mapping | str | bytes):
        raise InvalidInputError("expected a list of establishments", where=where)
    out = []
    for i, row in enumerate(data):
        if not isinstance(row, Mapping):
            raise InvalidInputError(
                f"expected a table of fields, got {type(row).__name__}", where=f"{where}[{i}]"
            )
        out.append(structure(row, Establishment, where=f"{where}[{i}]"))
    return tuple(out)


def load_establishments(path: str | Path) -> tuple[Establishment, ...]:
    """Read establishments from a JSON or TOML file.

    JSON: a list, or ``{"establishments": [...]}``; TOML: ``[[establishments]]`` tables.

    Raises:
        InvalidInputError: the file cannot be read or a value is bad; ``where`` gives the file and
            the path of the value, e.g. ``sites.toml: establishments[3].finess_juridique``.
    """
    file = Path(path)
    text = read_text_file(file)
    try:
        raw: Any = tomllib.loads(text) if file.suffix == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInputError(f"malformed file: {exc}", where=str(file)) from None
    if isinstance(raw, dict):
        if set(raw) != {"establishments"}:
            raise InvalidInputError("expected a single key 'establishments'", where=f"{file}")
        raw = raw["establishments"]
    try:
        return parse_establishments(raw)
    except InvalidInputError as exc:
        raise type(exc)(exc.what, where=f"{file}: {exc.where}") from None
