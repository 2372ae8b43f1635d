"""e-parcours payments: 60 % of the forfait at project start, 40 % at the usage targets (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]).

The 40 % is paid once the usage targets are reached, within 2 years and at the latest on
31 Dec 2022; after that it is lost. The forfait itself is :func:`segur_numerique.e_parcours.funding.forfait`.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead, RoundingStep
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.money import Euro
from segur_numerique.core.rounding import CENT_HALF_UP
from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.e_parcours.deadlines import usage_deadline
from segur_numerique.e_parcours.funding import (
    Forfait,
)
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


def start_payment_cents(forfait: Any, start_share: Fraction) -> Any:
    """The start payment (amorçage) in cents: ``forfait × 60 %`` rounded half up (``int`` or column).

    The usage payment is the rest. The one definition of the split: :func:`payments` and
    :func:`~segur_numerique.e_parcours.payments_table` both call it.
    """
    return CENT_HALF_UP.scale_cents(forfait, start_share, where="forfait")


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
