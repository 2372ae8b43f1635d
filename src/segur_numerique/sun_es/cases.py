"""The input of a SUN-ES simulation: one establishment and its application (a "case").

A case file is TOML or JSON, format ``segur_numerique.simulation/v1`` (its JSON Schema:
:func:`simulation_json_schema`); :func:`parse_case` and :func:`load_case` read one, with errors
that name the path of the bad value, and :func:`sample_case` is the embedded, **illustrative**,
sample establishment. :func:`~segur_numerique.sun_es.simulate` simulates a case.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from segur_numerique.core.inputs import read_document
from segur_numerique.core.text import plural_word
from segur_numerique.core.validators import check_date, parse_iso_date
from segur_numerique.core.values import JsonValue
from segur_numerique.entities.models import Establishment
from segur_numerique.entities.parsing import structure
from segur_numerique.errors import InvalidInputError
from segur_numerique.sun_es.evaluation import IndicatorCounts

SIMULATION_FORMAT = "segur_numerique.simulation/v1"
"""The ``format`` field of simulation input files."""

VOLET1_DOMAINS = ("discharge_documents", "biology", "imaging")
"""The volet 1 domains a simulation may apply for (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es])."""

_CASE_KEYS = frozenset(
    {"format", "name", "illustrative", "rules", "establishment", "application", "counts"}
)
_APPLICATION_KEYS = frozenset({"window", "domains", "ready_on", "on"})


def _domains(value: Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise InvalidInputError("must be a list of domains, not a string", where="domains")
    out = tuple(value)
    for i, d in enumerate(out):
        if d not in VOLET1_DOMAINS:
            raise InvalidInputError(
                f"unknown volet 1 domain {d!r}; expected one of {', '.join(VOLET1_DOMAINS)}",
                where=f"domains[{i}]",
            )
    if len(set(out)) != len(out):
        raise InvalidInputError("a domain is given twice", where="domains")
    return out


def _counts(
    value: Mapping[str, IndicatorCounts] | Iterable[IndicatorCounts],
) -> tuple[IndicatorCounts, ...]:
    items = tuple(value.values()) if isinstance(value, Mapping) else tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, IndicatorCounts):
            raise InvalidInputError(f"expected IndicatorCounts, got {item!r}", where=f"counts[{i}]")
    return items


def _window_name(_instance: object, _attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("F1", "F2", "F3", "F4"):
        raise InvalidInputError(f"expected F1, F2, F3 or F4, got {value!r}", where="window")


def _optional_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        check_date(value, where=attribute.name)


@attrs.frozen
class SimulationCase:
    """An establishment and its SUN-ES volet 1 application, as simulated by :func:`~segur_numerique.sun_es.simulate`.

    Attributes:
        establishment: the establishment.
        window: the window it applies to (``F1`` to ``F4``).
        name: a name for reports (the FINESS by default).
        domains: the volet 1 domains applied for; by default every domain it may have
            (documents de sortie; biologie with an own lab; imagerie with own imaging).
        counts: the numerator and denominator of its indicators, if known; without counts the
            forfaits are those at stake (as if the targets were reached), and the report says so.
        ready_on: the date from which it can reach its targets; after its window's deadline it
            is moved to a later window (rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es]).
        on: read the rule values as known on this date (latest by default).
    """

    establishment: Establishment
    window: str = attrs.field(validator=_window_name)
    name: str | None = None
    domains: tuple[str, ...] | None = attrs.field(default=None, converter=_domains)
    counts: tuple[IndicatorCounts, ...] = attrs.field(default=(), converter=_counts)
    ready_on: dt.date | None = attrs.field(default=None, validator=_optional_date)
    on: dt.date | None = attrs.field(default=None, validator=_optional_date)

    @property
    def label(self) -> str:
        """The name, or ``FINESS <géographique>``."""
        return self.name or f"FINESS {self.establishment.finess_geographique}"

    def applied_domains(self) -> tuple[str, ...]:
        """The domains applied for (explicit, or those the establishment may have)."""
        if self.domains is not None:
            return self.domains
        est = self.establishment
        return tuple(
            d
            for d, has in zip(VOLET1_DOMAINS, (True, est.own_lab, est.own_imaging), strict=True)
            if has
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The case in the shape :func:`parse_case` reads."""
        application: dict[str, JsonValue] = {"window": self.window}
        if self.domains is not None:
            application["domains"] = list(self.domains)
        if self.ready_on is not None:
            application["ready_on"] = self.ready_on.isoformat()
        if self.on is not None:
            application["on"] = self.on.isoformat()
        out: dict[str, JsonValue] = {
            "format": SIMULATION_FORMAT,
            "establishment": self.establishment.to_json(),
            "application": application,
            "counts": {
                c.indicator: {"numerator": c.numerator, "denominator": c.denominator}
                for c in self.counts
            },
        }
        if self.name is not None:
            out["name"] = self.name
        return out


@attrs.frozen
class SimulationInput:
    """A parsed simulation file: the case, and the rule set it asks for."""

    case: SimulationCase
    rules: str = "official"
    """``official`` or ``illustrative``."""
    illustrative: bool = False
    """The file says its establishment is illustrative (a made-up sample)."""


def _unexpected(data: Mapping[str, Any], expected: frozenset[str], where: str) -> None:
    """A typed error naming the fields of ``data`` that are not ``expected``."""
    extra = sorted(set(data) - expected)
    if extra:
        raise InvalidInputError(
            f"{plural_word(len(extra), 'en', 'unexpected field', 'unexpected fields')} "
            f"{', '.join(extra)}; expected {', '.join(sorted(expected))}",
            where=where,
        )


def _parse_counts(raw_counts: object, where: str) -> tuple[IndicatorCounts, ...]:
    """The ``counts`` table: ``{indicator = {numerator = n, denominator = d}}``."""
    if not isinstance(raw_counts, Mapping):
        raise InvalidInputError("expected a table of indicators", where=f"{where}.counts")
    counts = []
    for indicator, pair in raw_counts.items():
        at = f"{where}.counts.{indicator}"
        if not isinstance(pair, Mapping) or set(pair) != {"numerator", "denominator"}:
            raise InvalidInputError("expected {numerator = n, denominator = d}", where=at)
        try:
            counts.append(IndicatorCounts(indicator, pair["numerator"], pair["denominator"]))
        except InvalidInputError as exc:
            raise type(exc)(exc.what, where=at) from None
    return tuple(counts)


def _parse_options(data: Mapping[str, Any], where: str) -> tuple[str, bool, str | None]:
    """The ``rules``, ``illustrative`` and ``name`` fields of a case file."""
    rules = data.get("rules", "official")
    if rules not in ("official", "illustrative"):
        raise InvalidInputError(
            f"expected 'official' or 'illustrative', got {rules!r}", where=f"{where}.rules"
        )
    illustrative = data.get("illustrative", False)
    if not isinstance(illustrative, bool):
        raise InvalidInputError("expected true or false", where=f"{where}.illustrative")
    name = data.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise InvalidInputError("expected a non-empty string", where=f"{where}.name")
    return rules, illustrative, name


def parse_case(data: Mapping[str, Any], *, where: str = "simulation") -> SimulationInput:
    """A simulation input from a mapping (as read from TOML or JSON); errors name the path.

    >>> raw = {
    ...     "format": "segur_numerique.simulation/v1",
    ...     "establishment": {
    ...         "finess_juridique": "750712184",
    ...         "finess_geographique": "750100042",
    ...         "legal_status": "public",
    ...         "activities": ["mco"],
    ...         "activity_2019": 1,
    ...     },
    ...     "application": {"window": "F5"},
    ... }
    >>> parse_case(raw)
    Traceback (most recent call last):
    ...
    segur_numerique.errors.InvalidInputError: simulation.application.window: expected F1, F2, F3 or F4, got 'F5'
    """
    if not isinstance(data, Mapping):
        raise InvalidInputError("expected a table", where=where)
    if data.get("format") != SIMULATION_FORMAT:
        raise InvalidInputError(
            f"format must be {SIMULATION_FORMAT!r}, got {data.get('format')!r}",
            where=f"{where}.format",
        )
    _unexpected(data, _CASE_KEYS, where)
    for required in ("establishment", "application"):
        if not isinstance(data.get(required), Mapping):
            raise InvalidInputError("a table is required", where=f"{where}.{required}")
    establishment = structure(data["establishment"], Establishment, where=f"{where}.establishment")
    application = data["application"]
    _unexpected(application, _APPLICATION_KEYS, f"{where}.application")
    counts = _parse_counts(data.get("counts", {}), where)
    rules, illustrative, name = _parse_options(data, where)
    try:
        case = SimulationCase(
            establishment=establishment,
            window=application.get("window"),
            name=name,
            domains=application.get("domains"),
            counts=counts,
            ready_on=(
                parse_iso_date(application["ready_on"], "ready_on")
                if "ready_on" in application
                else None
            ),
            on=parse_iso_date(application["on"], "on") if "on" in application else None,
        )
    except InvalidInputError as exc:
        raise type(exc)(exc.what, where=f"{where}.application.{exc.where}") from None
    return SimulationInput(case, rules, illustrative)


def load_case(path: str | Path) -> SimulationInput:
    """Read a simulation file (TOML or JSON, by extension).

    Raises:
        InvalidInputError: the file cannot be read or a value is bad; ``where`` names the file
            and the path of the value.
    """
    file = Path(path)
    data: Any = read_document(file, what="simulation file")
    return parse_case(data, where=str(file))


def simulation_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of simulation input files."""
    path = resources.files("segur_numerique").joinpath("schemas/simulation.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def sample_path() -> Path:
    """The embedded sample establishment (``samples/sample_establishment.toml``; illustrative)."""
    return Path(
        str(resources.files("segur_numerique").joinpath("samples/sample_establishment.toml"))
    )


def sample_case() -> SimulationInput:
    """The embedded sample establishment: **illustrative**, a made-up hospital.

    >>> sample_case().illustrative
    True
    """
    return load_case(sample_path())
