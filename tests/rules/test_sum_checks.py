"""The sum checks (158 + 52 = 210 M€; 123 + 11 + 24 = 158 M€; 1.4 + 0.6 = 2 Md€) hold on every set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import segur_numerique as sn
from segur_numerique.cli import main
from segur_numerique.core.display import explanation_html
from segur_numerique.errors import BrokenSumError, ScenarioError
from segur_numerique.kit.scenarios import load_scenarios
from segur_numerique.kit.verify import scenario_rules
from segur_numerique.rules.sums import CheckStatus, SumCheckResult

# key changed, the value that breaks its check, the check's whole, every part of the check
BREAKS = [
    (
        "sun_es.volet2.envelope",
        "53 M€",
        "sun_es.envelope.total",
        ("sun_es.volet1.envelope", "sun_es.volet2.envelope"),
    ),
    (
        "sun_es.volet1.domain2.envelope",
        "12 M€",
        "sun_es.volet1.envelope",
        (
            "sun_es.volet1.domain1.envelope",
            "sun_es.volet1.domain2.envelope",
            "sun_es.volet1.domain3.envelope",
        ),
    ),
    (
        "segur.sanitaire.envelope",
        "1,5 Md€",
        "segur.envelope.total",
        ("segur.sanitaire.envelope", "segur.medico_social.envelope"),
    ),
]


def caller_file(key: str, value: str) -> str:
    return f"""format = "segur_numerique.rules/v1"
[sources.mine]
title = "My own estimate"
date = 2024-01-01
[values."{key}"]
label = {{ fr = "Ma valeur", en = "My value" }}
unit = "EUR"
replaces_official = true
[[values."{key}".versions]]
since = 2021-08-16
value = "{value}"
status = "inferred"
sources = ["mine"]
reasoning = {{ fr = "Essai.", en = "A try." }}
"""


def write(tmp_path: Path, key: str, value: str) -> Path:
    path = tmp_path / "params.toml"
    path.write_text(caller_file(key, value), encoding="utf-8")
    return path


def assert_names_everything(error: BrokenSumError, whole: str, parts: tuple[str, ...]) -> None:
    message = str(error)
    assert f"sum check {whole} = {' + '.join(parts)}" in message
    for part in parts:
        assert f"{part} = " in message
    assert f"but {whole} = " in message
    assert "difference" in message
    result = error.result
    assert isinstance(result, SumCheckResult)
    assert result.difference is not None
    assert result.difference.cents != 0


def test_the_shipped_data_passes_every_check() -> None:
    results = sn.load_rules().check_results
    assert len(results) == 4  # the three of the issue and the ESMS envelopes by year
    assert {r.check.whole for r in results} >= {w for _, _, w, _ in BREAKS}
    assert all(r.status is CheckStatus.PASSED and not r.accepted for r in results)
    assert all(r.check.path.startswith("checks[") for r in results)
    assert sn.illustrative_assumptions().check_results == results


def test_a_conflicting_value_is_checked_at_its_default_and_says_so() -> None:
    (segur,) = [r for r in sn.load_rules().check_results if r.check.whole == "segur.envelope.total"]
    assert segur.defaults == (("segur.medico_social.envelope", "600M"),)
    assert "default alternative checked for segur.medico_social.envelope (600M)" in (
        segur.describe().en
    )
    assert "valeur par défaut contrôlée" in segur.describe().fr


@pytest.mark.parametrize(("key", "value", "whole", "parts"), BREAKS)
def test_a_caller_file_that_breaks_a_sum_is_refused(
    tmp_path: Path, key: str, value: str, whole: str, parts: tuple[str, ...]
) -> None:
    path = write(tmp_path, key, value)
    with pytest.raises(BrokenSumError) as info:
        sn.load_parameter_file(path)
    assert_names_everything(info.value, whole, parts)
    assert info.value.file == str(path)
    assert info.value.path == f'values."{key}"'
    assert f"{key} (set by {path})" in str(info.value)
    assert isinstance(info.value, sn.errors.RuleDataError)


@pytest.mark.parametrize(("key", "value", "whole", "parts"), BREAKS)
def test_an_override_that_breaks_a_sum_is_refused(
    key: str, value: str, whole: str, parts: tuple[str, ...]
) -> None:
    with pytest.raises(BrokenSumError) as info:
        sn.whatif.with_overrides({key: value}, name="broken", rules=sn.load_rules())
    assert_names_everything(info.value, whole, parts)
    assert info.value.file == "<what-if broken>"
    assert f"{key} (set by <what-if broken>)" in str(info.value)
    assert "accept_broken_sums=True" in str(info.value)


def test_the_new_user_case_volet2_at_53_is_refused_with_figures(tmp_path: Path) -> None:
    with pytest.raises(BrokenSumError) as info:
        sn.load_parameter_file(write(tmp_path, "sun_es.volet2.envelope", "53 M€"))
    message = str(info.value)
    assert "sun_es.volet1.envelope = 158\u202f000\u202f000,00\u00a0€" in message
    assert "sun_es.volet2.envelope = 53\u202f000\u202f000,00\u00a0€" in message
    assert (
        "= 211\u202f000\u202f000,00\u00a0€, but sun_es.envelope.total = 210\u202f000\u202f000,00\u00a0€"
        in message
    )
    assert "(difference 1\u202f000\u202f000,00\u00a0€)" in message


def test_a_change_that_keeps_the_sum_is_accepted() -> None:
    variant = sn.whatif.with_overrides(
        {"sun_es.envelope.total": "211 M€", "sun_es.volet2.envelope": "53 M€"},
        rules=sn.load_rules(),
    )
    assert all(r.status is CheckStatus.PASSED for r in variant.check_results)
    (sun_es,) = [r for r in variant.check_results if r.check.whole == "sun_es.envelope.total"]
    assert {k for k, _ in sun_es.changed_by} == {"sun_es.envelope.total", "sun_es.volet2.envelope"}


def test_a_dated_override_is_checked_on_its_own_dates() -> None:
    with pytest.raises(BrokenSumError, match="on 2023-01-01"):
        sn.whatif.with_overrides(
            {"sun_es.volet2.envelope": {"2023-01-01": "53 M€"}}, rules=sn.load_rules()
        )


def accepted_variant() -> sn.RuleSet:
    return sn.whatif.with_overrides(
        {"sun_es.volet2.envelope": "53 M€"},
        name="v2",
        accept_broken_sums=True,
        rules=sn.load_rules(),
    )


def broken(rules: sn.RuleSet) -> SumCheckResult:
    (found,) = [r for r in rules.check_results if r.status is CheckStatus.BROKEN]
    return found


def test_the_accept_option_records_the_broken_check() -> None:
    result = broken(accepted_variant())
    assert result.accepted
    assert result.check.whole == "sun_es.envelope.total"
    assert result.whole == sn.Euro.parse("210 M€")
    assert dict(result.parts)["sun_es.volet2.envelope"] == sn.Euro.parse("53 M€")
    assert result.difference == sn.Euro.parse("1 M€")
    assert result.changed_by == (("sun_es.volet2.envelope", "<what-if v2>"),)


def test_an_accepted_broken_check_stays_accepted_on_later_overlays_that_do_not_touch_it() -> None:
    later = sn.whatif.with_overrides(
        {"sun_es.degression.F2": "80 %"}, name="later", rules=accepted_variant()
    )
    assert broken(later).accepted
    with pytest.raises(BrokenSumError):  # a new change to the same check must be accepted again
        sn.whatif.with_overrides({"sun_es.volet1.envelope": "150 M€"}, rules=accepted_variant())
    fixed = sn.whatif.with_overrides({"sun_es.envelope.total": "211 M€"}, rules=accepted_variant())
    assert all(r.status is CheckStatus.PASSED for r in fixed.check_results)


def test_an_accepted_broken_check_shows_in_explanations() -> None:
    split = sn.sun_es.split_volets(rules=accepted_variant())
    assert split.amounts["volet2"] == sn.Euro.parse("53 M€")
    english, french = split.explanation.render("en"), split.explanation.render("fr")
    assert "WARNING: sum check sun_es.envelope.total = " in english
    assert "BROKEN on 2021-08-16, accepted by the caller" in english
    assert "ATTENTION: contrôle de somme sun_es.envelope.total" in french
    reads = [p for p in split.explanation.all_parameters() if p.warnings]
    assert {p.key for p in reads} == {"sun_es.volet1.envelope", "sun_es.volet2.envelope"}
    document = split.explanation.to_json()
    text = json.dumps(document, ensure_ascii=False)
    assert '"warnings"' in text
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(document, sn.explanation_json_schema())


def test_reads_of_unrelated_values_carry_no_warning() -> None:
    assert accepted_variant().read("sun_es.period").warnings == ()
    assert "warnings" not in sn.load_rules().read("sun_es.volet2.envelope").to_json()


def test_the_accept_option_of_a_caller_file(tmp_path: Path) -> None:
    path = write(tmp_path, "segur.sanitaire.envelope", "1,5 Md€")
    rules = sn.load_parameter_file(path, accept_broken_sums=True)
    result = broken(rules)
    assert result.changed_by == (("segur.sanitaire.envelope", str(path)),)
    assert result.defaults == (("segur.medico_social.envelope", "600M"),)


def test_rules_json_shows_the_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "sun_es.volet2.envelope", "53 M€")
    assert main(["rules", "--json", "--parameters", str(path), "--accept-broken-sums"]) == 0
    checks = json.loads(capsys.readouterr().out)["checks"]
    (found,) = [c for c in checks if c["status"] == "broken"]
    assert found["accepted"] is True
    assert found["whole"] == "sun_es.envelope.total"
    assert found["values"]["sun_es.volet2.envelope"] == "53000000.00"
    assert found["difference"] == "1000000.00"
    assert found["changed_by"] == [{"key": "sun_es.volet2.envelope", "by": str(path)}]
    assert main(["rules", "--parameters", str(path), "--accept-broken-sums", "--lang", "en"]) == 0
    assert "Sum checks:" in capsys.readouterr().out


def test_rules_cli_refuses_a_broken_file_without_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "sun_es.volet2.envelope", "53 M€")
    code = main(["rules", "--json", "--parameters", str(path)])
    assert code != 0
    assert "parts do not add up" in capsys.readouterr().err


# A check on a declared unknown: skipped (and recorded) while it has no value, checked once supplied.
DATA = """format = "segur_numerique.rules/v1"
[sources.s]
title = "Doc"
url = "https://example.org/doc"
date = 2021-01-01
[values."t.whole"]
label = { fr = "Tout", en = "Whole" }
unit = "EUR"
[[values."t.whole".versions]]
since = 2021-01-01
value = "10 €"
status = "confirmed"
sources = ["s"]
[values."t.part1"]
label = { fr = "Partie", en = "Part" }
unit = "EUR"
[[values."t.part1".versions]]
since = 2021-01-01
value = "4 €"
status = "confirmed"
sources = ["s"]
[unknowns."t.part2"]
label = { fr = "Partie inconnue", en = "Unknown part" }
unit = "EUR"
why = { fr = "Aucune source.", en = "No source." }
[[checks]]
kind = "sum"
whole = "t.whole"
parts = ["t.part1", "t.part2"]
"""

SUPPLY = """format = "segur_numerique.rules/v1"
[sources.mine]
title = "Mine"
date = 2024-01-01
[values."t.part2"]
label = { fr = "Partie", en = "Part" }
unit = "EUR"
[[values."t.part2".versions]]
since = 2021-01-01
value = "VALUE"
status = "inferred"
sources = ["mine"]
reasoning = { fr = "Essai.", en = "A try." }
"""


def test_a_check_on_an_unknown_part_is_skipped_and_recorded() -> None:
    rules = sn.load_rules_from([("t.toml", DATA)])
    (result,) = rules.check_results
    assert result.status is CheckStatus.SKIPPED
    assert result.missing == ("t.part2",)
    assert "not evaluated: no value for t.part2" in result.describe().en
    assert rules.to_json()["checks"] == [result.to_json()]
    assert result.to_json()["status"] == "skipped"
    supplied = rules.with_overlay(sn.parse_parameter_text(SUPPLY.replace("VALUE", "6 €")))
    assert supplied.check_results[0].status is CheckStatus.PASSED
    with pytest.raises(BrokenSumError, match=r"t\.part2 = 7,00\u00a0€"):
        rules.with_overlay(sn.parse_parameter_text(SUPPLY.replace("VALUE", "7 €")))


def test_a_scenario_whose_parameters_break_a_sum_is_refused_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "x.scenario.toml"
    path.write_text(
        'format = "segur_numerique.scenario/v1"\nname = "x"\nprogramme = "sun_es"\n'
        'computation = "money.scale"\ninputs = {amount = "10 €", share = "1/3"}\n'
        'expected = {amount = "3.33"}\nparameters = {"sun_es.volet2.envelope" = "53 M€"}\n',
        encoding="utf-8",
    )
    (scenario,) = load_scenarios(path)
    with pytest.raises(ScenarioError) as info:
        scenario_rules(scenario)
    assert info.value.where == f'{path}: parameters: values."sun_es.volet2.envelope"'
    assert "parts do not add up" in info.value.what


def test_an_accepted_broken_check_shows_in_the_html_explanation() -> None:
    split = sn.sun_es.split_volets(rules=accepted_variant())
    html = explanation_html(split.explanation, "en")
    assert "WARNING: sum check sun_es.envelope.total" in html
