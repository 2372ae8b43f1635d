"""The vendor conformance kit."""

from segur_numerique.kit.compute import (
    ComputationResult as ComputationResult,
)
from segur_numerique.kit.compute import (
    compute as compute,
)
from segur_numerique.kit.registry import (
    computations as computations,
)
from segur_numerique.kit.scenarios import (
    SCENARIO_FORMAT as SCENARIO_FORMAT,
)
from segur_numerique.kit.scenarios import (
    Scenario as Scenario,
)
from segur_numerique.kit.scenarios import (
    load_scenarios as load_scenarios,
)
from segur_numerique.kit.scenarios import (
    scenario_json_schema as scenario_json_schema,
)
from segur_numerique.kit.scenarios import (
    shipped_scenarios as shipped_scenarios,
)
from segur_numerique.kit.verify import (
    Mismatch as Mismatch,
)
from segur_numerique.kit.verify import (
    ScenarioResult as ScenarioResult,
)
from segur_numerique.kit.verify import (
    run_scenario as run_scenario,
)
from segur_numerique.kit.verify import (
    verify_paths as verify_paths,
)
from segur_numerique.rules.computation import (
    Computation as Computation,
)

__all__ = [
    "SCENARIO_FORMAT",
    "Computation",
    "ComputationResult",
    "Mismatch",
    "Scenario",
    "ScenarioResult",
    "computations",
    "compute",
    "load_scenarios",
    "run_scenario",
    "scenario_json_schema",
    "shipped_scenarios",
    "verify_paths",
]
