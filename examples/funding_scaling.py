"""Funding-scaling computations, exact to the cent, each with its explanation.

Run: ``python examples/funding_scaling.py``. The SUN-ES forfait uses the shipped illustrative
(NOT OFFICIAL) grid and degression; everything else uses sourced rule data.
"""

from __future__ import annotations

import datetime as dt

import segur_numerique as sn


def main() -> None:
    """Print a few allocations and forfaits with their explanations."""
    rules = sn.load_rules()

    print("1. SUN-ES envelopes by volet (confirmed amounts read from the rule data)")
    volets = sn.sun_es.split_volets(rules=rules)
    for name, amount in volets.amounts.items():
        print(f"   {name}: {amount}")

    print("\n2. A regional envelope shared pro rata of 2019 activity, one cap")
    activity = {"CH Nord": 48_213, "CHU Sud": 151_002, "Clinique Est": 9_871, "HAD Ouest": 3_004}
    allocation = sn.funding_scaling.allocate(
        sn.Euro.parse("1 250 000 €"),
        activity,
        caps={"CHU Sud": sn.Euro.parse("700 000 €")},
        weight_name="activity",
    )
    for share in allocation.shares:
        flag = " (capped)" if share.capped else ""
        print(f"   {share.beneficiary:13} {share.amount.format('en'):>15}{flag}")
    print(f"   total         {allocation.total.format('en'):>15}")

    print("\n3. Requests scaled down to fit an envelope")
    requests = {
        "DAC 1": sn.Euro("800000"),
        "DAC 2": sn.Euro("533333.33"),
        "CPTS": sn.Euro("200000"),
    }
    scaled = sn.funding_scaling.scale_to_envelope(requests, sn.Euro("1000000"))
    print(f"   factor {scaled.factor}: {scaled.amounts}")

    print("\n4. The think tank's two thirds for human support (a proposal, not a rule)")
    print(f"   {sn.catalogue.human_support_split(sn.Euro.parse('2 Md€'), rules=rules).amounts}")

    print("\n5. e-parcours: forfait for 450,000 inhabitants, then its payments")
    forfait = sn.e_parcours.forfait(
        "dac", population=450_000, scaling=sn.e_parcours.BassinScaling.PROPORTIONAL, rules=rules
    )
    payments = sn.e_parcours.payments(
        forfait, start=dt.date(2021, 3, 1), targets_reached_on=dt.date(2023, 1, 1), rules=rules
    )
    print(payments.explanation.render("en"))

    print("\n6. SUN-ES forfait after a missed deadline (ILLUSTRATIVE grid, not official)")
    demo = sn.illustrative_assumptions()
    moved = sn.sun_es.forfait(
        activity=48_213, domain="discharge_documents", window="F1", reassigned_to="F2", rules=demo
    )
    print(moved.explanation.render("fr"))


if __name__ == "__main__":
    main()
