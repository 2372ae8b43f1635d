"""Transitional shim: the conformance kit moved to ``kit/`` and ``rules/computation.py``."""

# ruff: noqa: PLC0414 (a shim re-exports each name under its own name)
from segur_numerique.kit.registry import computations as computations
from segur_numerique.kit.scenarios import PROGRAMMES as PROGRAMMES
from segur_numerique.kit.scenarios import SCENARIO_FORMAT as SCENARIO_FORMAT
from segur_numerique.kit.scenarios import SCENARIO_PATTERNS as SCENARIO_PATTERNS
from segur_numerique.kit.scenarios import Scenario as Scenario
from segur_numerique.kit.scenarios import is_scenario_file as is_scenario_file
from segur_numerique.kit.scenarios import load_scenarios as load_scenarios
from segur_numerique.kit.scenarios import read_scenario_document as read_scenario_document
from segur_numerique.kit.scenarios import (
    scenario_document_for_schema as scenario_document_for_schema,
)
from segur_numerique.kit.scenarios import scenario_files as scenario_files
from segur_numerique.kit.scenarios import scenario_json_schema as scenario_json_schema
from segur_numerique.kit.scenarios import shipped_scenarios as shipped_scenarios
from segur_numerique.kit.verify import Mismatch as Mismatch
from segur_numerique.kit.verify import ScenarioResult as ScenarioResult
from segur_numerique.kit.verify import iter_results as iter_results
from segur_numerique.kit.verify import run_scenario as run_scenario
from segur_numerique.kit.verify import verify_paths as verify_paths
from segur_numerique.rules.computation import Adapter as Adapter
from segur_numerique.rules.computation import Computation as Computation
from segur_numerique.rules.computation import Computed as Computed
from segur_numerique.rules.computation import Inputs as Inputs
from segur_numerique.rules.computation import ScenarioError as ScenarioError
from segur_numerique.rules.computation import parse_date as parse_date
from segur_numerique.rules.computation import parse_euro as parse_euro
from segur_numerique.rules.computation import parse_fraction as parse_fraction
