"""The SUN-ES envelope by volet: the confirmed volet envelopes, or an envelope split 75 / 25."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from segur_numerique.core.explanation import InputValue
from segur_numerique.core.money import Euro
from segur_numerique.core.text import Text
from segur_numerique.funding_scaling.allocation import (
    Allocation,
    _restated,
    allocate,
    split_by_shares,
)
from segur_numerique.funding_scaling.remainders import _envelope
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


def split_volets(
    envelope: Euro | None = None, *, on: dt.date | None = None, rules: RuleSet | None = None
) -> Allocation:
    """The SUN-ES envelope by volet: the confirmed volet envelopes, or ``envelope`` split 75 / 25.

    Without ``envelope``, the confirmed volet envelopes of the rule data are returned as they are
    (``sun_es.volet1.envelope`` = 158 M€, ``sun_es.volet2.envelope`` = 52 M€; rules digest, Ségur Numérique §1 [docs: explanation/rules/segur]): the
    rounded shares (75 % / 25 %) would give 157.5 and 52.5 M€ of the 210 M€, which no source
    publishes. With ``envelope`` (a regional envelope, a what-if), it is split by the shares
    ``sun_es.volet_share.volet1`` / ``volet2``.

    >>> from segur_numerique import load_rules
    >>> split_volets(rules=load_rules()).amounts
    {'volet1': Euro('158000000.00'), 'volet2': Euro('52000000.00')}
    >>> split_volets(Euro.parse("10 M€"), rules=load_rules()).amounts
    {'volet1': Euro('7500000.00'), 'volet2': Euro('2500000.00')}
    """
    rules = resolve_rules(rules)
    if envelope is not None:
        share1, r1 = rules.read_as("sun_es.volet_share.volet1", Fraction, on=on)
        share2, r2 = rules.read_as("sun_es.volet_share.volet2", Fraction, on=on)
        return split_by_shares(
            _envelope(envelope), {"volet1": share1, "volet2": share2}, reads=(r1, r2)
        )
    volet1, e1 = rules.read_as("sun_es.volet1.envelope", Euro, on=on)
    volet2, e2 = rules.read_as("sun_es.volet2.envelope", Euro, on=on)
    confirmed = {"volet1": volet1, "volet2": volet2}
    allocation = allocate(volet1 + volet2, confirmed, weight_name="confirmed envelope")
    return _restated(
        allocation,
        rule="sun_es.volet_split",
        title=Text(fr="Enveloppes SUN-ES par volet", en="SUN-ES envelopes by volet"),
        outcome=Text(
            fr=f"enveloppes confirmées lues dans les règles : volet 1 {volet1.format('fr')}, "
            f"volet 2 {volet2.format('fr')}",
            en=f"confirmed envelopes read from the rules: volet 1 {volet1.format('en')}, "
            f"volet 2 {volet2.format('en')}",
        ),
        inputs=(InputValue("envelope", None, defaulted=True),),
        parameters=(e1, e2),
        assumptions=(
            Text(
                fr="Sans enveloppe donnée, les enveloppes publiées de chaque volet sont "
                "rendues telles quelles (les parts arrondies 75 % / 25 % donneraient 157,5 et "
                "52,5 M€).",
                en="With no envelope given, each volet's published envelope is returned as it "
                "is (the rounded shares 75 % / 25 % would give 157.5 and 52.5 M€).",
            ),
        ),
    )
