"""An OpenFisca model of the same programme amounts, for benchmarks/programme_amounts.py.

Run by ``programme_amounts.py`` with a **separate** interpreter that has ``openfisca-core``
(never a dependency of this project: ``python -m venv /work/ofvenv && /work/ofvenv/bin/pip
install openfisca-core``). It reads the inputs from an ``.npz`` file, computes, in OpenFisca's
usual way (float32 variables, ``round_`` to 2 decimals), the e-parcours forfait (proportional
scaling) and its 60 % / 40 % payments, the SONS TTC amount and its 70 % balance / advance, the
avenant 9 points in euros and the VSM forfait, and writes the results (euros, float32) and the
calculation time to another ``.npz`` file.

    /work/ofvenv/bin/python benchmarks/openfisca_programme_amounts.py IN.npz OUT.npz

Exits with code 3 and a message when openfisca is not importable (the caller then skips it).
"""

from __future__ import annotations

import sys
import time
from typing import Any

try:
    import numpy as np
    from openfisca_core import periods  # type: ignore[import-not-found]
    from openfisca_core.entities import build_entity  # type: ignore[import-not-found]
    from openfisca_core.parameters import ParameterNode  # type: ignore[import-not-found]
    from openfisca_core.simulation_builder import SimulationBuilder  # type: ignore[import-not-found]
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem  # type: ignore[import-not-found]
    from openfisca_core.variables import Variable  # type: ignore[import-not-found]
except ImportError as exc:  # pragma: no cover - depends on the interpreter
    print(f"openfisca is not importable ({exc}): skipped")
    raise SystemExit(3) from None

Project = build_entity(
    key="project", plural="projects", label="A project or an order", is_person=True
)
YEAR = periods.DateUnit.YEAR if hasattr(periods, "DateUnit") else periods.YEAR
SINCE = "2019-01-01"


def _value(number: float) -> dict[str, object]:
    # Floats, as OpenFisca parameters usually are: an int parameter times an int32 input
    # would overflow int32 (800,000 × 3,000 inhabitants), which is not the comparison made here.
    return {"values": {SINCE: {"value": number}}}


PARAMETERS = {
    "e_parcours": {
        "forfait_dac": _value(800000.0),
        "bassin": _value(300000.0),
        "start_share": _value(0.6),
    },
    "sons": {"vat_rate": _value(0.2), "balance_share": _value(0.7)},
    "avenant9": {
        "point_value": _value(7.0),
        "vsm_lower": _value(0.5),
        "vsm_upper": _value(0.9),
        "vsm_lower_forfait": _value(1500.0),
        "vsm_upper_forfait": _value(3000.0),
    },
}


def _input(name: str, kind: type) -> type[Variable]:
    return type(
        name,
        (Variable,),
        {"value_type": kind, "entity": Project, "definition_period": YEAR, "label": name},
    )


def _formula(name: str, function: object) -> type[Variable]:
    return type(
        name,
        (Variable,),
        {
            "value_type": float,
            "entity": Project,
            "definition_period": YEAR,
            "label": name,
            "formula": function,
        },
    )


def _forfait(p: Any, period: Any, parameters: Any) -> Any:
    e = parameters(period).e_parcours
    return np.round(e.forfait_dac * p("population", period) / e.bassin, 2)


def _start(p: Any, period: Any, parameters: Any) -> Any:
    return np.round(p("forfait", period) * parameters(period).e_parcours.start_share, 2)


def _usage(p: Any, period: Any, _parameters: Any) -> Any:
    return p("forfait", period) - p("start_payment", period)


def _ttc(p: Any, period: Any, parameters: Any) -> Any:
    return np.round(p("amount_ht", period) * (1 + parameters(period).sons.vat_rate), 2)


def _balance(p: Any, period: Any, parameters: Any) -> Any:
    return np.round(p("ttc", period) * parameters(period).sons.balance_share, 2)


def _advance(p: Any, period: Any, _parameters: Any) -> Any:
    return p("ttc", period) - p("balance", period)


def _points(p: Any, period: Any, parameters: Any) -> Any:
    return p("points", period) * parameters(period).avenant9.point_value


def _vsm(p: Any, period: Any, parameters: Any) -> Any:
    a = parameters(period).avenant9
    share = p("patients_with_vsm", period) / p("ald_patients", period)
    return np.select(
        [share >= a.vsm_upper, share >= a.vsm_lower], [a.vsm_upper_forfait, a.vsm_lower_forfait], 0
    )


class ProgrammeAmounts(TaxBenefitSystem):  # type: ignore[misc]
    """The programme amounts as an OpenFisca tax-benefit system."""

    def __init__(self) -> None:
        super().__init__([Project])
        self.parameters = ParameterNode("", data=PARAMETERS)
        for name in ("population", "points", "patients_with_vsm", "ald_patients"):
            self.add_variable(_input(name, int))
        self.add_variable(_input("amount_ht", float))
        for name, function in (
            ("forfait", _forfait),
            ("start_payment", _start),
            ("usage_payment", _usage),
            ("ttc", _ttc),
            ("balance", _balance),
            ("advance", _advance),
            ("points_amount", _points),
            ("vsm_forfait", _vsm),
        ):
            self.add_variable(_formula(name, function))


OUTPUTS = (
    "forfait",
    "start_payment",
    "usage_payment",
    "ttc",
    "balance",
    "advance",
    "points_amount",
    "vsm_forfait",
)


def main(source: str, target: str) -> None:
    """Compute every amount for the rows of ``source``; write euros and the time to ``target``."""
    data = np.load(source)
    rows = int(data["population"].shape[0])
    system = ProgrammeAmounts()
    period = "2022"
    best = float("inf")
    results: dict[str, Any] = {}
    for _ in range(3):  # best of three fresh simulations, as for the other paths
        simulation = SimulationBuilder().build_default_simulation(system, count=rows)
        start = time.perf_counter()
        for name in ("population", "points", "patients_with_vsm", "ald_patients"):
            simulation.set_input(name, period, data[name].astype(np.int32))
        simulation.set_input("amount_ht", period, data["amount_ht_cents"] / 100)
        results = {name: simulation.calculate(name, period) for name in OUTPUTS}
        best = min(best, time.perf_counter() - start)
    np.savez(target, seconds=np.asarray(best), **results)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
