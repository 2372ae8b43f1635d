"""Rule values with provenance: loading, validation, dated reads and caller overlays.

Every value of RULES.md whose status is confirmed, secondary, inferred or conflicting is shipped as
data (``segur_numerique/data/*.toml``), read with :mod:`tomllib`, structured with cattrs into
frozen attrs objects and validated at load time (sources, closed sets of statuses and units,
unknown or duplicate keys, malformed amounts and dates, parts adding up to their whole).

Values nobody could source are *declared* (``[unknowns]``) but never given a value: a computation
that needs one calls :meth:`RuleSet.read` and gets a :class:`~segur_numerique.MissingParameterError`
naming it, unless the caller supplied it in a parameter file (:func:`load_parameter_file`,
:meth:`RuleSet.with_overlay`).

Time: each value has versions keyed by the date from which they hold (``since``: the date a value
takes effect, or the date a revised deadline was announced). :meth:`RuleValue.as_known_on` returns
the latest version whose ``since`` is on or before the query date, so a read never uses a value
announced after the query date.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
import functools
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError
from cattrs.v import format_exception as _cattrs_format_exception

from segur_numerique.core.explanation import ParameterRead
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import (
    ConflictingValueError,
    InvalidInputError,
    MissingParameterError,
    RuleDataError,
    UnknownRuleError,
)
from segur_numerique.rules.provenance import DatePrecision, Origin, Source, Status, Unit

RULES_FORMAT = "segur_numerique.rules/v1"
"""The ``format`` line that every rule-data and parameter file starts with."""


@attrs.frozen
class Period:
    """An inclusive period of dates (``du 1er septembre au 31 octobre``).

    >>> Period(dt.date(2021, 1, 1), dt.date(2023, 12, 31)).days
    1095
    """

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInputError(
                f"ends ({self.end}) before it starts ({self.start})", where="period"
            )

    @property
    def days(self) -> int:
        """The number of days, both ends included."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def render(self, lang: str) -> str:
        """``2021-01-01 → 2023-12-31``."""
        return f"{self.start.isoformat()} → {self.end.isoformat()}"

    def to_json(self) -> dict[str, JsonValue]:
        """``{"type": "period", "start": ..., "end": ...}``."""
        return {"type": "period", "start": self.start.isoformat(), "end": self.end.isoformat()}


RuleScalar = Euro | Fraction | int | dt.date | dt.datetime | str | bool | Period
"""The Python types a rule value may have, chosen by its :class:`~segur_numerique.Unit`."""

_T = TypeVar("_T")


@attrs.frozen
class Alternative:
    """One version of a conflicting value, with its own sources."""

    name: str
    value: RuleScalar
    sources: tuple[Source, ...]
    note: Text | None = None


@attrs.frozen
class DatedValue:
    """A version of a rule value, holding from ``since`` on.

    For a ``conflicting`` value, :attr:`value` is the value of the default alternative
    (:attr:`default`), and :attr:`alternatives` lists every version with its sources.
    """

    since: dt.date
    value: RuleScalar
    status: Status
    sources: tuple[Source, ...]
    origin: Origin = Origin.OFFICIAL
    reasoning: Text | None = None
    note: Text | None = None
    alternatives: tuple[Alternative, ...] = ()
    default: str | None = None
    valid_until: dt.date | None = None
    last_verified: dt.date | None = None

    def alternative(self, name: str | None) -> Alternative | None:
        """The alternative called ``name`` (``None`` gives ``None``); raise if there is none."""
        if name is None:
            return None
        for alt in self.alternatives:
            if alt.name == name:
                return alt
        names = ", ".join(a.name for a in self.alternatives) or "none"
        raise ConflictingValueError(f"no alternative {name!r}; the alternatives are: {names}")


@attrs.frozen
class RuleValue:
    """A rule value: its key, labels, unit and dated versions."""

    key: str
    label: Text
    unit: Unit
    versions: tuple[DatedValue, ...]
    file: str
    description: Text | None = None
    replaces_official: bool = False
    """In a caller file: the value knowingly replaces an official one."""

    @property
    def origin(self) -> Origin:
        """Who vouches for the latest version."""
        return self.versions[-1].origin

    def as_known_on(self, on: dt.date | None = None) -> DatedValue:
        """The version in force on ``on`` (the latest version when ``on`` is ``None``).

        Raises:
            MissingParameterError: the value is not known on that date (its first version
                starts later).
        """
        if on is None:
            return self.versions[-1]
        check_date(on, where="on")
        known = [v for v in self.versions if v.since <= on]
        if not known:
            raise MissingParameterError(
                self.key,
                needed_for=f"a read as known on {on.isoformat()}, before its first version",
            )
        return known[-1]

    def read(self, on: dt.date | None = None, alternative: str | None = None) -> ParameterRead:
        """The value as known on ``on``, as a :class:`ParameterRead` for explanations."""
        version = self.as_known_on(on)
        alt = version.alternative(alternative)
        return ParameterRead(
            key=self.key,
            label=self.label,
            value=alt.value if alt else version.value,
            unit=self.unit,
            status=version.status,
            origin=version.origin,
            sources=alt.sources if alt else version.sources,
            since=version.since,
            alternative=alt.name if alt else version.default,
            reasoning=version.reasoning,
        )


@attrs.frozen
class UnknownValue:
    """A value the rules need but nobody could source: the caller must supply it.

    ``pattern`` may contain ``*``, standing for one dotted segment (``sun_es.target.*.*``).
    """

    pattern: str
    label: Text
    unit: Unit
    why: Text
    file: str

    def matches(self, key: str) -> bool:
        """Whether ``key`` is an instance of this unknown."""
        parts, pats = key.split("."), self.pattern.split(".")
        return len(parts) == len(pats) and all(
            fnmatch.fnmatchcase(k, p) for k, p in zip(parts, pats, strict=True)
        )


@attrs.frozen
class SumCheck:
    """Parts that must add up to their whole (RULES.md §1: 158 + 52 = 210 M€)."""

    whole: str
    parts: tuple[str, ...]
    file: str


def value_as(read: ParameterRead, kind: type[_T]) -> _T:
    """The value of ``read``, checked to be a ``kind`` (see :meth:`RuleSet.read_as`).

    Raises:
        RuleDataError: the value is not a ``kind``.
    """
    value = read.value
    if not isinstance(value, kind):
        raise RuleDataError(
            f"expected a {kind.__name__} value, got {value!r}",
            file=f"rule data ({read.origin.value})",
            path=f"values.{read.key!r}",
        )
    return value


@attrs.define
class ReadRecorder:
    """Reads rule values as known on ``on`` and keeps every read, in order, for an explanation.

    A short-lived helper of one computation (not a result: results hold ``tuple(reads)``).
    """

    rules: RuleSet
    on: dt.date | None = None
    reads: list[ParameterRead] = attrs.Factory(list)

    def read_as(self, key: str, kind: type[_T]) -> _T:
        """:meth:`RuleSet.read_as` of ``key``, recording the read."""
        value, read = self.rules.read_as(key, kind, on=self.on)
        self.reads.append(read)
        return value


def _freeze_values(values: Mapping[str, RuleValue]) -> Mapping[str, RuleValue]:
    return dict(sorted(values.items()))


@attrs.frozen
class RuleSet:
    """An immutable set of rule values: the official data, possibly overlaid by the caller's.

    >>> rules = load_rules()
    >>> rules.get("sun_es.envelope.total")
    Euro('210000000.00')
    >>> rules.read("sun_es.envelope.total").status.value
    'confirmed'
    """

    values: Mapping[str, RuleValue] = attrs.field(converter=_freeze_values)
    unknowns: tuple[UnknownValue, ...] = ()
    checks: tuple[SumCheck, ...] = ()

    def __iter__(self) -> Iterator[RuleValue]:
        return iter(self.values.values())

    def __len__(self) -> int:
        return len(self.values)

    def __contains__(self, key: object) -> bool:
        return key in self.values

    def unknown_for(self, key: str) -> UnknownValue | None:
        """The declared unknown that ``key`` is an instance of, if any."""
        return next((u for u in self.unknowns if u.matches(key)), None)

    def value(self, key: str) -> RuleValue:
        """The rule value called ``key``.

        Raises:
            MissingParameterError: ``key`` is a declared unknown the caller has not supplied.
            UnknownRuleError: no rule value or declared unknown has that key.
        """
        found = self.values.get(key)
        if found is not None:
            return found
        unknown = self.unknown_for(key)
        if unknown is not None:
            raise MissingParameterError(key, needed_for=unknown.label.en)
        close = tuple(difflib.get_close_matches(key, list(self.values), n=3))
        raise UnknownRuleError(key, suggestions=close)

    def read(
        self, key: str, *, on: dt.date | None = None, alternative: str | None = None
    ) -> ParameterRead:
        """Read ``key`` as known on ``on`` (latest when ``None``), with its provenance."""
        return self.value(key).read(on, alternative)

    def read_as(
        self,
        key: str,
        kind: type[_T],
        *,
        on: dt.date | None = None,
        alternative: str | None = None,
    ) -> tuple[_T, ParameterRead]:
        """Read ``key`` like :meth:`read` and check that its value is a ``kind``.

        Returns the value, typed, and the read (for the explanation).

        Raises:
            RuleDataError: the value is not a ``kind`` (the rule data does not match the unit the
                computation expects).

        >>> rules = load_rules()
        >>> total, read = rules.read_as("sun_es.envelope.total", Euro)
        >>> total, read.key
        (Euro('210000000.00'), 'sun_es.envelope.total')
        """
        read = self.read(key, on=on, alternative=alternative)
        return value_as(read, kind), read

    def get(
        self, key: str, *, on: dt.date | None = None, alternative: str | None = None
    ) -> RuleScalar:
        """The bare value of ``key`` as known on ``on``; see :meth:`read` for provenance."""
        value: RuleScalar = self.read(key, on=on, alternative=alternative).value  # type: ignore[assignment]
        return value

    def is_supplied(self, key: str) -> bool:
        """Whether ``key`` has a value (official or caller-supplied)."""
        return key in self.values

    def missing(self, keys: Iterable[str]) -> tuple[str, ...]:
        """The keys among ``keys`` that have no value."""
        return tuple(k for k in keys if k not in self.values)

    def with_overlay(self, overlay: RuleSet) -> RuleSet:
        """A new rule set with ``overlay``'s values added (validated: see :func:`load_parameter_file`)."""
        merged = dict(self.values)
        for key, value in overlay.values.items():
            _check_overlay_value(self, value)
            merged[key] = value
        return RuleSet(merged, self.unknowns, self.checks)

    def reads(self, on: dt.date | None = None) -> tuple[ParameterRead, ...]:
        """Every value as known on ``on``, sorted by key (values not yet known are skipped)."""
        return tuple(v.read(on) for v in self if on is None or v.versions[0].since <= on)

    def to_json(self, on: dt.date | None = None) -> dict[str, JsonValue]:
        """Every rule value with its versions and provenance, as one JSON document."""
        return {
            "format": "segur_numerique.rule-values/v1",
            "as_known_on": on.isoformat() if on else None,
            "values": [_value_json(v, on) for v in self if on is None or v.versions[0].since <= on],
            "unknowns": [
                {
                    "key": u.pattern,
                    "label": u.label.to_json(),
                    "unit": u.unit.value,
                    "why": u.why.to_json(),
                }
                for u in self.unknowns
            ],
        }


def _value_json(value: RuleValue, on: dt.date | None) -> dict[str, JsonValue]:
    read = value.read(on)
    out = read.to_json()
    out["versions"] = [
        {
            "since": v.since.isoformat(),
            "value": encode_value(v.value),
            "status": v.status.value,
            "origin": v.origin.value,
            "sources": [s.to_json() for s in v.sources],
            "default": v.default,
            "alternatives": [
                {
                    "name": a.name,
                    "value": encode_value(a.value),
                    "sources": [s.to_json() for s in a.sources],
                }
                for a in v.alternatives
            ],
            "valid_until": v.valid_until.isoformat() if v.valid_until else None,
            "last_verified": v.last_verified.isoformat() if v.last_verified else None,
            "reasoning": v.reasoning.to_json() if v.reasoning else None,
            "note": v.note.to_json() if v.note else None,
        }
        for v in value.versions
    ]
    out["description"] = value.description.to_json() if value.description else None
    return out


# --------------------------------------------------------------------------------------------
# Loading: raw TOML → cattrs-structured raw classes → validated public objects.


@attrs.frozen
class _RawText:
    fr: str
    en: str


@attrs.frozen
class _RawSource:
    title: str
    date: dt.date
    url: str | None = None
    locator: str | None = None
    seed: str | None = None
    date_precision: DatePrecision = DatePrecision.DAY


@attrs.frozen
class _RawAlternative:
    name: str
    value: Any
    sources: list[str | _RawSource]
    note: _RawText | None = None


@attrs.frozen
class _RawVersion:
    since: dt.date
    status: Status
    value: Any = None
    sources: list[str | _RawSource] = attrs.Factory(list)
    reasoning: _RawText | None = None
    note: _RawText | None = None
    default: str | None = None
    alternatives: list[_RawAlternative] = attrs.Factory(list)
    valid_until: dt.date | None = None
    last_verified: dt.date | None = None


@attrs.frozen
class _RawValue:
    label: _RawText
    unit: Unit
    versions: list[_RawVersion]
    description: _RawText | None = None
    replaces_official: bool = False


@attrs.frozen
class _RawUnknown:
    label: _RawText
    unit: Unit
    why: _RawText


@attrs.frozen
class _RawCheck:
    kind: str
    whole: str
    parts: list[str]


@attrs.frozen
class _RawFile:
    format: str
    sources: dict[str, _RawSource] = attrs.Factory(dict)
    values: dict[str, _RawValue] = attrs.Factory(dict)
    unknowns: dict[str, _RawUnknown] = attrs.Factory(dict)
    checks: list[_RawCheck] = attrs.Factory(list)
    origin: str | None = None


class _DataValueError(ValueError):
    """A malformed value in a data file; its message is shown as is (see :func:`_format_error`)."""


def _structure_date(value: object, _type: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _DataValueError(f"expected a date (YYYY-MM-DD, unquoted), got {value!r}")
    return value


def _structure_str(value: object, _type: object) -> str:
    if not isinstance(value, str):
        raise _DataValueError(f"expected a string, got {value!r}")
    return value


def _structure_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        raise _DataValueError(f"expected true or false, got {value!r}")
    return value


def _enum_hook(kind: str, enum_type: type[Any]) -> Any:
    def structure(value: object, _type: object) -> Any:
        try:
            return enum_type(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in enum_type)
            raise _DataValueError(f"unknown {kind} {value!r}; expected one of {allowed}") from None

    return structure


def _format_error(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, _DataValueError):
        return str(exc)
    return _cattrs_format_exception(exc, type_)


def _structure_source_ref(value: object, _type: object) -> str | _RawSource:
    if isinstance(value, str):
        return value
    return _CONVERTER.structure(value, _RawSource)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(str | _RawSource, _structure_source_ref)
    converter.register_structure_hook(Status, _enum_hook("status", Status))
    converter.register_structure_hook(Unit, _enum_hook("unit", Unit))
    converter.register_structure_hook(DatePrecision, _enum_hook("date precision", DatePrecision))
    return converter


_CONVERTER = _make_converter()


def _path_of(message: str) -> tuple[str, str]:
    problem, _, path = message.rpartition(" @ ")
    if not problem:
        return "", message
    # cattrs writes values['a.b'].x; the loader's own errors write values."a.b".x
    path = re.sub(r"\['([^']*)'\]", r'."\1"', path.removeprefix("$")).lstrip(".")
    return path, problem


def _structure_file(data: dict[str, Any], file: str) -> _RawFile:
    try:
        return _CONVERTER.structure(data, _RawFile)
    except (ClassValidationError, ForbiddenExtraKeysError) as exc:
        messages = cattrs.transform_error(exc, path="$", format_exception=_format_error)
        path, problem = _path_of(messages[0])
        if len(messages) > 1:
            problem += f" (and {len(messages) - 1} more problem(s): {'; '.join(messages[1:4])})"
        raise RuleDataError(problem, file=file, path=path) from None


def _text(raw: _RawText | None, *, file: str, path: str) -> Text | None:
    if raw is None:
        return None
    try:
        return Text(fr=raw.fr, en=raw.en)
    except InvalidInputError as exc:
        raise RuleDataError(str(exc), file=file, path=path) from None


def _ratio(raw: object) -> Fraction:
    if isinstance(raw, (bool, float)):
        raise ValueError(f"write a rate as a string ('75 %', '3/4' or '0.75'), not {raw!r}")
    if isinstance(raw, int):
        value = Fraction(raw)
    elif isinstance(raw, str):
        text = raw.strip().replace(",", ".").replace("\u00a0", " ")
        if text.endswith("%"):
            value = Fraction(Decimal(text[:-1].strip())) / 100
        elif "/" in text:
            value = Fraction(text)
        else:
            value = Fraction(Decimal(text))
    else:
        raise ValueError(f"expected a rate, got {raw!r}")
    if not 0 <= value <= 1:
        raise ValueError(f"a rate must lie in [0, 1], got {raw!r}")
    return value


def _convert_value(raw: object, unit: Unit) -> RuleScalar:
    """Turn a raw TOML value into the Python type of ``unit``; raise ``ValueError`` if malformed."""
    if raw is None:
        raise ValueError("the value is missing")
    if unit is Unit.EUR or unit in {Unit.EUR_PER_POINT, Unit.EUR_PER_INHABITANTS}:
        if not isinstance(raw, str):
            raise ValueError(f"write an amount as a string ('158 M€', '1234.56'), not {raw!r}")
        try:
            return Euro.parse(raw) if any(c in raw for c in "€EUR") else Euro(raw)
        except InvalidInputError as exc:
            raise ValueError(exc.what) from None
    if unit is Unit.RATIO:
        try:
            return _ratio(raw)
        except (InvalidOperation, ZeroDivisionError):
            raise ValueError(f"malformed rate {raw!r}") from None
    if unit is Unit.DATE:
        return _structure_date(raw, dt.date)
    if unit is Unit.DATETIME:
        if not isinstance(raw, dt.datetime) or raw.tzinfo is None:
            raise ValueError(f"expected a date-time with a UTC offset, got {raw!r}")
        return raw
    if unit is Unit.PERIOD:
        if not isinstance(raw, dict) or set(raw) != {"start", "end"}:
            raise ValueError(f"expected {{start = YYYY-MM-DD, end = YYYY-MM-DD}}, got {raw!r}")
        try:
            return Period(
                _structure_date(raw["start"], dt.date), _structure_date(raw["end"], dt.date)
            )
        except InvalidInputError as exc:
            raise ValueError(exc.what) from None
    if unit is Unit.TEXT:
        return _structure_str(raw, str)
    if unit is Unit.BOOLEAN:
        return _structure_bool(raw, bool)
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueError(f"expected a whole number of {unit.value}, got {raw!r}")
    if raw < 0:
        raise ValueError(f"a count cannot be negative, got {raw}")
    return raw


def _build_source(
    raw: str | _RawSource, named: Mapping[str, Source], *, file: str, path: str, official: bool
) -> Source:
    if isinstance(raw, str):
        if raw not in named:
            raise RuleDataError(f"unknown source id {raw!r}", file=file, path=path)
        return named[raw]
    if official and raw.url is None and raw.seed is None:
        raise RuleDataError(
            "a source of official data needs a url (or, for a seed document, its seed name)",
            file=file,
            path=path,
        )
    try:
        return Source(
            raw.title,
            raw.url,
            raw.date,
            locator=raw.locator,
            seed=raw.seed,
            date_precision=raw.date_precision,
        )
    except InvalidInputError as exc:
        raise RuleDataError(exc.what, file=file, path=f"{path}.{exc.where}") from None


def _build_version(
    raw: _RawVersion,
    unit: Unit,
    named: Mapping[str, Source],
    *,
    origin: Origin,
    file: str,
    path: str,
) -> DatedValue:
    official = origin is Origin.OFFICIAL

    def sources_of(items: list[str | _RawSource], where: str) -> tuple[Source, ...]:
        built = tuple(
            _build_source(s, named, file=file, path=f"{where}[{i}]", official=official)
            for i, s in enumerate(items)
        )
        if not built:
            raise RuleDataError("at least one source is required", file=file, path=where)
        return built

    def value_of(item: object, where: str) -> RuleScalar:
        try:
            return _convert_value(item, unit)
        except ValueError as exc:
            raise RuleDataError(str(exc), file=file, path=where) from None

    reasoning = _text(raw.reasoning, file=file, path=f"{path}.reasoning")
    if raw.status is Status.INFERRED and reasoning is None:
        raise RuleDataError(
            "an inferred value needs a reasoning text", file=file, path=f"{path}.reasoning"
        )
    if raw.valid_until is not None and raw.valid_until < raw.since:
        raise RuleDataError("valid_until is before since", file=file, path=f"{path}.valid_until")
    if raw.status is Status.CONFLICTING:
        if len(raw.alternatives) < 2:
            raise RuleDataError(
                "a conflicting value needs at least two alternatives, each with its source",
                file=file,
                path=f"{path}.alternatives",
            )
        if raw.value is not None or raw.sources:
            raise RuleDataError(
                "a conflicting value gives its value and sources in its alternatives only",
                file=file,
                path=path,
            )
        alternatives = []
        for i, alt in enumerate(raw.alternatives):
            where = f"{path}.alternatives[{i}]"
            alternatives.append(
                Alternative(
                    name=alt.name,
                    value=value_of(alt.value, f"{where}.value"),
                    sources=sources_of(alt.sources, f"{where}.sources"),
                    note=_text(alt.note, file=file, path=f"{where}.note"),
                )
            )
        names = [a.name for a in alternatives]
        if len(set(names)) != len(names):
            raise RuleDataError(
                "duplicate alternative name", file=file, path=f"{path}.alternatives"
            )
        if raw.default is None:
            raise RuleDataError(
                f"a conflicting value needs a documented default, one of {', '.join(names)}",
                file=file,
                path=f"{path}.default",
            )
        if raw.default not in names:
            raise RuleDataError(
                f"default must name one of the alternatives ({', '.join(names)}), got {raw.default!r}",
                file=file,
                path=f"{path}.default",
            )
        chosen = alternatives[names.index(raw.default)]
        return DatedValue(
            since=raw.since,
            value=chosen.value,
            status=raw.status,
            sources=tuple(s for a in alternatives for s in a.sources),
            origin=origin,
            reasoning=reasoning,
            note=_text(raw.note, file=file, path=f"{path}.note"),
            alternatives=tuple(alternatives),
            default=raw.default,
            valid_until=raw.valid_until,
            last_verified=raw.last_verified,
        )
    if raw.alternatives or raw.default is not None:
        raise RuleDataError(
            "only a conflicting value has alternatives and a default", file=file, path=path
        )
    return DatedValue(
        since=raw.since,
        value=value_of(raw.value, f"{path}.value"),
        status=raw.status,
        sources=sources_of(raw.sources, f"{path}.sources"),
        origin=origin,
        reasoning=reasoning,
        note=_text(raw.note, file=file, path=f"{path}.note"),
        valid_until=raw.valid_until,
        last_verified=raw.last_verified,
    )


@attrs.frozen
class _LoadedFile:
    values: dict[str, RuleValue]
    unknowns: tuple[UnknownValue, ...]
    checks: tuple[SumCheck, ...]
    sources: dict[str, Source]


def _parse_file(
    text: str, file: str, *, origin: Origin, known_sources: Mapping[str, Source]
) -> _LoadedFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib reports duplicate keys, malformed dates and syntax errors with line and column.
        raise RuleDataError(f"malformed TOML: {exc}", file=file) from None
    raw = _structure_file(data, file)
    if raw.format != RULES_FORMAT:
        raise RuleDataError(
            f"unsupported format {raw.format!r}; expected {RULES_FORMAT!r}",
            file=file,
            path="format",
        )
    official = origin is Origin.OFFICIAL
    sources: dict[str, Source] = {}
    for sid, rs in raw.sources.items():
        if sid in known_sources:
            raise RuleDataError(
                f"source id {sid!r} is already defined", file=file, path=f"sources.{sid}"
            )
        sources[sid] = _build_source(rs, {}, file=file, path=f"sources.{sid}", official=official)
    named = {**known_sources, **sources}
    values: dict[str, RuleValue] = {}
    for key, rv in raw.values.items():
        path = f'values."{key}"'
        if not rv.versions:
            raise RuleDataError(
                "at least one version is required", file=file, path=f"{path}.versions"
            )
        versions = tuple(
            _build_version(
                v, rv.unit, named, origin=origin, file=file, path=f"{path}.versions[{i}]"
            )
            for i, v in enumerate(rv.versions)
        )
        sinces = [v.since for v in versions]
        if sinces != sorted(set(sinces)):
            raise RuleDataError(
                "versions must be in increasing order of 'since', each date once",
                file=file,
                path=f"{path}.versions",
            )
        if official and rv.replaces_official:
            raise RuleDataError("replaces_official is for caller files", file=file, path=path)
        label = _text(rv.label, file=file, path=f"{path}.label")
        assert label is not None
        values[key] = RuleValue(
            key=key,
            label=label,
            unit=rv.unit,
            versions=versions,
            file=file,
            description=_text(rv.description, file=file, path=f"{path}.description"),
            replaces_official=rv.replaces_official,
        )
    unknowns = []
    for pattern, ru in raw.unknowns.items():
        if not official:
            raise RuleDataError(
                "a caller file supplies values, it does not declare unknowns",
                file=file,
                path=f'unknowns."{pattern}"',
            )
        label = _text(ru.label, file=file, path=f'unknowns."{pattern}".label')
        why = _text(ru.why, file=file, path=f'unknowns."{pattern}".why')
        assert label is not None
        assert why is not None
        unknowns.append(UnknownValue(pattern, label, ru.unit, why, file))
    checks = []
    for i, rc in enumerate(raw.checks):
        if rc.kind != "sum":
            raise RuleDataError(
                f"unknown check kind {rc.kind!r}; expected 'sum'",
                file=file,
                path=f"checks[{i}].kind",
            )
        checks.append(SumCheck(rc.whole, tuple(rc.parts), file))
    return _LoadedFile(values, tuple(unknowns), tuple(checks), sources)


def _file_sources(text: str, file: str) -> dict[str, Source]:
    """The sources a rule-data file defines (first pass of :func:`load_rules_from`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleDataError(f"malformed TOML: {exc}", file=file) from None
    raw = _structure_file(data, file)
    return {
        sid: _build_source(rs, {}, file=file, path=f"sources.{sid}", official=True)
        for sid, rs in raw.sources.items()
    }


def _run_checks(values: Mapping[str, RuleValue], checks: Iterable[SumCheck]) -> None:
    for i, check in enumerate(checks):
        path = f"checks[{i}]"
        for key in (check.whole, *check.parts):
            if key not in values:
                raise RuleDataError(
                    f"check names unknown value {key!r}", file=check.file, path=path
                )
        whole = values[check.whole]
        dates = sorted({v.since for k in (check.whole, *check.parts) for v in values[k].versions})
        for day in dates:
            if day < max(values[k].versions[0].since for k in (check.whole, *check.parts)):
                continue
            total = values[check.whole].as_known_on(day).value
            parts = [values[k].as_known_on(day).value for k in check.parts]
            if not all(isinstance(p, Euro) for p in parts) or not isinstance(total, Euro):
                raise RuleDataError(
                    "a sum check applies to EUR values only", file=check.file, path=path
                )
            found = sum((p.cents for p in parts if isinstance(p, Euro)), 0)
            if found != total.cents:
                shown = " + ".join(str(p) for p in parts)
                raise RuleDataError(
                    f"parts do not add up to their whole on {day.isoformat()}: {shown} = "
                    f"{Euro.from_cents(found)}, but {whole.key} = {total}",
                    file=check.file,
                    path=path,
                )


def _check_overlay_value(base: RuleSet, value: RuleValue) -> None:
    replaces = value.replaces_official
    if value.key in base.values and base.values[value.key].origin is Origin.OFFICIAL:
        if not replaces:
            raise RuleDataError(
                "this key is official data; set replaces_official = true to override it",
                file=value.file,
                path=f'values."{value.key}"',
            )
        if base.values[value.key].unit is not value.unit:
            raise RuleDataError(
                f"unit {value.unit.value!r} differs from the official unit "
                f"{base.values[value.key].unit.value!r}",
                file=value.file,
                path=f'values."{value.key}".unit',
            )
        return
    unknown = base.unknown_for(value.key)
    if unknown is None and value.key not in base.values:
        close = difflib.get_close_matches(value.key, [u.pattern for u in base.unknowns], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise RuleDataError(
            f"{value.key!r} is neither a declared unknown nor a rule value{hint}",
            file=value.file,
            path=f'values."{value.key}"',
        )
    if unknown is not None and unknown.unit is not value.unit:
        raise RuleDataError(
            f"unit {value.unit.value!r} differs from the declared unit {unknown.unit.value!r}",
            file=value.file,
            path=f'values."{value.key}".unit',
        )


def _data_files() -> list[tuple[str, str]]:
    root = resources.files("segur_numerique").joinpath("data")
    files = sorted(
        (
            p
            for p in root.iterdir()
            if p.name.endswith(".toml") and not p.name.startswith("illustrative")
        ),
        key=lambda p: p.name,
    )
    return [(f"segur_numerique/data/{p.name}", p.read_text(encoding="utf-8")) for p in files]


def load_rules_from(files: Iterable[tuple[str, str]]) -> RuleSet:
    """Load official rule data from ``(name, TOML text)`` pairs, validating everything.

    Raises:
        RuleDataError: a file is malformed; the error names the file and the path of the value.
    """
    values: dict[str, RuleValue] = {}
    unknowns: list[UnknownValue] = []
    checks: list[SumCheck] = []
    texts = list(files)
    # Source ids are global across files: collect every file's sources first, so that a file
    # may cite a document defined once in another file, whatever their loading order.
    sources: dict[str, Source] = {}
    own: dict[str, frozenset[str]] = {}
    for name, text in texts:
        defined = _file_sources(text, name)
        for sid in defined:
            if sid in sources:
                raise RuleDataError(
                    f"source id {sid!r} is already defined", file=name, path=f"sources.{sid}"
                )
        sources.update(defined)
        own[name] = frozenset(defined)
    for name, text in texts:
        others = {sid: s for sid, s in sources.items() if sid not in own[name]}
        loaded = _parse_file(text, name, origin=Origin.OFFICIAL, known_sources=others)
        for key, value in loaded.values.items():
            if key in values:
                raise RuleDataError(
                    f"key already defined in {values[key].file}", file=name, path=f'values."{key}"'
                )
            values[key] = value
        unknowns.extend(loaded.unknowns)
        checks.extend(loaded.checks)
    for value in values.values():
        for unknown in unknowns:
            if unknown.matches(value.key):
                raise RuleDataError(
                    f"{value.key!r} has a value but is also declared unknown ({unknown.pattern!r})",
                    file=unknown.file,
                    path=f'unknowns."{unknown.pattern}"',
                )
    _run_checks(values, checks)
    return RuleSet(values, tuple(unknowns), tuple(checks))


@functools.cache
def load_rules() -> RuleSet:
    """The official rule data shipped with the package (loaded once; the result is immutable)."""
    return load_rules_from(_data_files())


def parse_parameter_text(
    text: str, *, file: str = "<parameters>", origin: Origin = Origin.CALLER
) -> RuleSet:
    """Read a caller parameter file's text (same format as the rule data); see :func:`load_parameter_file`."""
    if origin is Origin.OFFICIAL:
        raise InvalidInputError("a parameter file cannot claim official origin", where="origin")
    loaded = _parse_file(text, file, origin=origin, known_sources={})
    return RuleSet(loaded.values)


def load_parameter_file(path: str | Path, *, base: RuleSet | None = None) -> RuleSet:
    """The official rules overlaid with a caller parameter file.

    A parameter file uses the rule-data format (``format = "segur_numerique.rules/v1"``). Its values
    must be declared unknowns (e.g. a SUN-ES target), or official values explicitly marked
    ``replaces_official = true``; each needs a source (title and date; a URL if there is one) and
    a status, and is marked ``caller`` in every explanation.

    Raises:
        RuleDataError: the file is malformed or names a value that is not expected.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleDataError(f"cannot read the file: {exc.strerror}", file=str(file)) from None
    overlay = parse_parameter_text(text, file=str(file))
    return (base or load_rules()).with_overlay(overlay)


@functools.cache
def illustrative_assumptions() -> RuleSet:
    """The official rules overlaid with the shipped **illustrative, not official** assumption sets.

    For demos, docs and tests only: every value they add is marked ``illustrative`` in
    explanations. The sets are the files ``segur_numerique/data/illustrative_*_NOT_OFFICIAL.toml``.
    """
    root = resources.files("segur_numerique").joinpath("data")
    rules = load_rules()
    names = sorted(
        p.name
        for p in root.iterdir()
        if p.name.startswith("illustrative_") and p.name.endswith("_NOT_OFFICIAL.toml")
    )
    for name in names:
        overlay = parse_parameter_text(
            root.joinpath(name).read_text(encoding="utf-8"),
            file=f"segur_numerique/data/{name}",
            origin=Origin.ILLUSTRATIVE,
        )
        rules = rules.with_overlay(overlay)
    return rules
