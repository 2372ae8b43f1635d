"""SUN-ES usage targets (cibles d'usage) per window and indicator: caller-supplied, validated.

The target values are **unknown** (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es]): they are the declared unknowns
``sun_es.target.<window>.<indicator>``, supplied by the caller in a parameter file (or by the
illustrative, not official, set for demos). A target is a rate in [0, 1]. The Hospitalia interview of O. Clatz and the ARS Occitanie SUN-ES FAQ say
targets rise window after window (« cibles progressives »): :func:`check_targets_rise` reports every
target that falls from one window to the next.

>>> from segur_numerique import illustrative_assumptions
>>> rules = illustrative_assumptions()
>>> targets = targets_from_rules(rules)
>>> targets.get("F1", "discharge_letter").rate
Fraction(1, 2)
>>> check_targets_rise(targets).falls
()
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from fractions import Fraction

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.rounding import to_fraction
from segur_numerique.core.text import Text, counted
from segur_numerique.core.values import JsonValue, encode_value, format_ratio
from segur_numerique.errors import InvalidInputError, MissingParameterError
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.versions import _ratio
from segur_numerique.sun_es.indicators import INDICATORS, indicator_definition

WINDOWS: tuple[str, ...] = ("F1", "F2", "F3", "F4")
"""The four volet 1 windows, in order (rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es])."""


def check_window(window: str) -> str:
    """Return ``window`` if it is one of F1-F4, else raise :class:`InvalidInputError`."""
    if window not in WINDOWS:
        raise InvalidInputError(
            f"unknown window {window!r}; expected one of {', '.join(WINDOWS)}", where="window"
        )
    return window


def _rate(value: object) -> Fraction:
    if isinstance(value, str):
        try:
            rate = _ratio(value)
        except (ValueError, ArithmeticError):
            raise InvalidInputError(
                f"a target is a rate in [0, 1] ('60 %', '3/5'), got {value!r}", where="target"
            ) from None
    else:
        rate = to_fraction(value, where="target")
    if not 0 <= rate <= 1:
        raise InvalidInputError(f"a target is a rate in [0, 1], got {rate}", where="target")
    return rate


@attrs.frozen
class Target:
    """A usage target: the rate an indicator must reach in a window.

    Attributes:
        window: ``F1`` to ``F4``.
        indicator: the indicator id.
        rate: the target rate, an exact fraction in [0, 1].
        read: the rule value it was read from (with its source and origin), or ``None`` when the
            caller passed the rate directly.
    """

    window: str = attrs.field(validator=lambda _i, _a, v: check_window(v))
    indicator: str = attrs.field(validator=lambda _i, _a, v: indicator_definition(v))
    rate: Fraction = attrs.field(converter=_rate)
    read: ParameterRead | None = None

    @property
    def key(self) -> str:
        """``sun_es.target.<window>.<indicator>``."""
        return f"sun_es.target.{self.window}.{self.indicator}"

    def to_json(self) -> dict[str, JsonValue]:
        """The target as a JSON object."""
        return {
            "window": self.window,
            "indicator": self.indicator,
            "rate": encode_value(self.rate),
            "read": self.read.to_json() if self.read else None,
        }


def target_from_rules(rules: RuleSet, window: str, indicator: str) -> Target:
    """Read the target ``sun_es.target.<window>.<indicator>``.

    Raises:
        MissingParameterError: the caller has not supplied it.
    """
    check_window(window)
    indicator_definition(indicator)
    read = rules.read(f"sun_es.target.{window}.{indicator}")
    return Target(window, indicator, read.value, read)


@attrs.frozen
class TargetSet:
    """Targets by (window, indicator); each pair at most once."""

    targets: tuple[Target, ...]

    def __attrs_post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        for t in self.targets:
            if (t.window, t.indicator) in seen:
                raise InvalidInputError(
                    f"target given twice for {t.indicator} in {t.window}", where=t.key
                )
            seen.add((t.window, t.indicator))

    @classmethod
    def from_mapping(cls, rates: Mapping[tuple[str, str], object]) -> TargetSet:
        """Targets from ``{(window, indicator): rate}`` (rates as Fraction, int or string)."""
        return cls(tuple(Target(w, i, r) for (w, i), r in rates.items()))

    def get(self, window: str, indicator: str) -> Target:
        """The target of ``indicator`` in ``window``.

        Raises:
            MissingParameterError: the set has no such target.
        """
        for t in self.targets:
            if t.window == window and t.indicator == indicator:
                return t
        raise MissingParameterError(
            f"sun_es.target.{window}.{indicator}", needed_for="a SUN-ES usage target"
        )


def targets_from_rules(
    rules: RuleSet,
    windows: Iterable[str] = WINDOWS,
    indicators: Iterable[str] | None = None,
) -> TargetSet:
    """Every supplied target among ``windows`` × ``indicators`` (missing ones are skipped).

    Use :func:`target_from_rules` to require one.
    """
    ids = tuple(indicators) if indicators is not None else tuple(d.id for d in INDICATORS)
    found = tuple(
        target_from_rules(rules, window, indicator)
        for window in windows
        for indicator in ids
        if rules.is_supplied(f"sun_es.target.{check_window(window)}.{indicator}")
    )
    return TargetSet(found)


@attrs.frozen
class TargetFall:
    """A target that falls from one window to the next (the texts say targets rise)."""

    indicator: str
    earlier: Target
    later: Target


@attrs.frozen(repr=False)
class TargetTrendCheck(HtmlResult):
    """The result of :func:`check_targets_rise`: the falls found, and an explanation."""

    falls: tuple[TargetFall, ...]
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(
                fr="Cibles croissantes d'une fenêtre à l'autre",
                en="Targets rising from window to window",
            ),
            verdict=self.rising,
            verdict_name="rising",
            yes=Text(fr="croissantes", en="rising"),
            no=Text(fr="une cible baisse", en="a target falls"),
            facts=(Fact("falls", Text(fr="baisses", en="falls"), len(self.falls)),),
        )

    @property
    def rising(self) -> bool:
        """No target falls from one window to the next."""
        return not self.falls


_TREND_BASIS = Text(
    fr="« financements dégressifs avec des cibles progressives » (la FAQ SUN-ES de l'ARS Occitanie)",
    en="'degressive funding with progressive targets' (the ARS Occitanie SUN-ES FAQ)",
)


def check_targets_rise(targets: TargetSet) -> TargetTrendCheck:
    """Report every target lower than the target of the same indicator in an earlier window.

    Windows without a target for an indicator are skipped (F1 and F3 are compared if F2 is absent).

    >>> ts = TargetSet.from_mapping(
    ...     {("F1", "imaging_report"): "60 %", ("F2", "imaging_report"): "1/2"}
    ... )
    >>> [(f.earlier.window, f.later.window) for f in check_targets_rise(ts).falls]
    [('F1', 'F2')]
    """
    falls = []
    children = []
    for definition in INDICATORS:
        series = sorted(
            (t for t in targets.targets if t.indicator == definition.id),
            key=lambda t: WINDOWS.index(t.window),
        )
        for earlier, later in itertools.pairwise(series):
            fell = later.rate < earlier.rate
            if fell:
                falls.append(TargetFall(definition.id, earlier, later))
            children.append(
                Explanation(
                    rule="sun_es.targets.rise",
                    title=Text(
                        fr=f"Cible {definition.id} : {earlier.window} → {later.window}",
                        en=f"Target {definition.id}: {earlier.window} → {later.window}",
                    ),
                    outcome=Text(
                        fr=f"{format_ratio(earlier.rate, 'fr')} → {format_ratio(later.rate, 'fr')} : "
                        + ("baisse" if fell else "ne baisse pas"),
                        en=f"{format_ratio(earlier.rate, 'en')} → {format_ratio(later.rate, 'en')}: "
                        + ("falls" if fell else "does not fall"),
                    ),
                    result=not fell,
                    parameters=tuple(t.read for t in (earlier, later) if t.read is not None),
                    inputs=tuple(
                        InputValue(t.key, t.rate) for t in (earlier, later) if t.read is None
                    ),
                )
            )
    explanation = Explanation(
        rule="sun_es.targets.rise",
        title=Text(
            fr="Les cibles ne baissent pas d'une fenêtre à la suivante",
            en="Targets do not fall from one window to the next",
        ),
        outcome=Text(
            fr=counted(len(falls), "fr", fr=("baisse de cible", "baisses de cible"), en=("", ""))
            if falls
            else "aucune baisse de cible",
            en=counted(len(falls), "en", fr=("", ""), en=("target fall", "target falls"))
            if falls
            else "no target falls",
        ),
        result=not falls,
        assumptions=(_TREND_BASIS,),
        children=tuple(children),
    )
    return TargetTrendCheck(tuple(falls), explanation)


__all__ = [
    "WINDOWS",
    "Target",
    "TargetFall",
    "TargetSet",
    "TargetTrendCheck",
    "check_targets_rise",
    "target_from_rules",
    "targets_from_rules",
]
