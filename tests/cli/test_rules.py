"""``segur-numerique rules``: JSON with every sourced value of rules digest, Ségur Numérique §1, SUN-ES §2.5 [docs: explanation/rules]; tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from segur_numerique.cli import main

SECTION_1_AND_2_5 = {
    "segur.envelope.total": "confirmed",
    "segur.duration": "conflicting",
    "segur.sanitaire.envelope": "confirmed",
    "segur.sanitaire.period": "confirmed",
    "segur.medico_social.envelope": "conflicting",
    "segur.medico_social.period": "conflicting",
    "segur.human_support.share": "secondary",
    "sons.envelope": "secondary",
    "sun_es.envelope.total": "confirmed",
    "sun_es.period": "conflicting",
    "sun_es.volet1.envelope": "confirmed",
    "sun_es.volet2.envelope": "confirmed",
    "sun_es.volet_share.volet1": "confirmed",
    "sun_es.volet_share.volet2": "confirmed",
    "sun_es.volet1.domain1.envelope": "secondary",
    "sun_es.volet1.domain2.envelope": "secondary",
    "sun_es.volet1.domain3.envelope": "secondary",
    "avenant9.usage.envelope": "secondary",
    "avenant9.usage.period": "secondary",
    "hopen.envelope": "secondary",
    "hopen.period": "confirmed",
    "e_parcours.envelope": "confirmed",
    "e_parcours.period": "secondary",
    "sun_es.region.ara.envelope": "confirmed",
    "sun_es.region.idf.envelope": "secondary",
    "sun_es.region.occitanie.envelope": "confirmed",
    "sun_es.region.hdf.envelope": "confirmed",
    "sun_es.region.bfc.volet1.envelope": "confirmed",
    "sun_es.region.dom.envelope": "confirmed",
    "sun_es.outcome.F1.applications": "conflicting",
    "sun_es.outcome.F1.applicants_activity_share": "confirmed",
    "sun_es.outcome.F1.applicants_eligible_es_share": "confirmed",
    "sun_es.outcome.F1.selected": "conflicting",
    "sun_es.outcome.F1.acceptance_rate": "secondary",
    "sun_es.outcome.F1.selected_es_share": "secondary",
    "sun_es.outcome.F1.selected_activity_share": "secondary",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def json_values(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "rules", "--json", *argv)
    assert code == 0
    document: dict[str, Any] = json.loads(out)
    assert document["format"] == "segur_numerique.rule-values/v1"
    return document


def test_json_lists_every_sourced_value_with_status_and_url(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = json_values(capsys)
    by_key = {v["key"]: v for v in document["values"]}
    for key, status in SECTION_1_AND_2_5.items():
        value = by_key[key]
        assert value["status"] == status, key
        assert value["unit"]
        urls = [s["url"] for s in value["sources"] if s["url"]]
        # A value sourced only by seed documents whose address is unknown names the seeds.
        assert urls or all(s.get("seed") for s in value["sources"]), key
        assert all(u.startswith(("https://", "http://")) for u in urls)
        assert all(s["title"] and s["date"] for s in value["sources"])
        assert value["versions"], key


def test_only_seed_based_values_lack_a_url(
    capsys: pytest.CaptureFixture[str],
) -> None:
    by_key = {v["key"]: v for v in json_values(capsys)["values"]}
    seed_only = [
        key for key in SECTION_1_AND_2_5 if not any(s["url"] for s in by_key[key]["sources"])
    ]
    # The CATEL guide to the volet numérique has a known address (CATEL, review 2); the Health & Tech manifesto of 24 July 2020 has none.
    assert seed_only == ["segur.human_support.share"]
    seeds = {s["seed"] for s in by_key["segur.duration"]["sources"]}
    assert seeds == {"001_22ce418149dc2ff3", "003_9597f8eeff523aed"}


def test_json_conflicting_values_list_their_alternatives(
    capsys: pytest.CaptureFixture[str],
) -> None:
    by_key = {v["key"]: v for v in json_values(capsys)["values"]}
    applications = by_key["sun_es.outcome.F1.applications"]
    assert applications["value"] == 990
    version = applications["versions"][-1]
    assert version["default"] == "990"
    assert {a["name"]: a["value"] for a in version["alternatives"]} == {"990": 990, "985": 985}
    medico = by_key["segur.medico_social.envelope"]["versions"][-1]
    assert [a["value"]["value"] for a in medico["alternatives"]] == ["600000000.00", "630000000.00"]


def test_json_versions_carry_notes_and_reasoning(capsys: pytest.CaptureFixture[str]) -> None:
    by_key = {v["key"]: v for v in json_values(capsys)["values"]}
    idf = by_key["sun_es.region.idf.envelope"]["versions"][-1]
    assert "près de 21 M€" in idf["note"]["fr"]
    assert idf["reasoning"] is None
    dom = by_key["sun_es.region.dom.envelope"]
    assert "FMIS" in dom["description"]["en"]
    inferred = [v for v in json_values(capsys)["values"] if v["status"] == "inferred"]
    assert all(v["versions"][-1]["reasoning"] for v in inferred)


def test_json_amounts_are_exact(capsys: pytest.CaptureFixture[str]) -> None:
    by_key = {v["key"]: v for v in json_values(capsys)["values"]}
    assert by_key["segur.sanitaire.envelope"]["value"] == {
        "type": "euro",
        "value": "1400000000.00",
    }
    assert by_key["segur.human_support.share"]["value"] == {"type": "fraction", "value": "2/3"}


def test_json_lists_the_unknowns(capsys: pytest.CaptureFixture[str]) -> None:
    unknowns = {u["key"]: u for u in json_values(capsys)["unknowns"]}
    assert "sun_es.target.*.*" in unknowns
    assert unknowns["sun_es.envelope.window.*"]["why"]["en"].startswith("Each window")


def test_json_as_known_on(capsys: pytest.CaptureFixture[str]) -> None:
    document = json_values(capsys, "--on", "2019-06-01")
    keys = {v["key"] for v in document["values"]}
    assert document["as_known_on"] == "2019-06-01"
    assert "hopen.envelope" in keys
    assert "sun_es.envelope.total" not in keys
    periods = {v["key"]: v for v in document["values"]}
    assert periods["e_parcours.period"]["value"]["end"] == "2022-12-31"


def test_table_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--key", "segur.")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["clé", "valeur", "statut", "source"]
    row = next(line for line in lines if line.startswith("segur.medico_social.envelope"))
    assert "600\u202f000\u202f000,00\u00a0€" in row
    assert "sources contradictoires [600M]" in row
    assert "https://" in row


def test_table_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--lang", "en", "--key", "sun_es.outcome")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["key", "value", "status", "source"]
    assert len(lines) == 2 + 7
    row = next(line for line in lines if line.startswith("sun_es.outcome.F1.applications"))
    assert "990" in row
    assert "conflicting [990]" in row
    share = next(line for line in lines if "selected_activity_share" in line)
    assert "48%" in share


def test_table_lists_unknowns(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rules", "--lang", "en", "--key", "sun_es.envelope")
    assert "Unknown values (supply them in a parameter file):" in out
    assert "sun_es.envelope.window.*" in out
    _, out, _ = run(capsys, "rules", "--key", "sun_es.envelope")
    assert "Valeurs inconnues" in out


def test_table_with_a_caller_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    params = tmp_path / "params.toml"
    params.write_text(
        """format = "segur_numerique.rules/v1"
[sources.guide]
title = "Guide"
date = 2022-05-20
[values."sun_es.envelope.window.F1"]
label = { fr = "F1", en = "F1" }
unit = "EUR"
[[values."sun_es.envelope.window.F1".versions]]
since = 2021-09-01
value = "60 M€"
status = "confirmed"
sources = ["guide"]
""",
        "utf-8",
    )
    code, out, _ = run(
        capsys, "rules", "--lang", "en", "--parameters", str(params), "--key", "sun_es.envelope"
    )
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("sun_es.envelope.window.F1"))
    assert "€60,000,000.00" in row
    assert "(caller-supplied)" in row
    assert "Guide (seed None)" not in row


def test_bad_parameter_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    params = tmp_path / "bad.toml"
    params.write_text('format = "segur_numerique.rules/v1"\n[values."x"]\nunit = "EUR"\n', "utf-8")
    code, _, err = run(capsys, "rules", "--parameters", str(params))
    assert code == 2
    assert err.startswith("segur-numerique : erreur : ")
    assert "bad.toml" in err


def test_bad_date_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["rules", "--on", "2021-13-01"])
    assert info.value.code == 2
    assert "pas une date" in capsys.readouterr().err
