"""Bilingual labels (French, English) and the explicit language switch.

The language of every rendering is passed explicitly; it is never read from the process locale
(a lesson from the ``holidays`` package, whose names change with ``LANG``).
"""

from __future__ import annotations

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


def text(fr: str, en: str) -> Text:
    """Shorthand for :class:`Text`."""
    return Text(fr=fr, en=en)
