"""Read sourced rule values, see their provenance, and supply an unknown one.

Run: ``python examples/rule_values.py``
"""

from __future__ import annotations

import segur_numerique as sn

rules = sn.load_rules()
total = rules.read("sun_es.envelope.total")
print(total.render("en"))

try:
    rules.read("sun_es.target.F1.discharge_letter")
except sn.errors.MissingParameterError as error:
    print(f"as expected, unknown: {error.key}")

illustrative = sn.illustrative_assumptions()
print(illustrative.read("sun_es.target.F1.discharge_letter").render("en"))
