"""The rule-set model: rule values with provenance, dated versions, unknowns and checks.

Every value of the rules digest [docs: explanation/rules] whose status is confirmed, secondary, inferred or conflicting is shipped as
data (the ``*.toml`` files of each programme package, loaded by
:func:`~segur_numerique.load_rules`) and held here as frozen attrs objects.

Values nobody could source are *declared* (``[unknowns]``) but never given a value: a computation
that needs one calls :meth:`RuleSet.read` and gets a :class:`~segur_numerique.errors.MissingParameterError`
naming it, unless the caller supplied it in a parameter file
(:func:`~segur_numerique.load_parameter_file`, :meth:`RuleSet.with_overlay`).

Time: each value has versions keyed by the date from which they hold (``since``: the date a value
takes effect, or the date a revised deadline was announced). :meth:`RuleValue.as_known_on` returns
the latest version whose ``since`` is on or before the query date, so a read never uses a value
announced after the query date.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import TypeVar

import attrs

from segur_numerique.core.explanation import ParameterRead
from segur_numerique.core.money import Euro
from segur_numerique.core.periods import Period
from segur_numerique.core.provenance import Origin, Source, Status, Unit
from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import (
    ConflictingValueError,
    MissingParameterError,
    NotYetKnownError,
    RuleDataError,
    UnknownRuleError,
)
from segur_numerique.rules.overlay import check_overlay_value
from segur_numerique.rules.sums import SumCheck, SumCheckResult, broken_warnings, run_sum_checks

RULES_FORMAT = "segur_numerique.rules/v1"
"""The ``format`` line that every rule-data and parameter file starts with."""

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
    origin: Origin = Origin.SHIPPED
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

    def as_known_on(self, *, on: dt.date | None = None) -> DatedValue:
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
            raise NotYetKnownError(
                self.key, on=on.isoformat(), first=self.versions[0].since.isoformat()
            )
        return known[-1]

    def read(self, *, on: dt.date | None = None, alternative: str | None = None) -> ParameterRead:
        """The value as known on ``on``, as a :class:`ParameterRead` for explanations."""
        version = self.as_known_on(on=on)
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

    >>> from segur_numerique import load_rules
    >>> rules = load_rules()
    >>> rules.get("sun_es.envelope.total")
    Euro('210000000.00')
    >>> rules.read("sun_es.envelope.total").status.value
    'confirmed'
    """

    values: Mapping[str, RuleValue] = attrs.field(converter=_freeze_values)
    unknowns: tuple[UnknownValue, ...] = ()
    checks: tuple[SumCheck, ...] = ()
    check_results: tuple[SumCheckResult, ...] = ()
    """Every sum check evaluated on this set: passed, skipped, or broken and accepted."""

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
        """Read ``key`` as known on ``on`` (latest when ``None``), with its provenance.

        A read of the whole or a part of a broken sum check the caller accepted carries the
        check in :attr:`~segur_numerique.core.explanation.ParameterRead.warnings`.
        """
        read = self.value(key).read(on=on, alternative=alternative)
        warnings = broken_warnings(self.check_results, key)
        return attrs.evolve(read, warnings=warnings) if warnings else read

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

        >>> from segur_numerique import load_rules
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

    def with_overlay(self, overlay: RuleSet, *, accept_broken_sums: bool = False) -> RuleSet:
        """A new rule set with ``overlay``'s values added, validated and sum-checked.

        Each value is checked (see :func:`~segur_numerique.load_parameter_file`), then every sum
        check runs on the merged set (see :class:`~segur_numerique.SumCheckResult`).

        Raises:
            RuleDataError: a value may not be overlaid.
            BrokenSumError: parts no longer add up to their whole and ``accept_broken_sums`` is
                false; with it, the broken check is recorded in :attr:`check_results` instead.
        """
        merged = dict(self.values)
        for key, value in overlay.values.items():
            check_overlay_value(self, value)
            merged[key] = value
        results = run_sum_checks(
            merged,
            self.checks,
            is_unknown=lambda k: self.unknown_for(k) is not None,
            previous=self.check_results,
            accept=accept_broken_sums,
        )
        return RuleSet(merged, self.unknowns, self.checks, results)

    def reads(self, *, on: dt.date | None = None) -> tuple[ParameterRead, ...]:
        """Every value as known on ``on``, sorted by key (values not yet known are skipped)."""
        return tuple(v.read(on=on) for v in self if on is None or v.versions[0].since <= on)

    def to_json(self, *, on: dt.date | None = None) -> dict[str, JsonValue]:
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
            "checks": [r.to_json() for r in self.check_results],
        }


def value_json(value: RuleValue, *, on: dt.date | None = None) -> dict[str, JsonValue]:
    """One rule value as an item of :meth:`RuleSet.to_json`: its read, versions and description."""
    return _value_json(value, on)


def _value_json(value: RuleValue, on: dt.date | None) -> dict[str, JsonValue]:
    read = value.read(on=on)
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
