"""The entry point ``compute``: validation as in scenarios, its result, and the CLI's JSON output.

``segur-numerique simulate --json`` and ``verify --json`` print the library's ``to_json`` of the
same input (differential: the CLI adds nothing of its own to the documents).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import segur_numerique as sn
from segur_numerique.cli import main
from segur_numerique.errors import ScenarioError, UnknownComputationError
from segur_numerique.kit.compute import compute
from segur_numerique.kit.verify import verify_paths

# --------------------------------------------------------------------------------------------
# Validation: the same as the scenarios'.


def test_unknown_names_list_the_nearest() -> None:
    with pytest.raises(UnknownComputationError) as info:
        compute("sun_es.forfiat", {})
    assert info.value.suggestions[0] == "sun_es.forfait"
    assert isinstance(info.value, ScenarioError)
    assert "did you mean sun_es.forfait" in str(info.value)


def test_bad_and_unused_inputs_are_refused_as_in_scenarios() -> None:
    with pytest.raises(ScenarioError, match="colour") as info:
        compute("money.scale", {"amount": "10 €", "share": "1/3", "colour": "red"})
    assert info.value.where == "money.scale: inputs"
    with pytest.raises(ScenarioError) as info:
        compute("money.scale", {"amount": 10.5, "share": "1/3"})
    assert info.value.where == "money.scale: inputs.amount"
    with pytest.raises(ScenarioError, match="required"):
        compute("sons.ttc", {})


def test_result_renders_and_encodes() -> None:
    result = compute("money.scale", {"amount": "10 €", "share": "1/3"}, lang="en")
    assert result["amount"] == sn.Euro("3.33")
    assert "amount = €3.33" in result.render()
    assert result.render("fr").splitlines()[:2] == [
        "money.scale: Part d'un montant, arrondie au centime",
        "  amount = 3,33\u00a0€",
    ]
    assert result.to_json()["outputs"] == {"amount": {"type": "euro", "value": "3.33"}}
    assert "<table>" in result._repr_html_()


# --------------------------------------------------------------------------------------------
# The CLI's JSON is the library's to_json.


SAMPLE = Path(sn.__file__).parent / "samples" / "sample_establishment.toml"


@pytest.mark.parametrize(
    "argv", [["--sample"], [str(SAMPLE), "--illustrative"]], ids=["sample", "file"]
)
def test_simulate_json_is_to_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", *argv, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    given = sn.sun_es.sample_case() if argv == ["--sample"] else sn.sun_es.load_case(SAMPLE)
    sim = sn.sun_es.simulate(given.case, rules=sn.illustrative_assumptions())
    assert printed == json.loads(json.dumps(sim.to_json()))


def test_verify_json_is_to_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--shipped", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    results = verify_paths([sn.kit.shipped_scenarios()])
    assert printed["passed"] == len(results)
    assert printed["failed"] == 0
    assert printed["results"] == json.loads(json.dumps([r.to_json() for r in results]))
