"""The vendor conformance kit: run the shipped scenarios, then one of your own that fails.

Run: ``python examples/conformance_kit.py``. The same files run with
``segur-numerique verify PATH`` or, in a vendor's CI, with plain ``pytest`` (the plugin collects
``scenario_*.toml`` and ``*.scenario.json`` files).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import segur_numerique as sn

results = sn.kit.verify_paths([sn.kit.shipped_scenarios()])
print(f"shipped scenarios: {sum(r.passed for r in results)} of {len(results)} pass")
assert all(r.passed for r in results)

mine = """\
format = "segur_numerique.scenario/v1"
name = "SONS: our product's TTC ceiling for the LGO top band"
programme = "sons"
computation = "sons.ttc"
inputs = { amount_ht = "875 €" }
expected = { ttc = "1 050,01 €" }   # a rounding bug in the product: one cent too much
"""
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "scenario_lgo.toml"
    path.write_text(mine, encoding="utf-8")
    (result,) = sn.kit.verify_paths([path])
    print(result.render("en", explain=False))
    assert not result.passed
