"""What-if: a steeper SUN-ES degression, validated before use, compared with the baseline.

Run: ``python examples/whatif.py``. Uses the illustrative (NOT official) assumption sets, because
the official degression was never published.
"""

from __future__ import annotations

import segur_numerique as sn

baseline = sn.illustrative_assumptions()
variant = sn.whatif.with_overrides(
    {
        "sun_es.degression.F2": "80 %",
        "sun_es.degression.F3": "60 %",
        "sun_es.degression.F4": {"2023-03-01": "40 %"},  # from a date on
    },
    name="steeper degression",
    rules=baseline,
)
print(variant.read("sun_es.degression.F2").render("en"))

# A bad override is refused before anything is built, with its path:
try:
    sn.whatif.with_overrides({"sun_es.degression.F2": "120 %"}, rules=baseline)
except sn.errors.OverrideError as error:
    print(f"refused: {error}")

sample = sn.sun_es.sample_case().case
cases = [
    # no counts: the forfaits at stake, as if the targets were reached
    sn.sun_es.SimulationCase(sample.establishment, window, name=f"sample in {window}")
    for window in ("F1", "F2", "F3", "F4")
]
table = sn.whatif.compare(baseline, variant, cases, variant_name="steeper")
print(table.render("en"))
