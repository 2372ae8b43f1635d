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
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead, RoundingStep
from segur_numerique.core.headline import Fact, Headline, Number
from segur_numerique.core.money import Euro
from segur_numerique.core.rounding import CENT_HALF_UP, check_int64
from segur_numerique.core.text import Lang, Text, counted, group_digits, is_singular
from segur_numerique.core.validators import check_count, check_date
from segur_numerique.core.values import JsonValue, encode_value, render_number
from segur_numerique.e_parcours.deadlines import usage_deadline
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


def start_payment_cents(forfait: Any, start_share: Fraction) -> Any:
    """The start payment (amorçage) in cents: ``forfait × 60 %`` rounded half up (``int`` or column).

    The usage payment is the rest. The one definition of the split: :func:`payments` and
    :func:`~segur_numerique.e_parcours.payments_table` both call it.
    """
    return CENT_HALF_UP.scale_cents(forfait, start_share, where="forfait")


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


@attrs.frozen(repr=False)
class Payments(HtmlResult):
    """The two e-parcours payments: 60 % at start, 40 % at the usage targets (or lost).

    Attributes:
        start_payment: paid at project start (amorçage).
        usage_payment: paid when the targets are reached in time (0 if not, or not yet).
        lost: the 40 % lost because the targets were reached too late.
        deadline: the last day to reach the targets.
        pending: true when the targets are not (yet) reported reached.
    """

    forfait: Euro
    start_payment: Euro
    usage_payment: Euro
    lost: Euro
    deadline: dt.date
    pending: bool
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(fr="Versements e-parcours", en="e-parcours payments"),
            value=self.forfait,
            value_name="forfait",
            facts=(
                Fact(
                    "start", Text(fr="au démarrage (60 %)", en="at start (60%)"), self.start_payment
                ),
                Fact("usage", Text(fr="à l'usage (40 %)", en="on usage (40%)"), self.usage_payment),
                Fact("lost", Text(fr="perdu", en="lost"), self.lost),
                Fact("deadline", Text(fr="échéance", en="deadline"), self.deadline),
                Fact("pending", Text(fr="en attente", en="pending"), self.pending),
            ),
        )

    @property
    def total(self) -> Euro:
        """What is paid in all."""
        return self.start_payment + self.usage_payment

    def to_json(self) -> dict[str, JsonValue]:
        """The payments and their explanation as a JSON object."""
        return {
            "forfait": encode_value(self.forfait),
            "start_payment": encode_value(self.start_payment),
            "usage_payment": encode_value(self.usage_payment),
            "lost": encode_value(self.lost),
            "deadline": encode_value(self.deadline),
            "pending": self.pending,
            "explanation": self.explanation.to_json(),
        }


_REST_ASSUMPTION = Text(
    fr="Le second versement est le reste du forfait (forfait − amorçage arrondi), pour "
    "que les deux tombent juste.",
    en="The second payment is the rest of the forfait (forfait − rounded start "
    "payment), so that both add up exactly.",
)


def _forfait_amount(forfait: Euro | Forfait) -> tuple[Euro, tuple[Explanation, ...]]:
    """The amount to split and the explanation it comes from (for an :class:`Forfait`)."""
    children: tuple[Explanation, ...] = ()
    if isinstance(forfait, Forfait):
        amount, children = forfait.amount, (forfait.explanation,)
    elif isinstance(forfait, Euro):
        amount = forfait
    else:
        raise InvalidInputError(f"expected a Euro amount, got {forfait!r}", where="forfait")
    if amount.cents < 0:
        raise InvalidInputError("cannot be negative", where="forfait")
    return amount, children


def _check_payment_dates(start: dt.date, targets_reached_on: dt.date | None) -> None:
    for name, day in (("start", start), ("targets_reached_on", targets_reached_on)):
        if day is not None:
            check_date(day, where=name)
    if targets_reached_on is not None and targets_reached_on < start:
        raise InvalidInputError(
            f"targets reached ({targets_reached_on}) before the project started ({start})",
            where="targets_reached_on",
        )


def payment_shares(
    rules: RuleSet, on: dt.date | None
) -> tuple[Fraction, tuple[ParameterRead, ParameterRead]]:
    """The start share (60 %) and the two share reads, checked to sum to 1."""
    start_share, start_read = rules.read_as("e_parcours.payment.start_share", Fraction, on=on)
    usage_share, usage_read = rules.read_as("e_parcours.payment.usage_share", Fraction, on=on)
    if start_share + usage_share != 1:
        raise InvalidInputError(
            f"the payment shares sum to {start_share + usage_share}, not 1",
            where="e_parcours.payment",
        )
    return start_share, (start_read, usage_read)


def _payments_outcome(
    start_payment: Euro, rest: Euro, deadline: dt.date, targets_reached_on: dt.date | None
) -> Text:
    """The outcome line: the usage payment pending, paid in time, or lost."""
    if targets_reached_on is None:
        return Text(
            fr=f"{start_payment.format('fr')} à l'amorçage ; {rest.format('fr')} en attente "
            f"des cibles d'usage (au plus tard le {deadline.isoformat()})",
            en=f"{start_payment.format('en')} at start; {rest.format('en')} pending the usage "
            f"targets (at the latest on {deadline.isoformat()})",
        )
    if targets_reached_on <= deadline:
        return Text(
            fr=f"{start_payment.format('fr')} à l'amorçage + {rest.format('fr')} à l'atteinte "
            "des cibles, dans les délais",
            en=f"{start_payment.format('en')} at start + {rest.format('en')} at the targets, "
            "in time",
        )
    return Text(
        fr=f"{start_payment.format('fr')} à l'amorçage ; {rest.format('fr')} perdus : cibles "
        f"atteintes le {targets_reached_on} après l'échéance du {deadline.isoformat()}",
        en=f"{start_payment.format('en')} at start; {rest.format('en')} lost: targets "
        f"reached on {targets_reached_on}, after the deadline of {deadline.isoformat()}",
    )


def payments(
    forfait: Euro | Forfait,
    *,
    start: dt.date,
    targets_reached_on: dt.date | None,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Payments:
    """Split a forfait into the start payment and the usage payment (the H&TI report of 9 July 2019).

    The start payment is ``forfait × 60 %`` rounded half up; the usage payment is the rest, so
    the two add up exactly. The targets must be reached on or before the **deadline** of
    :func:`~segur_numerique.e_parcours.usage_deadline`: the earlier of ``start`` + 2 years (the
    anniversary, or 28 February for a 29 February start: code de procédure civile, art. 641, the
    library's reading) and 31 Dec 2022; its explanation is a child of this one.
    ``targets_reached_on=None`` means not (yet) reached: the usage payment is pending, shown as 0.

    >>> from segur_numerique import load_rules
    >>> p = payments(
    ...     Euro("800000"),
    ...     start=dt.date(2021, 3, 1),
    ...     targets_reached_on=dt.date(2022, 12, 31),
    ...     rules=load_rules(),
    ... )
    >>> p.start_payment, p.usage_payment
    (Euro('480000.00'), Euro('320000.00'))
    >>> payments(
    ...     Euro("800000"),
    ...     start=dt.date(2021, 3, 1),
    ...     targets_reached_on=dt.date(2023, 1, 1),
    ...     rules=load_rules(),
    ... ).lost
    Euro('320000.00')
    """
    rules = resolve_rules(rules)
    amount, children = _forfait_amount(forfait)
    _check_payment_dates(start, targets_reached_on)
    start_share, reads = payment_shares(rules, on)
    usage = usage_deadline(start, rules=rules, on=on)
    deadline = usage.due
    exact_start = amount.value * start_share
    start_payment = Euro.from_cents(int(start_payment_cents(amount.cents, start_share)))
    rest = amount - start_payment
    pending = targets_reached_on is None
    in_time = targets_reached_on is not None and targets_reached_on <= deadline
    usage_payment = rest if in_time else Euro.zero()
    lost = rest if (targets_reached_on is not None and not in_time) else Euro.zero()
    outcome = _payments_outcome(start_payment, rest, deadline, targets_reached_on)
    explanation = Explanation(
        rule="e_parcours.payments",
        title=Text(
            fr="Versements e-parcours (60 % / 40 %)", en="e-parcours payments (60 % / 40 %)"
        ),
        outcome=outcome,
        result=start_payment + usage_payment,
        inputs=(
            InputValue("forfait", amount),
            InputValue("start", start),
            InputValue("targets_reached_on", targets_reached_on),
        ),
        parameters=reads,
        rounding=(
            RoundingStep(
                what=Text(fr="versement d'amorçage", en="start payment"),
                exact=exact_start,
                rounded=start_payment.value,
                policy=CENT_HALF_UP,
            ),
        ),
        assumptions=(_REST_ASSUMPTION,),
        children=(*children, usage.explanation),
    )
    return Payments(amount, start_payment, usage_payment, lost, deadline, pending, explanation)
