"""SUN-ES forfaits: per establishment and domain, by 2019 activity and window (rules digest, SUN-ES §2.4 [docs: explanation/rules/sun-es]).

What is known: a forfait (lump sum) per establishment and per domain, paid when the domain's
usage targets are reached, based on the establishment's 2019 "activité combinée" and on the
window, degressive from window to window ("financements dégressifs", the Hospitalia interview of O. Clatz and the ARS Occitanie SUN-ES FAQ); an
establishment that misses its deadline and moves to a later window gets the forfait of the new
window (GRADeS IDF, the ARS Occitanie SUN-ES FAQ); the compte rendu opératoire (CRO) is a bonus for establishments
with an operating theatre (the ARS Occitanie SUN-ES FAQ; conflicting).

What is unknown (the forfait grid, the degression and the CRO bonus) is read by
:class:`~segur_numerique.sun_es.grid.ForfaitGrid`, whose module lists the keys.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from fractions import Fraction
from typing import Final

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, RoundingStep
from segur_numerique.core.money import Euro
from segur_numerique.core.rounding import CENT_HALF_UP, RoundingPolicy
from segur_numerique.core.text import Text, counted
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.sun_es.domains import Domain
from segur_numerique.sun_es.grid import (
    CRO_BONUS_ROW,
    ForfaitGrid,
    check_window,
    forfait_window,
    grid_row,
    row_key,
)
from segur_numerique.sun_es.headlines import forfait_headline


class DomainPayment(enum.Enum):
    """How a domain's forfait depends on its indicators: a switchable assumption (rules digest, SUN-ES §2.4 [docs: explanation/rules/sun-es])."""

    ALL_OR_NOTHING = "all_or_nothing"
    """The whole forfait if every indicator of the domain is met, nothing otherwise (as HOP'EN)."""
    PER_INDICATOR = "per_indicator"
    """The forfait × indicators met / indicators (a what-if; no source describes it)."""


@attrs.frozen(repr=False)
class Forfait(HtmlResult):
    """A SUN-ES forfait for one establishment and domain, with its explanation.

    Attributes:
        amount: what is paid (domain forfait paid + CRO bonus).
        at_stake: the full degressed domain forfait of the applicable window.
        paid: the part of it paid given the indicators met.
        cro_bonus: the CRO bonus paid (0 when not applicable).
        window: the window whose forfait applies (the new one after a reassignment).
        chosen_window: the window the establishment applied to.
        band: the 1-based activity band.
    """

    amount: Euro
    at_stake: Euro
    paid: Euro
    cro_bonus: Euro
    domain: Domain
    window: str
    chosen_window: str
    band: int
    explanation: Explanation
    _headline = forfait_headline

    def to_json(self) -> dict[str, JsonValue]:
        """The forfait and its explanation as a JSON object."""
        return {
            "amount": encode_value(self.amount),
            "at_stake": encode_value(self.at_stake),
            "paid": encode_value(self.paid),
            "cro_bonus": encode_value(self.cro_bonus),
            "domain": self.domain.value,
            "window": self.window,
            "chosen_window": self.chosen_window,
            "band": self.band,
            "explanation": self.explanation.to_json(),
        }


_DEGRESSION_POLICY: Final[RoundingPolicy] = CENT_HALF_UP


def _degression_step(what: Text, exact: Fraction, rounded_cents: int) -> RoundingStep:
    """A rounding step to the cent, half up (the policy of the degression)."""
    return RoundingStep(
        what=what, exact=exact, rounded=Fraction(rounded_cents, 100), policy=_DEGRESSION_POLICY
    )


@attrs.frozen
class _Request:
    """The checked arguments of :func:`forfait` (``effective``: the window that applies)."""

    activity: int
    domain: Domain
    chosen: str
    effective: str
    steps: tuple[Explanation, ...]
    mode: DomainPayment
    payment_defaulted: bool
    indicators_met: Mapping[str, bool] | None
    cro_bonus: bool

    def inputs(self) -> tuple[InputValue, ...]:
        """The inputs of the forfait's explanation."""
        met = self.indicators_met
        return (
            InputValue("activity", self.activity),
            InputValue("domain", self.domain.value),
            InputValue("window", self.chosen),
            InputValue("reassigned_to", None if self.effective == self.chosen else self.effective),
            InputValue(
                "indicators_met",
                None if met is None else tuple(f"{k}: {v}" for k, v in sorted(met.items())),
                defaulted=met is None,
            ),
            InputValue("payment", self.mode.value, defaulted=self.payment_defaulted),
            InputValue("cro_bonus", self.cro_bonus),
        )

    def assumptions(self) -> tuple[Text, ...]:
        """The assumptions of the forfait: payment mode, degression, reassignment, CRO bonus."""
        all_or_nothing = self.mode is DomainPayment.ALL_OR_NOTHING
        chosen, effective = self.chosen, self.effective
        assumptions = [
            Text(
                fr="Mode de paiement du domaine : tout ou rien (connu seulement pour HOP'EN)."
                if all_or_nothing
                else "Mode de paiement du domaine : au prorata des indicateurs atteints "
                "(hypothèse de simulation, sans source).",
                en="Domain payment: all or nothing (known only for HOP'EN)."
                if all_or_nothing
                else "Domain payment: pro rata of the indicators met (a what-if, no source).",
            ),
            Text(
                fr="Forfait de la fenêtre = forfait de la fenêtre 1 × coefficient de la fenêtre, "
                "arrondi au centime (la moitié comptée pour 1).",
                en="Window forfait = window-1 forfait × the window's coefficient, rounded half "
                "up to the cent.",
            ),
        ]
        if effective != chosen:
            assumptions.append(
                Text(
                    fr=f"Échéance manquée : réaffecté de {chosen} à {effective}, avec le forfait "
                    "de la nouvelle fenêtre (GRADeS IDF).",
                    en=f"Missed deadline: moved from {chosen} to {effective}, with the new "
                    "window's forfait (GRADeS IDF).",
                )
            )
        if self.cro_bonus:
            assumptions.append(
                Text(
                    fr="Le bonus CRO suit la même dégressivité que les forfaits (hypothèse).",
                    en="The CRO bonus follows the same degression as the forfaits (assumption).",
                )
            )
        return tuple(assumptions)


def _checked_request(
    *,
    activity: int,
    domain: Domain | str,
    window: str,
    indicators_met: Mapping[str, bool] | None,
    payment: DomainPayment | None,
    cro_bonus: bool,
    reassigned_to: object,
) -> _Request:
    """The arguments of :func:`forfait`, checked (the indicators are checked later).

    Raises a typed error for the CRO bonus given as a domain, an unknown window, a reassignment
    to an earlier window, a CRO bonus outside the discharge documents domain or a bad payment.
    """
    domain = Domain.parse(domain)
    if domain is Domain.CRO_BONUS:
        raise InvalidInputError(
            "the CRO bonus is not a forfait domain: give the discharge documents domain with "
            "cro_bonus=True",
            where="domain",
        )
    chosen = check_window(window)
    effective, steps = forfait_window(chosen, reassigned_to)
    if cro_bonus and domain is not Domain.DISCHARGE_DOCUMENTS:
        raise InvalidInputError(
            "the CRO bonus belongs to the discharge documents domain (domain 1)",
            where="cro_bonus",
        )
    mode = DomainPayment.ALL_OR_NOTHING if payment is None else payment
    if not isinstance(mode, DomainPayment):
        raise InvalidInputError(f"expected a DomainPayment, got {mode!r}", where="payment")
    return _Request(
        activity, domain, chosen, effective, steps, mode, payment is None, indicators_met, cro_bonus
    )


@attrs.frozen
class _Cents:
    """The amounts of a forfait in cents, with their rounding steps (``band``: 0-based)."""

    band: int
    at_stake: int
    paid: int
    bonus: int
    met_text: Text
    rounding: tuple[RoundingStep, ...]

    @property
    def amount(self) -> Euro:
        """What is paid: the domain forfait paid and the CRO bonus."""
        return Euro.from_cents(self.paid + self.bonus)


def _paid_cents(
    at_stake: int,
    indicators_met: Mapping[str, bool] | None,
    mode: DomainPayment,
    rounding: list[RoundingStep],
) -> tuple[int, Text]:
    """The part of the forfait at stake paid given the indicators met, and how many were met.

    A per-indicator payment appends its rounding step to ``rounding``.
    """
    if indicators_met is None:
        return at_stake, Text(
            fr="forfait en jeu (cibles supposées atteintes)",
            en="forfait at stake (targets assumed reached)",
        )
    if not isinstance(indicators_met, Mapping) or not indicators_met:
        raise InvalidInputError(
            "give at least one indicator and whether it was met", where="indicators_met"
        )
    for name, met in indicators_met.items():
        if not isinstance(met, bool):
            raise InvalidInputError(
                f"expected true or false, got {met!r}", where=f"indicators_met[{name!r}]"
            )
    met_count = sum(indicators_met.values())
    total = len(indicators_met)
    if mode is DomainPayment.ALL_OR_NOTHING:
        paid = at_stake if met_count == total else 0
    else:
        paid = (2 * at_stake * met_count + total) // (2 * total)
        rounding.append(
            _degression_step(
                Text(fr="part des indicateurs atteints", en="share of indicators met"),
                Fraction(at_stake * met_count, 100 * total),
                paid,
            )
        )
    return paid, Text(
        fr=counted(met_count, "fr", fr=("indicateur atteint", "indicateurs atteints"), en=("", ""))
        + f" sur {total}",
        en=f"{met_count} of {counted(total, 'en', fr=('', ''), en=('indicator', 'indicators'))} met",
    )


def _cents(request: _Request, grid: ForfaitGrid) -> _Cents:
    """The degressed forfait at stake, the part paid and the CRO bonus, from ``grid``."""
    band = grid.band(request.activity)
    row = grid_row(request.domain)
    if row not in grid.amounts:
        raise InvalidInputError(f"the grid was not read for {request.domain.value!r}", where="grid")
    coefficient = grid.coefficient(request.effective)
    at_stake = grid.cents_table(request.domain, request.effective)[band]
    rounding = [
        _degression_step(
            Text(fr="forfait dégressif", en="degressive forfait"),
            Fraction(grid.amounts[row][band], 100) * coefficient,
            at_stake,
        )
    ]
    paid, met_text = _paid_cents(at_stake, request.indicators_met, request.mode, rounding)
    bonus = 0
    if request.cro_bonus:
        bonus = grid.cents_table(CRO_BONUS_ROW, request.effective)[band]
        rounding.append(
            _degression_step(
                Text(fr="bonus CRO dégressif", en="degressive CRO bonus"),
                Fraction(grid.amounts[CRO_BONUS_ROW][band], 100) * coefficient,
                bonus,
            )
        )
    return _Cents(band, at_stake, paid, bonus, met_text, tuple(rounding))


def _explanation(request: _Request, cents: _Cents, grid: ForfaitGrid) -> Explanation:
    """The explanation of a forfait: inputs, the grid values read, rounding, assumptions."""
    domain, effective, band = request.domain, request.effective, cents.band
    amount = cents.amount
    keys = {
        "sun_es.forfait_grid.band_count",
        f"sun_es.forfait_grid.band.{band + 1}.activity_from",
        row_key(grid_row(domain), band + 1),
        f"sun_es.degression.{effective}",
        *((f"sun_es.cro_bonus.band.{band + 1}",) if request.cro_bonus else ()),
    }
    met_text = cents.met_text
    return Explanation(
        rule="sun_es.forfait",
        title=Text(
            fr=f"Forfait SUN-ES, {domain.label.fr}, fenêtre {effective}",
            en=f"SUN-ES forfait, {domain.label.en}, window {effective}",
        ),
        outcome=Text(
            fr=f"{amount.format('fr')} ({met_text.fr}, tranche {band + 1})",
            en=f"{amount.format('en')} ({met_text.en}, band {band + 1})",
        ),
        result=amount,
        inputs=request.inputs(),
        parameters=tuple(r for r in grid.reads if r.key in keys),
        rounding=cents.rounding,
        assumptions=request.assumptions(),
        children=request.steps,
    )


def forfait(
    *,
    activity: int,
    domain: Domain | str,
    window: str,
    indicators_met: Mapping[str, bool] | None = None,
    payment: DomainPayment | None = None,
    cro_bonus: bool = False,
    reassigned_to: object = None,
    grid: ForfaitGrid | None = None,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Forfait:
    """The SUN-ES forfait of one establishment for one domain (rules digest, SUN-ES §2.4 [docs: explanation/rules/sun-es]; the Hospitalia interview of O. Clatz and the ARS Occitanie SUN-ES FAQ).

    Args:
        rules: the rule set, with the grid and degression supplied (see
            :mod:`segur_numerique.sun_es.grid`).
        activity: the establishment's 2019 "activité combinée" (a whole number ≥ 0).
        domain: the domain (:class:`~segur_numerique.sun_es.Domain`, its value or its id, e.g.
            ``"imaging"``); not the CRO bonus, which is ``cro_bonus=True`` on domain 1.
        window: the window the establishment applied to (``F1`` to ``F4``).
        indicators_met: the domain's indicators and whether each met its target; ``None`` gives
            the forfait at stake (as if every target were met).
        payment: all-or-nothing (the default, shown as defaulted) or per indicator.
        cro_bonus: whether the CRO bonus is due (establishment with an operating theatre whose
            CRO indicator is met); discharge documents domain only.
        reassigned_to: after a missed deadline, the new window: an id such as ``"F2"``, or the
            :class:`~segur_numerique.sun_es.Reassignment` returned by :func:`~segur_numerique.sun_es.reassign`
            (its ``forfait_window`` applies and its explanation becomes a step).
        grid: a grid already read (batch use); read from ``rules`` otherwise.
        on: read the rule values as known on this date.

    >>> from segur_numerique import illustrative_assumptions
    >>> rules = illustrative_assumptions()
    >>> forfait(activity=25_000, domain="imaging", window="F2", rules=rules).amount
    Euro('72000.00')
    >>> forfait(
    ...     activity=25_000, domain="imaging", window="F1", reassigned_to="F3", rules=rules
    ... ).amount
    Euro('64000.00')
    """
    rules = resolve_rules(rules)
    request = _checked_request(
        activity=activity,
        domain=domain,
        window=window,
        indicators_met=indicators_met,
        payment=payment,
        cro_bonus=cro_bonus,
        reassigned_to=reassigned_to,
    )
    if grid is None:
        grid = ForfaitGrid.from_rules(rules, domains=(request.domain,), cro_bonus=cro_bonus, on=on)
    cents = _cents(request, grid)
    explanation = _explanation(request, cents, grid)
    return Forfait(
        amount=cents.amount,
        at_stake=Euro.from_cents(cents.at_stake),
        paid=Euro.from_cents(cents.paid),
        cro_bonus=Euro.from_cents(cents.bonus),
        domain=request.domain,
        window=request.effective,
        chosen_window=request.chosen,
        band=cents.band + 1,
        explanation=explanation,
    )
