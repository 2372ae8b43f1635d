"""e-parcours funding: forfait per bassin and its two payments (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]; the H&TI report of 9 July 2019).

The DGOS instruction of 24 May 2019 (the H&TI report of 9 July 2019) funds each project with a forfait per bassin of
300,000 inhabitants: 800,000 € for dispositifs d'appui à la coordination (DAC), 200,000 € for
collectifs de soins coordonnés. (The H&TI report of 9 July 2019 prints "200 000 millions d'euros", a typo: the rule
data reads 200,000 €, status ``inferred``, with the reasoning.) The forfait is paid 60 % at
project start (amorçage) and 40 % once the usage targets are reached, within 2 years and at the
latest on 31 Dec 2022; after that the 40 % is lost.

How a territory of other than 300,000 inhabitants scales is unknown, so the caller must name a
:class:`BassinScaling` policy; none is chosen silently.
"""

from __future__ import annotations

import datetime as dt
import enum
from fractions import Fraction
from typing import Any

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, RoundingStep
from segur_numerique.core.headline import Fact, Headline, Number
from segur_numerique.core.money import Euro
from segur_numerique.core.rounding import CENT_HALF_UP, check_int64
from segur_numerique.core.text import Lang, Text, counted, group_digits, is_singular
from segur_numerique.core.validators import check_count
from segur_numerique.core.values import JsonValue, encode_value, render_number
from segur_numerique.e_parcours.kinds import Kind
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


class BassinScaling(enum.Enum):
    """How the forfait per bassin of 300,000 inhabitants scales to another population.

    None is official (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]: unknown); the explanation always says which one was used.
    """

    PROPORTIONAL = "proportional"
    """forfait × population / 300,000, rounded half up to the cent."""
    PER_STARTED_BASSIN = "per_started_bassin"
    """forfait × the number of bassins started (population / 300,000 rounded up)."""
    PER_FULL_BASSIN = "per_full_bassin"
    """forfait × the number of full bassins (population / 300,000 rounded down)."""

    def label(self) -> Text:
        """The policy in French and English."""
        return {
            BassinScaling.PROPORTIONAL: Text(
                fr="proportionnel à la population", en="proportional to the population"
            ),
            BassinScaling.PER_STARTED_BASSIN: Text(
                fr="par bassin commencé", en="per started bassin"
            ),
            BassinScaling.PER_FULL_BASSIN: Text(fr="par bassin complet", en="per full bassin"),
        }[self]


def _bassins(count: Fraction, lang: Lang) -> str:
    """``2 bassins``, ``1 bassin``, or a share such as ``≈ 1,166667 (7/6) bassin``."""
    word = "bassin" if is_singular(count, lang) else "bassins"
    if count.denominator == 1:
        return f"{group_digits(int(count), lang)} {word}"
    return f"{render_number(count, lang)} {word}"


@attrs.frozen(repr=False)
class Forfait(HtmlResult):
    """The forfait of an e-parcours project, with its explanation."""

    amount: Euro
    beneficiary: Kind
    population: int
    scaling: BassinScaling
    bassins: Fraction
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(
                fr=f"Forfait e-parcours — {self.beneficiary.value}",
                en=f"e-parcours forfait — {self.beneficiary.value}",
            ),
            name=self.beneficiary.value,
            value=self.amount,
            facts=(
                Fact("population", Text(fr="population", en="population"), self.population),
                Fact("bassins", Text(fr="bassins", en="bassins"), Number(self.bassins)),
                Fact("scaling", Text(fr="mise à l'échelle", en="scaling"), self.scaling.label()),
            ),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The forfait and its explanation as a JSON object."""
        return {
            "amount": encode_value(self.amount),
            "beneficiary": self.beneficiary.value,
            "population": self.population,
            "scaling": self.scaling.value,
            "bassins": encode_value(self.bassins),
            "explanation": self.explanation.to_json(),
        }


def _scaled_bassins(scaling: BassinScaling, population: int, bassin: int) -> Fraction:
    """The number of bassins the forfait is multiplied by, under ``scaling``."""
    if scaling is BassinScaling.PROPORTIONAL:
        return Fraction(population, bassin)
    if scaling is BassinScaling.PER_STARTED_BASSIN:
        return Fraction(-(-population // bassin))
    return Fraction(population // bassin)


def forfait_cents(
    forfait: Any, population: Any, bassin: int, scaling: BassinScaling, *, where: str = "population"
) -> Any:
    """The forfait in cents of ``population`` inhabitants, under ``scaling``: ``int`` or int64 column.

    The one definition of the scaled forfait: :func:`forfait` and
    :func:`~segur_numerique.e_parcours.forfait_table` both call it. Proportional: ``forfait ×
    population / bassin`` rounded half up to the cent; per started / full bassin: ``forfait ×``
    the bassins rounded up / down (exact).

    >>> forfait_cents(80000000, 450000, 300000, BassinScaling.PROPORTIONAL)
    120000000
    """
    if scaling is BassinScaling.PROPORTIONAL:
        check_int64(population, 2 * forfait, where=where)
        return CENT_HALF_UP.quotient_cents(population * forfait, bassin, where=where)
    bassins = (
        -(-population // bassin)
        if scaling is BassinScaling.PER_STARTED_BASSIN
        else (population // bassin)
    )
    check_int64(bassins, forfait, where=where)
    return bassins * forfait


def _forfait_assumptions(scaling: BassinScaling, kind: Kind) -> tuple[Text, ...]:
    """The caller's scaling choice, and the reading of the collectif typo in the H&TI report of 9 July 2019."""
    chosen = Text(
        fr=f"Mise à l'échelle « {scaling.label().fr} » choisie par l'appelant : la règle "
        "officielle pour une autre population est inconnue.",
        en=f'Scaling "{scaling.label().en}" chosen by the caller: the official rule '
        "for another population is unknown.",
    )
    if kind is not Kind.COLLECTIF:
        return (chosen,)
    typo = Text(
        fr="La source imprime « 200 000 millions d'euros » (coquille) : lu 200 000 €.",
        en='The source prints "200 000 millions d\'euros" (a typo): read as 200,000 €.',
    )
    return chosen, typo


def forfait(
    beneficiary: Kind | str,
    *,
    population: int,
    scaling: BassinScaling,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Forfait:
    """The forfait of a DAC or collectif covering ``population`` inhabitants.

    >>> from segur_numerique import load_rules
    >>> forfait(
    ...     "dac", population=450_000, scaling=BassinScaling.PER_STARTED_BASSIN, rules=load_rules()
    ... ).amount
    Euro('1600000.00')
    >>> forfait(
    ...     "dac", population=450_000, scaling=BassinScaling.PROPORTIONAL, rules=load_rules()
    ... ).amount
    Euro('1200000.00')

    Raises:
        InvalidInputError: an unknown beneficiary, a negative or non-integer population, or no
            scaling policy.
    """
    rules = resolve_rules(rules)
    kind = Kind.parse(beneficiary, where="beneficiary")
    check_count(population, where="population")
    if not isinstance(scaling, BassinScaling):
        raise InvalidInputError(
            "name a BassinScaling policy (proportional, per started bassin, per full bassin): "
            "the official rule for other populations is unknown",
            where="scaling",
        )
    forfait, forfait_read = rules.read_as(f"e_parcours.forfait.{kind.value}", Euro, on=on)
    bassin, bassin_read = rules.read_as("e_parcours.bassin.population", int, on=on)
    bassins = _scaled_bassins(scaling, population, bassin)
    exact = forfait.value * bassins
    amount = Euro.from_cents(int(forfait_cents(forfait.cents, population, bassin, scaling)))
    explanation = Explanation(
        rule="e_parcours.forfait",
        title=Text(fr="Forfait e-parcours", en="e-parcours forfait"),
        outcome=Text(
            fr=f"{amount.format('fr')} pour {_bassins(bassins, 'fr')} de "
            + counted(bassin, "fr", fr=("habitant", "habitants"), en=("", "")),
            en=f"{amount.format('en')} for {_bassins(bassins, 'en')} of "
            + counted(bassin, "en", fr=("", ""), en=("inhabitant", "inhabitants")),
        ),
        result=amount,
        inputs=(
            InputValue("beneficiary", kind.value),
            InputValue("population", population),
            InputValue("scaling", scaling.label()),
        ),
        parameters=(forfait_read, bassin_read),
        rounding=(
            RoundingStep(
                what=Text(fr="forfait", en="forfait"),
                exact=exact,
                rounded=amount.value,
                policy=CENT_HALF_UP,
            ),
        )
        if (exact * 100).denominator != 1
        else (),
        assumptions=_forfait_assumptions(scaling, kind),
    )
    return Forfait(amount, kind, population, scaling, bassins, explanation)
