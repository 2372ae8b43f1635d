"""The read-only endpoints over real HTTP: the same documents as the library's JSON exports."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import httpx
import pytest

from segur_numerique.calendars import calendar_json, window
from segur_numerique.core.version import __version__
from segur_numerique.kit.registry import computations
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import value_json

Valid = Callable[[object, str], None]


def test_health_and_version(client: httpx.Client, valid: Valid) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    version = client.get("/version").json()
    assert version["version"] == __version__
    assert version["computations"] == list(computations())
    assert "segur_numerique.computation/v1" in version["formats"]
    valid(version, "server-version")


def test_rules_is_the_rule_set_to_json(client: httpx.Client, valid: Valid) -> None:
    response = client.get("/rules")
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(json.dumps(load_rules().to_json()))
    valid(response.json(), "rule-values")
    on = client.get("/rules", params={"as_known_on": "2022-01-01"}).json()
    assert on == json.loads(json.dumps(load_rules().to_json(on=dt.date(2022, 1, 1))))


def test_one_rule_has_every_version_with_its_source_and_status(
    client: httpx.Client, valid: Valid
) -> None:
    doc = client.get("/rules/sons.vat_rate").json()
    assert doc["format"] == "segur_numerique.rule-value/v1"
    assert doc["value"] == json.loads(json.dumps(value_json(load_rules().value("sons.vat_rate"))))
    assert doc["value"]["versions"][0]["sources"][0]["title"]
    valid(doc, "rule-value")
    assert client.get("/rules/sons.vat_rate").content == client.get("/rules/sons.vat_rate").content


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/rules/sons.vat_rat", "UnknownRuleError"),
        ("/rules/sun_es.target.F1.discharge_letter", "MissingParameterError"),
        ("/rules/sons.vat_rate?as_known_on=2001-01-01", "NotYetKnownError"),
        ("/windows/F9", "UnknownWindowError"),
        ("/windows/nowhere.F1", "UnknownProgrammeError"),
    ],
)
def test_a_path_naming_nothing_is_a_404_problem(
    client: httpx.Client, valid: Valid, path: str, error: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["error"] == error
    assert problem["type"] == f"urn:segur-numerique:problem:{error}"
    assert problem["instance"] == path.split("?", maxsplit=1)[0]
    valid(problem, "problem")


def test_unknowns(client: httpx.Client, valid: Valid) -> None:
    doc = client.get("/unknowns").json()
    assert doc["unknowns"] == json.loads(json.dumps(load_rules().to_json()["unknowns"]))
    valid(doc, "unknowns")


def test_calendar_is_calendar_json(client: httpx.Client, valid: Valid) -> None:
    doc = client.get("/calendar", params={"on": "2022-04-15"}).json()
    expected = calendar_json(load_rules(), on=dt.date(2022, 4, 15))
    assert doc == json.loads(json.dumps(expected))
    valid(doc, "calendar")
    only = client.get("/calendar", params={"programme": "sons"}).json()
    assert [p["id"] for p in only["programmes"]] == ["sons"]
    bad = client.get("/calendar", params={"alternative": "nope"})
    assert bad.status_code == 422


def test_calendar_ics(client: httpx.Client) -> None:
    response = client.get("/calendar.ics", params={"programme": "sun_es", "lang": "en"})
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.text.startswith("BEGIN:VCALENDAR")


def test_window(client: httpx.Client, valid: Valid) -> None:
    doc = client.get("/windows/sun_es.F2", params={"as_known_on": "2022-04-15"}).json()
    assert doc["window"]["name"] == "F2"
    assert doc["window"]["phase_on"] == "candidature"
    expected = window("F2", as_known_on=dt.date(2022, 4, 15)).to_json()
    assert {k: v for k, v in doc["window"].items() if k != "phase_on"} == json.loads(
        json.dumps(expected)
    )
    assert client.get("/windows/F2").json()["window"]["name"] == "F2"
    valid(doc, "window")


def test_openapi_is_3_1_and_names_every_endpoint(client: httpx.Client) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    assert {"/rules/{key}", "/compute/{computation}", "/simulate", "/indicators", "/verify"} <= set(
        doc["paths"]
    )
    text = json.dumps(doc)
    assert "urn:segur-numerique:schema" not in text  # every reference points inside the document
    assert "#/$defs/" not in text
    assert "explanation" in doc["components"]["schemas"]
