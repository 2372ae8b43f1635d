"""The raw shape of a rule-data file: TOML tables structured with cattrs into private classes.

The loader (:mod:`segur_numerique.rules.loading`) then validates these raw objects and builds the
public model (:mod:`segur_numerique.rules.model`). Structuring errors name the file and the path of
the value (``values."sun_es.envelope.total".versions[0].since``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.v import format_exception as _cattrs_format_exception

from segur_numerique.core.provenance import DatePrecision, Status, Unit
from segur_numerique.core.structuring import (
    STRUCTURE_ERRORS,
    make_converter,
    problems,
    unknown_keys_message,
)
from segur_numerique.core.text import Text, plural_word
from segur_numerique.errors import InvalidInputError, RuleDataError


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
    if isinstance(exc, ForbiddenExtraKeysError):
        return unknown_keys_message(exc)
    if isinstance(exc, AttributeError | TypeError) and "keys" in str(exc):
        example = ' (e.g. { fr = "...", en = "..." })' if type_ is _RawText else ""
        return f"expected a table{example}, got a value that is not one"
    return _cattrs_format_exception(exc, type_)


def _structure_source_ref(value: object, _type: object) -> str | _RawSource:
    if isinstance(value, str):
        return value
    return _CONVERTER.structure(value, _RawSource)


_CONVERTER = make_converter(
    [
        (dt.date, _structure_date),
        (str, _structure_str),
        (bool, _structure_bool),
        (str | _RawSource, _structure_source_ref),
        (Status, _enum_hook("status", Status)),
        (Unit, _enum_hook("unit", Unit)),
        (DatePrecision, _enum_hook("date precision", DatePrecision)),
    ]
)


def _structure_file(data: dict[str, Any], file: str) -> _RawFile:
    try:
        return _CONVERTER.structure(data, _RawFile)
    except STRUCTURE_ERRORS as exc:
        found = problems(exc)
        messages = [_format_error(p.error, p.type) for p in found]
        problem = messages[0]
        if len(found) > 1:
            more = "; ".join(
                f"{m} @ {p.path.lstrip('.')}"
                for m, p in zip(messages[1:4], found[1:4], strict=True)
            )
            others = plural_word(len(found) - 1, "en", "more problem", "more problems")
            problem += f" (and {len(found) - 1} {others}: {more})"
        raise RuleDataError(problem, file=file, path=found[0].path.lstrip(".")) from None


def _text(raw: _RawText | None, *, file: str, path: str) -> Text | None:
    if raw is None:
        return None
    try:
        return Text(fr=raw.fr, en=raw.en)
    except InvalidInputError as exc:
        raise RuleDataError(str(exc), file=file, path=path) from None
