"""SUN-ES volet 1 indicators from a small synthetic stay/document log.

Uses the library's ILLUSTRATIVE, NOT OFFICIAL parameters and targets (the real ones are unknown).

Run: ``python examples/indicators_from_logs.py``
"""

from __future__ import annotations

import datetime as dt

import segur_numerique as sn

d = dt.date
FINESS = "750000001"

stays = []
documents = []
for i in range(12):
    discharge = d(2022, 1, 10) + dt.timedelta(days=14 * i)
    stays.append(
        {
            "stay_id": f"S{i:02d}",
            "finess": FINESS,
            "activity": "MCO" if i % 4 else "SSR",
            "admission": discharge - dt.timedelta(days=3),
            "discharge": discharge,
        }
    )
    documents.append(
        {
            "document_id": f"L{i:02d}",
            "stay_id": f"S{i:02d}",
            "type": "discharge_letter",
            "produced": discharge,
            # every 5th letter is never sent, every 7th is sent three weeks late
            "sent": None if i % 5 == 4 else discharge + dt.timedelta(days=21 if i % 7 == 6 else 1),
            # every 3rd carries only a provisional identity
            "ins_status": "provisional" if i % 3 == 2 else "qualified",
        }
    )
    documents.append(
        {
            "document_id": f"O{i:02d}",
            "stay_id": f"S{i:02d}",
            "type": "discharge_prescription",
            "produced": discharge,
            "sent": discharge,
            "ins_status": "qualified",
        }
    )

rules = sn.illustrative_assumptions()
parameters = sn.sun_es.LogParameters.from_rules(rules, "F1")
result = sn.sun_es.indicators_from_logs(stays, documents, parameters)

print(f"Measurement period (illustrative): {parameters.period.render('en')}")
for counts in result.establishment(FINESS).counts:
    print(f"  {counts.indicator:24} {counts.numerator:>3} / {counts.denominator:<3}")

print("\nNot counted:")
assert result.exclusions is not None
for x in result.exclusions:
    if x.kind == "document":
        print(f"  {x.id}: {x.reason.label().en}")

profile = sn.sun_es.EstablishmentProfile(
    FINESS, has_operating_theatre=False, has_own_lab=False, has_own_imaging=False
)
volet = result.evaluate(profile, rules)
print()
print(volet.explanation.render("en"))
