"""Reading the entities from dicts, JSON or TOML, with typed errors that carry the path of the value.

Structured with the shared strict converter (:mod:`segur_numerique.core.structuring`); an error
names the path of the bad value, e.g. ``sites.toml: establishments[3].finess_juridique``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final, TypeVar

from cattrs.errors import ForbiddenExtraKeysError

from segur_numerique.core.inputs import read_document
from segur_numerique.core.structuring import (
    STRUCTURE_ERRORS,
    make_converter,
    problems,
    unknown_keys_message,
)
from segur_numerique.entities.choices import Activity, Couloir, LegalStatus
from segur_numerique.entities.finess import Finess
from segur_numerique.entities.models import Establishment, _ids
from segur_numerique.errors import InvalidInputError, UnknownChoiceError

_T = TypeVar("_T")


def _strict_bool(value: object, _t: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidInputError(f"must be true or false, got {value!r}")
    return value


def _strict_int(value: object, _t: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"must be a whole number, got {value!r}")
    return value


def _strict_str(value: object, _t: object) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(f"must be a string, got {value!r}")
    return value


def _date(value: object, _t: object) -> dt.date:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidInputError(f"must be a date YYYY-MM-DD, got {value!r}") from None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(f"must be a date YYYY-MM-DD, got {value!r}")
    return value


def _id_set(value: object, _t: object) -> frozenset[str]:
    if not isinstance(value, list | tuple):
        raise InvalidInputError(f"must be a list of identifiers, got {value!r}")
    return _ids(value)


def _activity_set(value: object, _t: object) -> frozenset[Activity]:
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


_CONVERTER: Final = make_converter(
    [
        (bool, _strict_bool),
        (int, _strict_int),
        (str, _strict_str),
        (dt.date, _date),
        (Finess, lambda v, _t: Finess(v)),
        (LegalStatus, lambda v, _t: LegalStatus.parse(v)),
        (Activity, lambda v, _t: Activity.parse(v)),
        (Couloir, lambda v, _t: Couloir.parse(v)),
    ],
    [
        (lambda t: t == frozenset[str], _id_set),
        (lambda t: t == frozenset[Activity], _activity_set),
    ],
)


def _leaf_path(leaf: BaseException, path: str, *, at_field: bool) -> str:
    """The path of a leaf error, refined by the ``where`` of the library's own errors."""
    if isinstance(leaf, InvalidInputError) and leaf.where:
        if leaf.where.startswith("["):  # an item of a list checked by a hook
            return f"{path}{leaf.where}"
        if not at_field:  # raised by the class itself: its ``where`` names the field
            return f"{path}.{leaf.where}"
    return path


def _typed_error(leaf: BaseException, path: str) -> InvalidInputError:
    if isinstance(leaf, ForbiddenExtraKeysError):
        return InvalidInputError(unknown_keys_message(leaf), where=path)
    if isinstance(leaf, UnknownChoiceError):
        return UnknownChoiceError(leaf.what.split("; allowed")[0], allowed=leaf.allowed, where=path)
    if isinstance(leaf, InvalidInputError):
        return type(leaf)(leaf.what, where=path)
    if isinstance(leaf, KeyError):
        return InvalidInputError("required field is missing", where=path)
    return InvalidInputError(str(leaf), where=path)


def structure(data: object, cls: type[_T], *, where: str) -> _T:
    """Structure raw data (from JSON/TOML) into ``cls``; errors name the path of the bad value.

    Raises:
        InvalidInputError: (or a subclass: :class:`InvalidFinessError`,
            :class:`UnknownChoiceError`) with ``where`` such as ``establishments[3].finess_juridique``.
    """
    try:
        return _CONVERTER.structure(data, cls)
    except STRUCTURE_ERRORS as exc:
        first = problems(exc)[0]
        path = _leaf_path(first.error, f"{where}{first.path}", at_field=first.at_field)
        raise _typed_error(first.error, path) from None
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
    segur_numerique.errors.UnknownChoiceError: establishments[0].legal_status: unknown LegalStatus 'hospice'; allowed values: public, private, espic, clcc
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
    raw: Any = read_document(file, what="establishments file")
    if isinstance(raw, dict):
        if set(raw) != {"establishments"}:
            raise InvalidInputError("expected a single key 'establishments'", where=f"{file}")
        raw = raw["establishments"]
    try:
        return parse_establishments(raw)
    except InvalidInputError as exc:
        raise type(exc)(exc.what, where=f"{file}: {exc.where}") from None
