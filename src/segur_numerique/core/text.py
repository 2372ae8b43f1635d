"""Bilingual labels (French, English) and the explicit language switch.

The language of every rendering is passed explicitly; it is never read from the process locale
(a lesson from the ``holidays`` package, whose names change with ``LANG``).
"""

from __future__ import annotations

from collections.abc import Mapping
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
