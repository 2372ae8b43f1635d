"""``POST /compute/{computation}`` and ``POST /simulate`` over real HTTP: the library's documents."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from segur_numerique.core.inputs import read_document
from segur_numerique.errors import SegurError
from segur_numerique.kit.compute import compute
from segur_numerique.kit.registry import computations
from segur_numerique.kit.scenarios import (
    Scenario,
    load_scenarios,
    scenario_files,
    shipped_scenarios,
)
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.parameters import illustrative_assumptions
from segur_numerique.sun_es.cases import sample_case, sample_path
from segur_numerique.sun_es.simulation import simulate

Valid = Callable[[object, str], None]


def _plain(value: object) -> object:
    """TOML values as JSON writes them: dates as ISO strings."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def _shipped() -> list[Scenario]:
    found = [s for f in scenario_files([shipped_scenarios()]) for s in load_scenarios(f)]
    return [s for s in found if not s.parameters]


SCENARIOS = _shipped()


def test_the_shipped_scenarios_cover_every_computation() -> None:
    assert {s.computation for s in SCENARIOS} == set(computations())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_compute_over_http_is_the_library_compute(
    client: httpx.Client, valid: Valid, scenario: Scenario
) -> None:
    inputs = _plain(scenario.inputs)
    assert isinstance(inputs, dict)
    rules = illustrative_assumptions() if scenario.rules == "illustrative" else load_rules()
    response = client.post(
        f"/compute/{scenario.computation}", json=inputs, params={"rules": scenario.rules}
    )
    if scenario.expected_error is not None:
        with pytest.raises(SegurError) as refused:
            compute(scenario.computation, inputs, rules=rules)
        assert response.status_code in (400, 422), response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["error"] == type(refused.value).__name__
        assert response.json()["detail"] == str(refused.value)
        valid(response.json(), "problem")
        return
    expected = compute(scenario.computation, inputs, rules=rules)
    assert response.status_code == 200, response.text
    assert response.json() == json.loads(json.dumps(expected.to_json()))
    valid(response.json(), "computation")


def test_sons_ttc_with_text_and_without_explanation(client: httpx.Client, valid: Valid) -> None:
    response = client.post(
        "/compute/sons.ttc",
        json={"amount_ht": "1 000 €"},
        params={"lang": "en", "explain": "false"},
    )
    doc = response.json()
    assert doc["outputs"] == {"ttc": {"type": "euro", "value": "1200.00"}}
    assert doc["explanation"] is None
    assert doc["text"] == compute("sons.ttc", {"amount_ht": "1 000 €"}).render("en", explain=False)
    valid(doc, "computation")
    fr = client.post("/compute/sons.ttc", json={"amount_ht": "1 000 €"}, params={"lang": "fr"})
    assert "Valeurs de règle lues" in fr.json()["text"]


def _sample_json() -> dict[str, object]:
    data = _plain(read_document(sample_path(), what="simulation file"))
    assert isinstance(data, dict)
    return data


def test_simulate_the_sample_is_the_library_simulation(client: httpx.Client, valid: Valid) -> None:
    response = client.post("/simulate", json=_sample_json())
    assert response.status_code == 200, response.text
    expected = simulate(sample_case().case, rules=illustrative_assumptions()).to_json()
    assert response.json() == json.loads(json.dumps(expected))
    valid(response.json(), "simulation-result")
    toml = sample_path().read_bytes()
    as_toml = client.post("/simulate", content=toml, headers={"content-type": "application/toml"})
    assert as_toml.json() == response.json()


def test_simulate_with_a_parameter_document(client: httpx.Client) -> None:
    case = _sample_json()
    case["rules"] = "official"
    missing = client.post("/simulate", json=case)
    assert missing.status_code == 422
    problem = missing.json()
    assert problem["error"] == "MissingParameterError"
    key = problem["key"]
    parameters = f"""
format = "segur_numerique.rules/v1"

[sources.test]
title = "A test source"
date = 2026-01-01

[values."{key}"]
label = {{ fr = "x", en = "x" }}
unit = "ratio"

[[values."{key}".versions]]
since = 2021-09-01
value = "50 %"
status = "illustrative"
sources = ["test"]
"""
    response = client.post("/simulate", json={"simulation": case, "parameters": parameters})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 422:  # another unknown is needed next: it is a different key
        assert response.json().get("key") != key, response.text
    bad = client.post("/simulate", json={"simulation": case, "other": 1})
    assert bad.status_code == 422


def test_simulate_text_is_the_report(client: httpx.Client) -> None:
    response = client.post(
        "/simulate", json=_sample_json(), params={"lang": "en", "explain": "false"}
    )
    doc = response.json()
    assert doc["explanation"] is None
    assert doc["text"].strip()


def test_the_how_to_sun_es_indicator(client: httpx.Client) -> None:
    counts = {
        "indicator": "discharge_letter",
        "numerator": 640,
        "denominator": 1000,
        "window": "F2",
    }
    official = client.post("/compute/sun_es.indicator", json=counts)
    assert official.status_code == 422
    assert official.json()["key"] == "sun_es.target.F2.discharge_letter"
    illustrative = client.post("/compute/sun_es.indicator?rules=illustrative", json=counts)
    assert illustrative.json()["outputs"]["met"] is True
