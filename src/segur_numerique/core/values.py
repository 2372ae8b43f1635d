"""Rendering and JSON encoding of the values that appear in rules and explanations."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from segur_numerique.core.money import Euro, Price
from segur_numerique.core.text import Lang, Text, check_lang, group_digits

_MONTHS = {
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip

JsonValue = None | bool | int | str | Sequence["JsonValue"] | Mapping[str, "JsonValue"]
"""A JSON value (read-only containers, so that ``dict[str, str]`` is one)."""


def format_date(day: dt.date, lang: Lang) -> str:
    """``30 juin 2022`` / ``30 June 2022`` (``1er`` for the first day in French).

    >>> format_date(dt.date(2021, 9, 1), "fr"), format_date(dt.date(2022, 6, 30), "en")
    ('1er septembre 2021', '30 June 2022')
    """
    lang = check_lang(lang)
    number = "1er" if lang == "fr" and day.day == 1 else str(day.day)
    return f"{number} {_MONTHS[lang][day.month - 1]} {day.year}"


def format_ratio(value: Fraction, lang: Lang) -> str:
    """A rate as a percentage, exact when it can be, e.g. ``75 %`` or ``≈ 33,33 % (1/3)``.

    >>> format_ratio(Fraction(3, 4), "fr"), format_ratio(Fraction(1, 3), "en")
    ('75 %', '≈ 33.33% (1/3)')
    """
    lang = check_lang(lang)
    percent = value * 100
    exact = Decimal(percent.numerator) / Decimal(percent.denominator)
    is_exact = (percent * 10_000).denominator == 1
    shown = exact.quantize(Decimal("0.01")).normalize() if not is_exact else exact.normalize()
    text = f"{shown:f}"
    if lang == "fr":
        text = text.replace(".", ",") + " %"
    else:
        text += "%"
    return text if is_exact else f"≈ {text} ({value.numerator}/{value.denominator})"


def render_value(value: object, lang: Lang) -> str:
    """A value written for people in ``lang``."""
    lang = check_lang(lang)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return ("oui" if value else "non") if lang == "fr" else ("yes" if value else "no")
    if isinstance(value, Euro | Price):
        return value.format(lang)
    if isinstance(value, Fraction):
        return format_ratio(value, lang)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, Text):
        return value.in_(lang)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple | list):
        return ", ".join(render_value(v, lang) for v in value)
    render = getattr(value, "render", None)
    if callable(render):
        return str(render(lang))
    if isinstance(value, int):
        return group_digits(value, lang)
    return str(value)


def encode_value(value: Any) -> JsonValue:
    """A value as JSON: primitives as they are, exact numbers and dates tagged with their type.

    >>> encode_value(Euro("1050"))
    {'type': 'euro', 'value': '1050.00'}
    >>> encode_value(Fraction(3, 4))
    {'type': 'fraction', 'value': '3/4'}
    >>> encode_value(dt.date(2022, 6, 30))
    {'type': 'date', 'value': '2022-06-30'}
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Euro):
        return {"type": "euro", "value": value.to_json()}
    if isinstance(value, Price):
        return {"type": "price", "value": value.amount.to_json(), "basis": value.basis.value}
    if isinstance(value, Fraction):
        return {"type": "fraction", "value": f"{value.numerator}/{value.denominator}"}
    if isinstance(value, Decimal):
        return {"type": "decimal", "value": str(value)}
    if isinstance(value, dt.datetime):
        return {"type": "datetime", "value": value.isoformat()}
    if isinstance(value, dt.date):
        return {"type": "date", "value": value.isoformat()}
    if isinstance(value, Text):
        return {"type": "text", "fr": value.fr, "en": value.en}
    if isinstance(value, enum.Enum):
        return encode_value(value.value)
    if isinstance(value, tuple | list | frozenset | set):
        items = sorted(value, key=repr) if isinstance(value, frozenset | set) else value
        return [encode_value(v) for v in items]
    if isinstance(value, dict):
        return {str(k): encode_value(v) for k, v in value.items()}
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        encoded: JsonValue = to_json()
        return encoded
    raise TypeError(f"cannot encode a {type(value).__name__} as JSON")


def render_number(value: Fraction, lang: Lang) -> str:
    """A rounded or exact number as a decimal, digits grouped (``1,234.5``); ``≈`` and the fraction if it does not end.

    Rounding steps hold amounts as well as rates, so they are written as plain numbers, not as
    percentages.
    """
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    digits = 0
    while (magnitude * 10**digits).denominator != 1 and digits < 6:
        digits += 1
    scaled = magnitude * 10**digits
    whole = scaled.numerator // scaled.denominator
    integer, decimals = divmod(whole, 10**digits)
    text = group_digits(integer, lang)
    if digits:
        text += f"{',' if lang == 'fr' else '.'}{decimals:0{digits}d}"
    if scaled.denominator != 1:
        return f"≈ {sign}{text} ({value.numerator}/{value.denominator})"
    return f"{sign}{text}"
