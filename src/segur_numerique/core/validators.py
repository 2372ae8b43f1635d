"""Input checks shared by the computations: one wording for the same mistake everywhere."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs

from segur_numerique.core.inputs import read_text
from segur_numerique.errors import InputFileError, InvalidInputError


def check_date(value: object, where: str) -> dt.date:
    """``value`` if it is a plain date (a ``datetime`` is refused), else a typed error at ``where``.

    >>> check_date(dt.date(2022, 1, 1), "day")
    datetime.date(2022, 1, 1)
    >>> check_date(dt.datetime(2022, 1, 1), "day")
    Traceback (most recent call last):
    segur_numerique.errors.InvalidInputError: day: expected a date, got datetime.datetime(2022, 1, 1, 0, 0)
    """
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(f"expected a date, got {value!r}", where=where)
    return value


def date_field(_instance: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    """An attrs validator: the field is a plain date (a ``datetime`` is refused)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError(f"must be a date, got {value!r}", where=attribute.name)


def non_empty_text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """An attrs validator: the field is a string with something other than spaces."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"must be a non-empty string, got {value!r}", where=attribute.name)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(raw: object, where: str | None = None) -> dt.date:
    """A plain date, or an ISO ``YYYY-MM-DD`` string read as one; else a typed error at ``where``.

    >>> parse_iso_date("2022-03-01")
    datetime.date(2022, 3, 1)
    >>> parse_iso_date(
    ...     "20220301", where="on"
    ... )  # the basic format is refused: one way to write a day
    Traceback (most recent call last):
    segur_numerique.errors.InvalidInputError: on: expected a date (YYYY-MM-DD), got '20220301'
    >>> parse_iso_date("1 March", where="on")
    Traceback (most recent call last):
    segur_numerique.errors.InvalidInputError: on: expected a date (YYYY-MM-DD), got '1 March'
    """
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    if isinstance(raw, str) and _ISO_DAY.fullmatch(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    raise InvalidInputError(f"expected a date (YYYY-MM-DD), got {raw!r}", where=where)


def check_count(
    value: object, where: str, *, error: type[InvalidInputError] = InvalidInputError
) -> int:
    """``value`` if it is a whole number ≥ 0 (a ``bool`` is refused), else a typed error at ``where``.

    >>> check_count(3, "points")
    3
    >>> check_count(-1, "points")
    Traceback (most recent call last):
    segur_numerique.errors.InvalidInputError: points: must be a non-negative whole number, got -1
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise error(f"must be a non-negative whole number, got {value!r}", where=where)
    return value


def read_text_file(
    file: Path, *, error: type[InvalidInputError] = InvalidInputError, what: str = "file"
) -> str:
    """The UTF-8 text of ``file`` (through :func:`~segur_numerique.core.inputs.read_text`).

    Raises:
        InvalidInputError: (or ``error``) the file cannot be read or decoded; naming it.
    """
    try:
        return read_text(file, what=what)
    except InputFileError as exc:
        if error is InvalidInputError or isinstance(exc, error):
            raise
        raise error(exc.what, where=exc.location) from None
