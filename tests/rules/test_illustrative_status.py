"""Illustrative values have the status ``illustrative``; shipped values say ``shipped``, not official."""

from __future__ import annotations

import json

import pytest

import segur_numerique as sn
from segur_numerique.cli import main
from segur_numerique.core.provenance import Origin, Status
from segur_numerique.errors import RuleDataError
from segur_numerique.rules.docs import rule_values_markdown
from segur_numerique.rules.loading import load_rules_from
from segur_numerique.rules.parameters import parse_parameter_text

SHIPPED = sn.load_rules()
ILLUSTRATIVE = sn.illustrative_assumptions()

_FILE = """format = "segur_numerique.rules/v1"

[sources.s]
title = "A document"
url = "https://example.org"
date = 2022-01-01

[values."sun_es.target.F1.discharge_letter"]
label = {{ fr = "Cible", en = "Target" }}
unit = "ratio"

[[values."sun_es.target.F1.discharge_letter".versions]]
since = 2021-09-01
value = "50 %"
status = "{status}"
sources = ["s"]
"""


def test_every_illustrative_value_has_the_illustrative_status() -> None:
    added = [v for v in ILLUSTRATIVE if v.key not in SHIPPED]
    assert len(added) > 10
    for value in added:
        for version in value.versions:
            assert version.status is Status.ILLUSTRATIVE, value.key
            assert version.origin is Origin.ILLUSTRATIVE, value.key


def test_no_shipped_value_is_illustrative_or_called_official() -> None:
    for value in SHIPPED:
        for version in value.versions:
            assert version.status is not Status.ILLUSTRATIVE, value.key
            assert version.origin is Origin.SHIPPED, value.key
    assert [o.value for o in Origin] == ["shipped", "caller", "illustrative"]


def test_status_labels() -> None:
    assert Status.ILLUSTRATIVE.label().en == "illustrative, not official"
    assert Status.ILLUSTRATIVE.label().fr == "illustratif, non officiel"


def test_shipped_data_cannot_be_illustrative() -> None:
    with pytest.raises(RuleDataError, match="cannot be illustrative"):
        load_rules_from([("x.toml", _FILE.format(status="illustrative"))])


def test_an_illustrative_set_cannot_claim_another_status() -> None:
    with pytest.raises(RuleDataError, match="status 'illustrative'"):
        parse_parameter_text(_FILE.format(status="inferred"), origin=Origin.ILLUSTRATIVE)
    rules = parse_parameter_text(_FILE.format(status="illustrative"), origin=Origin.ILLUSTRATIVE)
    assert rules.read("sun_es.target.F1.discharge_letter").status is Status.ILLUSTRATIVE


def test_a_caller_may_mark_a_value_illustrative() -> None:
    rules = parse_parameter_text(_FILE.format(status="illustrative"))
    read = rules.read("sun_es.target.F1.discharge_letter")
    assert (read.status, read.origin) == (Status.ILLUSTRATIVE, Origin.CALLER)


def test_explanations_flag_illustrative_values_once() -> None:
    read = ILLUSTRATIVE.read("sun_es.degression.F2")
    line = read.render("en")
    assert "[illustrative, not official]" in line
    assert "inferred" not in line
    assert read.to_json()["status"] == "illustrative"
    assert read.to_json()["origin"] == "illustrative"


def test_rules_json_and_the_generated_page_show_the_new_statuses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules", "--json"]) == 0
    values = json.loads(capsys.readouterr().out)["values"]
    origins = {v["origin"] for v in values} | {
        ver["origin"] for v in values for ver in v["versions"]
    }
    assert origins == {"shipped"}
    by_key = {v["key"]: v for v in values}
    assert by_key["sons.envelope"]["status"] == "secondary"
    assert by_key["sun_es.period"]["status"] == "conflicting"
    page = rule_values_markdown()
    row = next(line for line in page.splitlines() if line.startswith("| `sons.envelope` |"))
    assert "**secondary**" in row
    period = [line for line in page.splitlines() if line.startswith("| `sun_es.period` |")]
    assert period
    assert "**conflicting**" in period[0]
    assert "normandie (default)" in period[0]


def test_simulation_json_marks_illustrative_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--sample", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    reads = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if {"key", "status", "origin"} <= set(node):
                reads.append(node)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(document)
    illustrative = [r for r in reads if r["origin"] == "illustrative"]
    assert illustrative
    assert all(r["status"] == "illustrative" for r in illustrative)
    assert not any(r["origin"] == "official" for r in reads)
