"""The think tank's human-support scenario: a share of an envelope for human support (the Health & Tech manifesto of 24 July 2020)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from segur_numerique.core.explanation import InputValue, ParameterRead
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Text
from segur_numerique.errors import AllocationError
from segur_numerique.funding_scaling.allocation import Allocation, _restated, split_by_shares
from segur_numerique.funding_scaling.remainders import _weight
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


def human_support_split(
    envelope: Euro,
    share: Fraction | None = None,
    *,
    on: dt.date | None = None,
    rules: RuleSet | None = None,
) -> Allocation:
    """The think tank's scenario: at least two thirds of an envelope for human support (the Health & Tech manifesto of 24 July 2020).

    The share is the rule value ``segur.human_support.share`` (2/3, a proposal of the Health &
    Tech think tank, 24 July 2020, not a rule of any programme) unless ``share`` is given.

    >>> from segur_numerique import load_rules
    >>> human_support_split(Euro.parse("2 Md€"), rules=load_rules()).amounts
    {'equipment': Euro('666666666.67'), 'human_support': Euro('1333333333.33')}
    >>> human_support_split(Euro.parse("2 Md€"), Fraction(3, 4), rules=load_rules()).amounts
    {'equipment': Euro('500000000.00'), 'human_support': Euro('1500000000.00')}
    """
    rules = resolve_rules(rules)
    reads: tuple[ParameterRead, ...] = ()
    if share is None:
        read = rules.read("segur.human_support.share", on=on)
        reads = (read,)
        exact = _weight(read.value, read.key)
        scenario = Text(
            fr=f"Scénario du think tank Health & Tech (24 juillet 2020) : part "
            f"« accompagnement humain » de {exact} ; une proposition, pas une règle.",
            en=f"Scenario of the Health & Tech think tank (24 July 2020): human-support "
            f"share {exact}; a proposal, not a rule.",
        )
    else:
        exact = _weight(share, "share")
        scenario = Text(
            fr=f"Part « accompagnement humain » donnée : {exact} (le think tank Health & Tech "
            "proposait au moins 2/3) ; un scénario, pas une règle.",
            en=f"Human-support share given: {exact} (the Health & Tech think tank proposed at "
            "least 2/3); a scenario, not a rule.",
        )
    if exact > 1:
        raise AllocationError(f"a share cannot exceed 1, got {exact}", where="share")
    allocation = split_by_shares(
        envelope,
        {"human_support": exact, "equipment": 1 - exact},
        reads=reads,
        assumptions=(scenario,),
    )
    return _restated(
        allocation,
        inputs=(
            *allocation.explanation.inputs,
            InputValue("share", exact, defaulted=share is None),
        ),
    )
