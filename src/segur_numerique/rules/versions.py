"""Building validated rule values from the raw TOML: amounts, rates, dates, sources, versions.

Each check raises :class:`~segur_numerique.errors.RuleDataError` naming the file and the path of the
value at fault.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import InvalidOperation
from fractions import Fraction

import attrs

from segur_numerique.core.inputs import MAX_NUMBER_DIGITS, exact_number
from segur_numerique.core.money import Euro
from segur_numerique.core.periods import Period
from segur_numerique.core.provenance import Origin, Source, Status, Unit
from segur_numerique.errors import InvalidInputError, RuleDataError
from segur_numerique.rules.model import Alternative, DatedValue, RuleScalar
from segur_numerique.rules.raw import (
    _RawSource,
    _RawVersion,
    _structure_bool,
    _structure_date,
    _structure_str,
    _text,
)


def _fraction_text(text: str) -> Fraction:
    if len(text) > MAX_NUMBER_DIGITS * 2 + 1:
        raise ValueError(f"a fraction of {len(text)} characters; write at most 81")
    try:
        return Fraction(text)
    except ZeroDivisionError:
        raise ValueError(f"a fraction with a zero denominator: {text!r}") from None


def _ratio(raw: object) -> Fraction:
    if isinstance(raw, (bool, float)):
        raise ValueError(f"write a rate as a string ('75 %', '3/4' or '0.75'), not {raw!r}")
    if isinstance(raw, int):
        value = Fraction(raw)
    elif isinstance(raw, str):
        text = raw.strip().replace(",", ".").replace("\u00a0", " ")
        if text.endswith("%"):
            value = exact_number(text[:-1].strip()) / 100
        elif "/" in text:
            value = _fraction_text(text)
        else:
            value = exact_number(text)
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
            "a source of shipped rule data needs a url (or, for a seed document, its seed name)",
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


@attrs.frozen
class _VersionBuilder:
    """What building the versions of one value needs: its unit, the named sources, its file."""

    unit: Unit
    named: Mapping[str, Source]
    origin: Origin
    file: str

    def sources_of(self, items: list[str | _RawSource], where: str) -> tuple[Source, ...]:
        official = self.origin is Origin.SHIPPED
        built = tuple(
            _build_source(s, self.named, file=self.file, path=f"{where}[{i}]", official=official)
            for i, s in enumerate(items)
        )
        if not built:
            raise RuleDataError("at least one source is required", file=self.file, path=where)
        return built

    def value_of(self, item: object, where: str) -> RuleScalar:
        try:
            return _convert_value(item, self.unit)
        except ValueError as exc:
            raise RuleDataError(str(exc), file=self.file, path=where) from None

    def alternatives_of(self, raw: _RawVersion, path: str) -> tuple[Alternative, ...]:
        file = self.file
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
                    value=self.value_of(alt.value, f"{where}.value"),
                    sources=self.sources_of(alt.sources, f"{where}.sources"),
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
                f"default must name one of the alternatives ({', '.join(names)}), "
                f"got {raw.default!r}",
                file=file,
                path=f"{path}.default",
            )
        return tuple(alternatives)


def _check_illustrative(status: Status, origin: Origin, *, file: str, path: str) -> None:
    """Shipped data is never illustrative; the illustrative sets are nothing else."""
    if origin is Origin.SHIPPED and status is Status.ILLUSTRATIVE:
        raise RuleDataError(
            "shipped rule data cannot be illustrative (put made-up values in the illustrative "
            "sets or a parameter file)",
            file=file,
            path=path,
        )
    if origin is Origin.ILLUSTRATIVE and status is not Status.ILLUSTRATIVE:
        raise RuleDataError(
            f"every value of an illustrative set has status 'illustrative', got {status.value!r}",
            file=file,
            path=path,
        )


def _build_version(
    raw: _RawVersion,
    unit: Unit,
    named: Mapping[str, Source],
    *,
    origin: Origin,
    file: str,
    path: str,
) -> DatedValue:
    builder = _VersionBuilder(unit, named, origin, file)
    _check_illustrative(raw.status, origin, file=file, path=f"{path}.status")
    reasoning = _text(raw.reasoning, file=file, path=f"{path}.reasoning")
    if raw.status is Status.INFERRED and reasoning is None:
        raise RuleDataError(
            "an inferred value needs a reasoning text", file=file, path=f"{path}.reasoning"
        )
    if raw.valid_until is not None and raw.valid_until < raw.since:
        raise RuleDataError("valid_until is before since", file=file, path=f"{path}.valid_until")
    if raw.status is Status.CONFLICTING:
        alternatives = builder.alternatives_of(raw, path)
        chosen = next(a for a in alternatives if a.name == raw.default)
        return DatedValue(
            since=raw.since,
            value=chosen.value,
            status=raw.status,
            sources=tuple(s for a in alternatives for s in a.sources),
            origin=origin,
            reasoning=reasoning,
            note=_text(raw.note, file=file, path=f"{path}.note"),
            alternatives=alternatives,
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
        value=builder.value_of(raw.value, f"{path}.value"),
        status=raw.status,
        sources=builder.sources_of(raw.sources, f"{path}.sources"),
        origin=origin,
        reasoning=reasoning,
        note=_text(raw.note, file=file, path=f"{path}.note"),
        valid_until=raw.valid_until,
        last_verified=raw.last_verified,
    )
