"""Bilingual labels (French, English) and the explicit language switch.

The language of every rendering is passed explicitly; it is never read from the process locale
(a lesson from the ``holidays`` package, whose names change with ``LANG``).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Literal, TypeGuard

import attrs

from segur_numerique.errors import InvalidInputError

Lang = Literal["fr", "en"]
LANGUAGES: tuple[Lang, ...] = ("fr", "en")


def _is_lang(value: object) -> TypeGuard[Lang]:
    return value in LANGUAGES


def check_lang(lang: object) -> Lang:
    """Return ``lang`` if it is a supported language, else raise.

    >>> check_lang("en")
    'en'
    >>> check_lang("de")
    Traceback (most recent call last):
    ...
    segur_numerique.errors.InvalidInputError: language: unknown language 'de'; expected one of fr, en
    """
    if not _is_lang(lang):
        raise InvalidInputError(
            f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}", where="language"
        )
    return lang


def _non_empty(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"must be a non-empty string, got {value!r}", where=attribute.name)


@attrs.frozen
class Text:
    """A text in French (the official language of the rules) and English.

    >>> t = Text(fr="fenêtre", en="window")
    >>> t.in_("fr"), t.in_("en")
    ('fenêtre', 'window')
    """

    fr: str = attrs.field(validator=_non_empty)
    en: str = attrs.field(validator=_non_empty)

    def in_(self, lang: Lang) -> str:
        """The text in ``lang`` (``"fr"`` or ``"en"``)."""
        return self.fr if check_lang(lang) == "fr" else self.en

    def to_json(self) -> dict[str, str]:
        """``{"fr": ..., "en": ...}``."""
        return {"fr": self.fr, "en": self.en}

    def format(self, **fields: object) -> Text:
        """This text as a template, filled with ``fields`` in each language (:meth:`str.format`).

        A field that is itself a :class:`Text` gives its French to the French template and its
        English to the English one, so a reason can say "un"/"aucun" and "a"/"no" from one
        template. Other values are formatted as they are, in both languages.

        >>> limit = Text(fr="au plus {days} jours ({what})", en="at most {days} days ({what})")
        >>> limit.format(days=120, what=Text(fr="calendaires", en="calendar")).to_json()
        {'fr': 'au plus 120 jours (calendaires)', 'en': 'at most 120 days (calendar)'}

        Raises:
            InvalidInputError: the template names a field not given (``where`` is the field).
        """
        return Text(fr=_fill(self.fr, "fr", fields), en=_fill(self.en, "en", fields))


def _fill(template: str, lang: Lang, fields: Mapping[str, object]) -> str:
    values = {k: v.in_(lang) if isinstance(v, Text) else v for k, v in fields.items()}
    try:
        return template.format_map(values)
    except KeyError as missing:
        raise InvalidInputError(
            f"the template {template!r} needs a value for {missing.args[0]!r}",
            where=str(missing.args[0]),
        ) from None


def text(fr: str, en: str) -> Text:
    """Shorthand for :class:`Text`."""
    return Text(fr=fr, en=en)


_BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(value: str, *, keep_newlines: bool = False) -> str:
    r"""``value`` safe to print on a terminal: controls, ESC, bidi overrides, lone surrogates escaped.

    C0 and C1 controls, DEL, the bidirectional overrides and lone surrogates (which cannot be
    encoded, so printing them raises) become ``\xNN``/``\uNNNN``. With ``keep_newlines``, line
    feeds and tabs stay (for multi-line reports); otherwise they are escaped too (one-line
    messages).

    >>> printable("Clinique \x1b[31mRouge\x1b[0m")
    'Clinique \\x1b[31mRouge\\x1b[0m'
    >>> printable("a\ud800b\nc"), printable("a\nb\tc", keep_newlines=True)
    ('a\\ud800b\\x0ac', 'a\nb\tc')
    """
    out = []
    for char in value:
        code = ord(char)
        if keep_newlines and char in "\n\t":
            out.append(char)
        elif (
            code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or code in _BIDI_CONTROLS
        ):
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def json_printable(document: str) -> str:
    r"""A JSON text with the characters :func:`printable` escapes written as ``\uNNNN`` escapes.

    >>> json_printable('{"name": "a\u009bb\u202e"}')
    '{"name": "a\\u009bb\\u202e"}'
    """
    return "".join(
        f"\\u{ord(c):04x}"
        if 0x7F <= ord(c) < 0xA0 or 0xD800 <= ord(c) <= 0xDFFF or ord(c) in _BIDI_CONTROLS
        else c
        for c in document
    )


def capped(items: list[str] | tuple[str, ...], *, limit: int = 20, sep: str = ", ") -> str:
    """The first ``limit`` items joined, then ``and N more`` (a message never lists thousands).

    >>> capped([str(i) for i in range(25)], limit=3)
    '0, 1, 2 and 22 more (25 in all)'
    >>> capped(["a", "b"])
    'a, b'
    """
    if len(items) <= limit:
        return sep.join(items)
    return f"{sep.join(items[:limit])} and {len(items) - limit} more ({len(items)} in all)"


def tr(lang: Lang, *, fr: str, en: str) -> str:
    """The French or English of a short text, chosen now (``Text(fr, en).in_(lang)``).

    >>> tr("en", fr="fichier", en="file")
    'file'
    """
    return fr if check_lang(lang) == "fr" else en


# Plurals and numbers are written by hand rather than with Babel: two languages and two rules
# only, and the output must not change with the CLDR data of a Babel release (CLDR 34 changed
# the French group separator, which would change every report).

GROUP_SEPARATOR_FR = "\u202f"
"""French digit-group separator: the narrow no-break space (``225 000``), per French typography."""

CURRENCY_SPACE_FR = "\u00a0"
"""French space between an amount and its unit (``225 000,00 €``): a no-break space."""


def is_singular(n: int | Fraction, lang: Lang) -> bool:
    """Whether ``n`` takes the singular: French below 2 (« 0 séjour », « 1,5 jour »), English 1 only.

    These are the CLDR cardinal rules of the two languages (French ``one``: the whole part is 0
    or 1; English ``one``: exactly 1).

    >>> [is_singular(n, "fr") for n in (0, 1, 2)], [is_singular(n, "en") for n in (0, 1, 2)]
    ([True, True, False], [False, True, False])
    """
    return -2 < n < 2 if check_lang(lang) == "fr" else n in (1, -1)


def plural_word(n: int, lang: Lang, one: str, many: str) -> str:
    """``one`` or ``many``, as :func:`is_singular` decides for ``n`` in ``lang`` (one language).

    >>> plural_word(1, "en", "value", "values"), plural_word(0, "en", "value", "values")
    ('value', 'values')
    """
    return one if is_singular(n, lang) else many


def group_digits(n: int, lang: Lang) -> str:
    """A whole number with its digits grouped by three: ``225 000`` (narrow no-break) or ``225,000``.

    >>> group_digits(-1234567, "fr") == "-1\u202f234\u202f567", group_digits(1234567, "en")
    (True, '1,234,567')
    """
    grouped = f"{n:,}"
    return grouped.replace(",", GROUP_SEPARATOR_FR) if check_lang(lang) == "fr" else grouped


def counted(n: int, lang: Lang, *, fr: tuple[str, str], en: tuple[str, str]) -> str:
    """``n`` and the noun phrase in the right number: ``fr``/``en`` are (singular, plural).

    >>> forms = dict(
    ...     fr=("séjour manquant", "séjours manquants"), en=("missing stay", "missing stays")
    ... )
    >>> [counted(n, "fr", **forms) for n in (0, 1, 2)]
    ['0 séjour manquant', '1 séjour manquant', '2 séjours manquants']
    >>> [counted(n, "en", **forms) for n in (0, 1, 2)]
    ['0 missing stays', '1 missing stay', '2 missing stays']
    """
    one, many = fr if check_lang(lang) == "fr" else en
    return f"{group_digits(n, lang)} {one if is_singular(n, lang) else many}"


def counted_text(n: int, *, fr: tuple[str, str], en: tuple[str, str]) -> Text:
    """:func:`counted` in both languages, as a :class:`Text`.

    >>> counted_text(1, fr=("jour", "jours"), en=("day", "days")).to_json()
    {'fr': '1 jour', 'en': '1 day'}
    """
    return Text(fr=counted(n, "fr", fr=fr, en=en), en=counted(n, "en", fr=fr, en=en))


def by_count(n: int, *, one: Text, other: Text) -> Text:
    """The singular or plural sentence for ``n``, chosen in each language by its own rule.

    For sentences whose verb and adjectives follow the number, where :func:`counted_text`
    (a number and a noun) is not enough.

    >>> one = Text(fr="{n} valeur est inventée", en="{n} value is made up")
    >>> other = Text(fr="{n} valeurs sont inventées", en="{n} values are made up")
    >>> by_count(0, one=one, other=other).format(n=0).to_json()
    {'fr': '0 valeur est inventée', 'en': '0 values are made up'}
    """
    return Text(
        fr=one.fr if is_singular(n, "fr") else other.fr,
        en=one.en if is_singular(n, "en") else other.en,
    )
