"""The vendor conformance kit: scenario format, schema, registry, shipped scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import segur_numerique as sn
from segur_numerique.errors import ScenarioError
from segur_numerique.kit.registry import computations
from segur_numerique.kit.scenarios import (
    PROGRAMMES,
    load_scenarios,
    scenario_document_for_schema,
    scenario_files,
    scenario_json_schema,
    shipped_scenarios,
)
from segur_numerique.kit.verify import run_scenario, verify_paths

FIXTURES = Path(__file__).parent.parent / "fixtures"
WRONG = FIXTURES / "wrong_expected_amount.toml"


def _validator() -> jsonschema.Draft202012Validator:
    schema = scenario_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_every_shipped_scenario_passes() -> None:
    results = verify_paths([shipped_scenarios()])
    failures = [r.render("en") for r in results if not r.passed]
    assert not failures, "\n".join(failures)


def test_shipped_scenarios_cover_every_programme() -> None:
    files = scenario_files([shipped_scenarios()])
    covered = {s.programme for f in files for s in load_scenarios(f)}
    assert covered >= set(PROGRAMMES) - {"segur"}, sorted(set(PROGRAMMES) - covered)


def test_shipped_scenarios_follow_the_published_schema() -> None:
    validator = _validator()
    for file in scenario_files([shipped_scenarios()]):
        validator.validate(scenario_document_for_schema(file))


def test_every_computation_is_named_by_a_shipped_scenario() -> None:
    files = scenario_files([shipped_scenarios()])
    used = {s.computation for f in files for s in load_scenarios(f)}
    assert set(computations()) <= used, sorted(set(computations()) - used)


def test_wrong_expected_amount_fails_with_a_readable_diff() -> None:
    (result,) = verify_paths([WRONG])
    assert not result.passed
    (mismatch,) = result.mismatches
    assert mismatch.expected == sn.Euro("210000000.01")
    assert mismatch.computed == sn.Euro("210000000")
    assert mismatch.difference == sn.Euro("-0.01")
    text = result.render("en")
    assert "FAIL" in text
    assert "- value = €210,000,000.01" in text
    assert "+ value = €210,000,000.00" in text
    assert "difference -€0.01" in text
    assert "sun_es.envelope.total" in text  # the explanation follows the diff
    assert _validator().is_valid(scenario_document_for_schema(WRONG))


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HEAD = 'format = "segur_numerique.scenario/v1"\n'


@pytest.mark.parametrize(
    ("body", "where", "what", "schema_rejects"),
    [
        ('name = "x"\nprogramme = "sun_es"\ncomputation = "rules.read"\n', "", "exactly one", True),
        (
            'name = "x"\nprogramme = "mars"\ncomputation = "rules.read"\nexpected = {value = 1}\n',
            "programme",
            "unknown programme",
            True,
        ),
        (
            'name = "x"\nprogramme = "sun_es"\ncomputation = "rules.reed"\nexpected = {value = 1}\n',
            "computation",
            "did you mean rules.read",
            False,
        ),
        (
            'name = "x"\nprogramme = "sun_es"\ncomputation = "rules.read"\nexpected = {valu = 1}\n',
            "expected",
            "no output valu",
            False,
        ),
        (
            'name = "x"\nprogramme = "sun_es"\ncomputation = "rules.read"\nexpected = {value = 1}\n'
            "colour = 1\n",
            "",
            "unexpected field colour",
            True,
        ),
    ],
)
def test_malformed_scenarios_are_refused_with_their_path(
    tmp_path: Path, body: str, where: str, what: str, schema_rejects: bool
) -> None:
    path = _write(tmp_path, "scenario_bad.toml", HEAD + body)
    with pytest.raises(ScenarioError) as info:
        load_scenarios(path)
    assert info.value.where == (f"{path}: {where}" if where else str(path))
    assert what in info.value.what
    # The schema checks the shape; the names of computations and outputs are checked on loading.
    assert _validator().is_valid(scenario_document_for_schema(path)) is not schema_rejects


def test_bad_inputs_and_unused_inputs_name_the_input(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "scenario_x.toml",
        HEAD + 'name = "x"\nprogramme = "sun_es"\ncomputation = "money.scale"\n'
        'inputs = {amount = "10 €", share = "1/3", colour = "red"}\nexpected = {amount = "3.33"}\n',
    )
    (scenario,) = load_scenarios(path)
    with pytest.raises(ScenarioError, match="colour"):
        run_scenario(scenario)
    path = _write(
        tmp_path,
        "scenario_y.toml",
        HEAD + 'name = "x"\nprogramme = "sun_es"\ncomputation = "money.scale"\n'
        'inputs = {amount = 10.5, share = "1/3"}\nexpected = {amount = "3.50"}\n',
    )
    (scenario,) = load_scenarios(path)
    with pytest.raises(ScenarioError) as info:
        run_scenario(scenario)
    assert info.value.where == f"{path}: inputs.amount"


def test_json_scenarios_and_tagged_values(tmp_path: Path) -> None:
    doc = {
        "format": "segur_numerique.scenario/v1",
        "name": "a third of 10 €, half up",
        "programme": "segur",
        "computation": "money.scale",
        "inputs": {"amount": "10 €", "share": "1/3"},
        "expected": {"amount": {"type": "euro", "value": "3.33"}},
    }
    path = _write(tmp_path, "x.scenario.json", json.dumps(doc))
    (result,) = verify_paths([path])
    assert result.passed, result.render("en")
    assert _validator().is_valid(doc)


def test_unexpected_error_fails_and_expected_error_passes(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "scenario_z.toml",
        HEAD + "[[scenarios]]\n"
        'name = "a"\nprogramme = "sun_es"\ncomputation = "rules.read"\n'
        'inputs = {key = "sun_es.target.F1.discharge_letter"}\nexpected = {value = "1/2"}\n'
        "[[scenarios]]\n"
        'name = "b"\nprogramme = "sun_es"\ncomputation = "rules.read"\n'
        'inputs = {key = "sun_es.target.F1.discharge_letter"}\nexpected_error = "MissingParameterError"\n',
    )
    first, second = verify_paths([path])
    assert not first.passed
    assert first.error is not None
    assert first.error.startswith("MissingParameterError")
    assert "MissingParameterError" in first.render("en")
    assert second.passed


def test_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="no such file"):
        scenario_files([tmp_path / "nope"])
    with pytest.raises(ScenarioError, match="no scenario file"):
        scenario_files([tmp_path])
