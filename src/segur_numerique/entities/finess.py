"""FINESS numbers: the identifiers of health and social establishments (rules digest, SUN-ES §2.3, ESMS numérique §5 [docs: explanation/rules]).

A FINESS number (Fichier national des établissements sanitaires et
sociaux) has 9 characters, the first two giving the département of the structure (ANS,
« FINESS Directory »: "composed of 9 characters, with the first two figures corresponding to the
department"). :class:`Finess` checks exactly this:

* 9 characters, no spaces (``"75 000 001 7"`` as printed on the FINESS site is refused: pass
  ``Finess.parse`` to strip the spaces of that display format);
* the first two characters are a département code: ``01``-``95`` except ``20``, or ``2A`` /
  ``2B`` (Corse), or ``97`` / ``98`` (outre-mer: the third character, a digit, then names the
  département or collectivité, as in the INSEE geographic code; inferred, not stated by the ANS);
* the other seven characters are digits.

The last character is commonly described as a check key, but **no public source we could read
states its algorithm**; the check digit is therefore **not** verified (a number with a wrong key is
accepted). This is deliberate: a guessed algorithm would reject real numbers.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from segur_numerique.errors import InvalidFinessError

FINESS_PATTERN: Final = r"^(?:(?:0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5])[0-9]{7}|9[78][0-9]{7})$"
"""The FINESS format checked by :class:`Finess`, as a regular expression (also used by batches)."""
_FINESS_RE: Final = re.compile(FINESS_PATTERN)


def _check_finess(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidFinessError(
            f"a FINESS number is a string of 9 characters, got {type(value).__name__}", where=where
        )
    if len(value) != 9:
        raise InvalidFinessError(
            f"a FINESS number has 9 characters, got {len(value)} ({value!r})", where=where
        )
    match = _FINESS_RE.match(value)
    if match is None:
        raise InvalidFinessError(
            f"{value!r} does not start with a département code (01-95, 2A, 2B, 97x, 98x) "
            "followed by digits only",
            where=where,
        )
    return value


@attrs.frozen(order=True)
class Finess:
    """A FINESS number (juridique or géographique): format checked, check digit not verified.

    >>> Finess("750712184").departement
    '75'
    >>> Finess("2A0000014").in_corse_or_outre_mer, Finess("971234567").departement
    (True, '971')
    >>> Finess("7507121")
    Traceback (most recent call last):
    ...
    segur_numerique.errors.InvalidFinessError: finess: a FINESS number has 9 characters, got 7 ('7507121')
    """

    value: str

    def __init__(self, value: str, *, where: str = "finess") -> None:
        self.__attrs_init__(_check_finess(value, where))  # type: ignore[attr-defined]

    @classmethod
    def parse(cls, text: str, *, where: str = "finess") -> Finess:
        """Read a FINESS number as displayed (``"75 071 218 4"``): spaces are removed.

        >>> Finess.parse("75 071 218 4")
        Finess('750712184')
        """
        if not isinstance(text, str):
            raise InvalidFinessError(f"expected a string, got {type(text).__name__}", where=where)
        return cls("".join(text.split()), where=where)  # type: ignore[call-arg]

    @property
    def departement(self) -> str:
        """The département code: two characters, or three for outre-mer (``971``...)."""
        return self.value[:3] if self.value[:2] in {"97", "98"} else self.value[:2]

    @property
    def in_corse_or_outre_mer(self) -> bool:
        """Whether the structure is in Corse (2A, 2B) or outre-mer (97x, 98x)."""
        return self.value[:2] in {"2A", "2B", "97", "98"}

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"Finess('{self.value}')"

    def to_json(self) -> str:
        """The number as a plain string."""
        return self.value

    def render(self, lang: str) -> str:
        """The number itself."""
        return self.value
