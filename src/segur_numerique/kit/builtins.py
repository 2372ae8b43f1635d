"""The computations of the conformance kit that belong to no single programme (programme ``segur``).

``rules.read`` (a rule value with its status), ``money.scale`` (a share of an amount, to the cent)
and ``allocation.pro_rata`` (an envelope split by the largest remainder). The programme packages
list their own computations in their ``kit.py``.
"""

from __future__ import annotations

from segur_numerique.core.explanation import Explanation, InputValue, RoundingStep
from segur_numerique.core.rounding import CENT_HALF_UP
from segur_numerique.core.text import Text
from segur_numerique.funding_scaling.allocation import allocate
from segur_numerique.rules.computation import Computation, Computed, Inputs, computation
from segur_numerique.rules.model import RuleSet


def _rules_read(inputs: Inputs, rules: RuleSet) -> Computed:
    key = inputs.text("key")
    on = inputs.optional_date("on")
    alternative = inputs.optional_text("alternative")
    read = rules.read(key, on=on, alternative=alternative)
    explanation = Explanation(
        rule="rules.read",
        title=Text(fr="Lecture d'une valeur de règle", en="Read a rule value"),
        outcome=Text(fr=f"{key} lue", en=f"{key} read"),
        result=read.value,
        parameters=(read,),
    )
    return Computed(
        {
            "value": read.value,
            "status": read.status.value,
            "origin": read.origin.value,
            "since": read.since,
        },
        explanation,
    )


def _money_scale(inputs: Inputs, rules: RuleSet) -> Computed:
    amount = inputs.euro("amount")
    share = inputs.ratio("share")
    exact = amount.value * share
    result = amount.scale(share)
    explanation = Explanation(
        rule="money.scale",
        title=Text(fr="Part d'un montant", en="Share of an amount"),
        outcome=Text(fr="part arrondie au centime", en="share rounded to the cent"),
        result=result,
        inputs=(InputValue("amount", amount), InputValue("share", share)),
        rounding=(RoundingStep(Text(fr="part", en="share"), exact, result.value, CENT_HALF_UP),),
    )
    return Computed({"amount": result}, explanation)


def _pro_rata(inputs: Inputs, rules: RuleSet) -> Computed:
    weights = inputs.counts("weights")
    result = allocate(inputs.euro("envelope"), weights)
    return Computed(
        {"shares": tuple(s.amount for s in result.shares), "total": result.total},
        result.explanation,
    )


BUILTINS: tuple[Computation, ...] = (
    computation(
        "rules.read",
        "segur",
        "Valeur de règle, avec son statut",
        "A rule value, with its status",
        ("key", "on?", "alternative?"),
        ("value", "status", "origin", "since"),
        _rules_read,
    ),
    computation(
        "money.scale",
        "segur",
        "Part d'un montant, arrondie au centime",
        "Share of an amount, to the cent",
        ("amount", "share"),
        ("amount",),
        _money_scale,
    ),
)
"""The computations on rule values and amounts, listed first."""

ALLOCATION: tuple[Computation, ...] = (
    computation(
        "allocation.pro_rata",
        "segur",
        "Répartition d'une enveloppe au prorata (plus forts restes)",
        "Pro rata allocation of an envelope (largest remainder)",
        ("envelope", "weights"),
        ("shares", "total"),
        _pro_rata,
    ),
)
"""The allocation computation, listed last (after the programmes), as before."""
