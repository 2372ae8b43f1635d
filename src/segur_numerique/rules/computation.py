"""What every named computation of the library is made of: typed inputs, outputs, explanation.

A :class:`Computation` names a computation of a programme (``"sons.ttc"``), gives its bilingual
title, the names of its inputs and outputs, and its adapter: a function of :class:`Inputs` and a
:class:`~segur_numerique.RuleSet` that calls the library and returns :class:`Computed` (named
outputs and the explanation). Each programme package lists its computations in its ``kit.py``
(``COMPUTATIONS``); the conformance kit (``segur_numerique.kit``) collects them, runs them on the
inputs of scenario files, and runs them by name (:func:`segur_numerique.kit.compute.compute`).

Inputs are written as in a scenario file: amounts and rates as strings (``"800 000 €"``,
``"60 %"``), dates as TOML dates or ISO strings; the Python values themselves (``Euro``,
``Fraction``, ``datetime.date``) are accepted too. Every bad input is a :class:`ScenarioError`
naming its path, and an input the computation does not read is an error (a typo, most of the time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from fractions import Fraction
from typing import Protocol, TypeVar

import attrs

from segur_numerique.core.explanation import Explanation
from segur_numerique.core.inputs import MAX_NUMBER_DIGITS, exact_number
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Lang, Text, plural_word
from segur_numerique.core.validators import parse_iso_date
from segur_numerique.errors import InvalidInputError, ScenarioError
from segur_numerique.rules.model import RuleSet

_T = TypeVar("_T")


@contextmanager
def malformed_input() -> Iterator[None]:
    """Turn an :class:`~segur_numerique.errors.InvalidInputError` raised inside into a ScenarioError.

    For adapters that structure a whole table (an establishment, a simulation case): a bad value
    in it is a malformed input, not the verdict of the computation.
    """
    try:
        yield
    except InvalidInputError as exc:
        raise ScenarioError(exc.what, where=exc.where) from None


class Structurer(Protocol):
    """A function that structures raw data into ``cls``, naming the path of a bad value."""

    def __call__(self, data: object, cls: type[_T], /, *, where: str) -> _T:
        """``data`` as a ``cls``; raises InvalidInputError naming ``where``."""
        ...


# --------------------------------------------------------------------------------------------
# Inputs: typed readers that name the path of a bad input.


@attrs.define
class Inputs:
    """The inputs of one scenario, read by type; each read is remembered, so unused inputs are reported.

    Every reader raises :class:`ScenarioError` naming ``<file>: <scenario>.inputs.<name>``.
    """

    values: Mapping[str, object]
    where: str
    used: set[str] = attrs.field(factory=set)

    def _raw(self, name: str, default: object, required: bool) -> object:
        self.used.add(name)
        if name in self.values:
            return self.values[name]
        if required:
            raise ScenarioError("this input is required", where=f"{self.where}.{name}")
        return default

    def error(self, name: str, what: str) -> ScenarioError:
        """An error about the input ``name``."""
        return ScenarioError(what, where=f"{self.where}.{name}")

    def has(self, name: str) -> bool:
        """Whether the scenario gives ``name``."""
        return name in self.values

    def text(
        self, name: str, *, choices: Iterable[str] | None = None, default: str | None = None
    ) -> str:
        """A string input (one of ``choices`` if given)."""
        raw = self._raw(name, default, default is None)
        if not isinstance(raw, str):
            raise self.error(name, f"expected a string, got {raw!r}")
        allowed = tuple(choices or ())
        if allowed and raw not in allowed:
            raise self.error(name, f"expected one of {', '.join(allowed)}, got {raw!r}")
        return raw

    def optional_text(self, name: str) -> str | None:
        """A string input that may be absent."""
        return self.text(name) if self.has(name) else self._raw(name, None, False)  # type: ignore[return-value]

    def integer(self, name: str, *, default: int | None = None, minimum: int | None = 0) -> int:
        """A whole number (``minimum`` 0 by default)."""
        raw = self._raw(name, default, default is None)
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise self.error(name, f"expected a whole number, got {raw!r}")
        if minimum is not None and raw < minimum:
            raise self.error(name, f"must be at least {minimum}, got {raw}")
        return raw

    def boolean(self, name: str, *, default: bool | None = None) -> bool:
        """``true`` or ``false``."""
        raw = self._raw(name, default, default is None)
        if not isinstance(raw, bool):
            raise self.error(name, f"expected true or false, got {raw!r}")
        return raw

    def euro(self, name: str) -> Euro:
        """An amount written as a string (``"800 000 €"``, ``"1234.56"``)."""
        raw = self._raw(name, None, True)
        try:
            return parse_euro(raw)
        except InvalidInputError as exc:
            raise self.error(name, exc.what) from None

    def ratio(self, name: str) -> Fraction:
        """A rate written as a string (``"60 %"``, ``"3/5"``, ``"0.6"``)."""
        raw = self._raw(name, None, True)
        try:
            return parse_fraction(raw)
        except InvalidInputError as exc:
            raise self.error(name, exc.what) from None

    def date(self, name: str, *, required: bool = True) -> dt.date:
        """A date (a TOML date or an ISO string)."""
        raw = self._raw(name, None, required)
        try:
            return parse_date(raw)
        except InvalidInputError as exc:
            raise self.error(name, exc.what) from None

    def optional_date(self, name: str) -> dt.date | None:
        """A date that may be absent."""
        return self.date(name) if self.has(name) else self._raw(name, None, False)  # type: ignore[return-value]

    def datetime(self, name: str) -> dt.datetime:
        """A date-time with a UTC offset (a TOML offset date-time or an ISO string)."""
        raw = self._raw(name, None, True)
        if isinstance(raw, str):
            try:
                raw = dt.datetime.fromisoformat(raw)
            except ValueError:
                raise self.error(name, f"expected an ISO date-time, got {raw!r}") from None
        if not isinstance(raw, dt.datetime) or raw.tzinfo is None:
            raise self.error(name, f"expected a date-time with a UTC offset, got {raw!r}")
        return raw

    def raw(self, name: str) -> object:
        """The input as written (a list of rows, a table), for an adapter that checks it itself."""
        return self._raw(name, None, True)

    def mapping(self, name: str) -> Mapping[str, object]:
        """A table (a TOML table or a JSON object)."""
        raw = self._raw(name, None, True)
        if not isinstance(raw, Mapping):
            raise self.error(name, f"expected a table, got {raw!r}")
        return raw

    def structured(self, name: str, cls: type[_T], structure: Structurer) -> _T:
        """A table structured into ``cls`` (a bad value in it is a ScenarioError with its path)."""
        table = self.mapping(name)
        with malformed_input():
            return structure(table, cls, where=f"{self.where}.{name}")

    def flags(self, name: str) -> dict[str, bool]:
        """A table of booleans (``{F1 = true, F2 = false}``)."""
        found: dict[str, bool] = {}
        for key, value in self.mapping(name).items():
            if not isinstance(value, bool):
                raise self.error(f"{name}.{key}", f"expected true or false, got {value!r}")
            found[str(key)] = value
        return found

    def counts(self, name: str) -> dict[str, int]:
        """A table of whole numbers (``{a = 1, b = 3}``)."""
        found: dict[str, int] = {}
        for key, value in self.mapping(name).items():
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.error(f"{name}.{key}", f"expected a whole number, got {value!r}")
            found[str(key)] = value
        return found

    def unused(self) -> tuple[str, ...]:
        """The inputs the computation did not read (a typo in the scenario, most of the time)."""
        return tuple(sorted(set(self.values) - self.used))


def parse_euro(raw: object) -> Euro:
    """An amount from a scenario: a string, or ``{"type": "euro", "value": ...}``.

    >>> parse_euro("800 000 €"), parse_euro("1050.00"), parse_euro({"type": "euro", "value": "1.5"})
    (Euro('800000.00'), Euro('1050.00'), Euro('1.50'))
    """
    if isinstance(raw, Mapping) and raw.get("type") == "euro":
        raw = raw.get("value")
    if isinstance(raw, Euro):
        return raw
    if not isinstance(raw, str):
        raise InvalidInputError(f"write an amount as a string ('800 000 €'), not {raw!r}")
    return Euro.parse(raw) if any(c in raw for c in "€EUR") else Euro(raw.strip())


def parse_fraction(raw: object) -> Fraction:
    """A rate or exact number from a scenario: ``"60 %"``, ``"3/5"``, ``"0.6"``, an int.

    >>> (
    ...     parse_fraction("60 %"),
    ...     parse_fraction("3/5"),
    ...     parse_fraction({"type": "fraction", "value": "1/3"}),
    ... )
    (Fraction(3, 5), Fraction(3, 5), Fraction(1, 3))
    """
    if isinstance(raw, Mapping) and raw.get("type") in {"fraction", "decimal"}:
        raw = raw.get("value")
    if isinstance(raw, Fraction):
        return raw
    if isinstance(raw, bool | float):
        raise InvalidInputError(f"write a rate as a string ('60 %', '3/5'), not {raw!r}")
    if isinstance(raw, int):
        return Fraction(raw)
    if not isinstance(raw, str):
        raise InvalidInputError(f"write a rate as a string ('60 %', '3/5'), not {raw!r}")
    text = raw.strip().replace(",", ".").replace("\u00a0", " ").replace("\u202f", " ")
    try:
        if text.endswith("%"):
            return exact_number(text[:-1].strip()) / 100
        if "/" in text and len(text) <= 2 * MAX_NUMBER_DIGITS + 1:
            return Fraction(text.replace(" ", ""))
        return exact_number(text)
    except InvalidInputError as exc:
        raise InvalidInputError(f"cannot read the rate {raw!r}: {exc.what}") from None
    except (ValueError, ZeroDivisionError):
        raise InvalidInputError(f"cannot read the rate {raw!r}") from None


def parse_date(raw: object) -> dt.date:
    """A date from a scenario: a TOML date, an ISO string or ``{"type": "date", ...}``."""
    if isinstance(raw, Mapping) and raw.get("type") == "date":
        raw = raw.get("value")
    return parse_iso_date(raw)


# --------------------------------------------------------------------------------------------
# Computations.


@attrs.frozen
class Computed:
    """What an adapter returns: named outputs, and the explanation of the computation."""

    outputs: Mapping[str, object]
    explanation: Explanation | None = None


Adapter = Callable[[Inputs, RuleSet], Computed]


@attrs.frozen
class Computation:
    """A computation a scenario may name: its programme, a bilingual title, its inputs and outputs."""

    name: str
    programme: str
    title: Text
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    run: Adapter = attrs.field(repr=False)

    def describe(self, lang: Lang = "en") -> str:
        """One line: name, title, inputs and outputs."""
        return (
            f"{self.name} ({self.programme}): {self.title.in_(lang)}; "
            f"inputs: {', '.join(self.inputs)}; outputs: {', '.join(self.outputs)}"
        )

    def evaluate(self, values: Mapping[str, object], rules: RuleSet, *, where: str) -> Computed:
        """Run the adapter on ``values`` (the inputs, ``where`` naming them in messages).

        This is the one way to run a computation: the scenarios and
        :func:`~segur_numerique.kit.compute.compute` both call it.

        Raises:
            ScenarioError: an input is missing, malformed, or not read by this computation.
            SegurError: the computation itself refused (e.g. a missing parameter).
        """
        inputs = Inputs(values, where)
        computed = self.run(inputs, rules)
        unused = inputs.unused()
        if unused:
            raise ScenarioError(
                f"{plural_word(len(unused), 'en', 'input', 'inputs')} {', '.join(unused)} not used "
                f"by {self.name!r} "
                f"(its inputs: {', '.join(self.inputs)})",
                where=where,
            )
        return computed


def computation(  # noqa: PLR0917 (a compact table of computations)
    name: str,
    programme: str,
    fr: str,
    en: str,
    inputs: tuple[str, ...],
    outputs: tuple[str, ...],
    run: Adapter,
) -> Computation:
    """A :class:`Computation` with its title given as French and English strings."""
    return Computation(name, programme, Text(fr=fr, en=en), inputs, outputs, run)
