"""Rule-set model and sum checks pinned: every read, refusal and description in full (issue 11)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs
import pytest

import segur_numerique as sn
from segur_numerique.core.provenance import Origin, Status, Unit
from segur_numerique.errors import (
    BrokenSumError,
    ConflictingValueError,
    MissingParameterError,
    NotYetKnownError,
    RuleDataError,
    UnknownRuleError,
)
from segur_numerique.rules.model import (
    DatedValue,
    ReadRecorder,
    RuleSet,
    RuleValue,
    UnknownValue,
    value_as,
)
from segur_numerique.rules.sums import (
    CheckStatus,
    SumCheck,
    SumCheckResult,
    broken_sum_error,
    broken_warnings,
    evaluate_sum_check,
)

BASE = """format = "segur_numerique.rules/v1"
[sources.t_src]
title = "A page"
url = "https://example.org/page"
date = 2021-09-01
[values."t.whole"]
label = { fr = "Tout", en = "Whole" }
unit = "EUR"
[[values."t.whole".versions]]
since = 2021-09-01
value = "210 €"
status = "confirmed"
sources = ["t_src"]
[values."t.part1"]
label = { fr = "Partie 1", en = "Part 1" }
unit = "EUR"
description = { fr = "La première.", en = "The first." }
[[values."t.part1".versions]]
since = 2021-09-01
value = "158 €"
status = "confirmed"
sources = ["t_src"]
[[values."t.part1".versions]]
since = 2022-01-01
value = "150 €"
status = "secondary"
sources = ["t_src"]
[values."t.part2"]
label = { fr = "Partie 2", en = "Part 2" }
unit = "EUR"
[[values."t.part2".versions]]
since = 2021-09-01
value = "52 €"
status = "confirmed"
sources = ["t_src"]
[[values."t.part2".versions]]
since = 2022-01-01
value = "60 €"
status = "confirmed"
sources = ["t_src"]
[[checks]]
kind = "sum"
whole = "t.whole"
parts = ["t.part1", "t.part2"]
[unknowns."t.target.*"]
label = { fr = "Cible", en = "Target" }
unit = "ratio"
why = { fr = "Introuvable.", en = "Not found." }
"""

COUNT = """[values."t.count"]
label = { fr = "Compte", en = "Count" }
unit = "applications"
[[values."t.count".versions]]
since = 2021-10-31
status = "conflicting"
default = "990"
valid_until = 2023-12-31
last_verified = 2024-01-15
note = { fr = "Deux chiffres.", en = "Two figures." }
[[values."t.count".versions.alternatives]]
name = "990"
value = 990
sources = ["t_src"]
[[values."t.count".versions.alternatives]]
name = "985"
value = 985
sources = [{ title = "Other", url = "https://example.org/other", date = 2021-11-02 }]
"""

CALLER = """format = "segur_numerique.rules/v1"
[sources.mine]
title = "Mine"
date = 2022-05-20
[values."t.part2"]
label = { fr = "P", en = "P" }
unit = "EUR"
replaces_official = true
[[values."t.part2".versions]]
since = 2021-09-01
value = "53 €"
status = "confirmed"
sources = ["mine"]
"""

SRC = {"title": "A page", "url": "https://example.org/page", "date": "2021-09-01"}
OTHER = {"title": "Other", "url": "https://example.org/other", "date": "2021-11-02"}


def rules(extra: str = "") -> RuleSet:
    return sn.load_rules_from([("t.toml", BASE + extra)])


def broken() -> RuleSet:
    return rules().with_overlay(
        sn.parse_parameter_text(CALLER, file="mine.toml"), accept_broken_sums=True
    )


# --------------------------------------------------------------------------------------------
# Rule values and reads


def test_reads_follow_the_dates() -> None:
    r = rules()
    part1 = r.value("t.part1")
    assert part1.origin is Origin.SHIPPED
    assert part1.as_known_on().value == sn.Euro("150")
    assert part1.as_known_on(on=dt.date(2021, 12, 31)).value == sn.Euro("158")
    assert part1.as_known_on(on=dt.date(2022, 1, 1)).value == sn.Euro("150")
    read = r.read("t.part1", on=dt.date(2021, 9, 1))
    assert (read.key, read.value, read.status, read.since, read.alternative) == (
        "t.part1",
        sn.Euro("158"),
        Status.CONFIRMED,
        dt.date(2021, 9, 1),
        None,
    )
    assert read.label == sn.Text(fr="Partie 1", en="Part 1")
    assert read.unit is Unit.EUR
    assert read.warnings == ()
    assert r.get("t.part1", on=dt.date(2022, 6, 1)) == sn.Euro("150")


def test_a_read_before_the_first_version_says_when_it_starts() -> None:
    with pytest.raises(NotYetKnownError) as info:
        rules().read("t.part1", on=dt.date(2021, 8, 31))
    assert (info.value.key, info.value.on, info.value.first) == (
        "t.part1",
        "2021-08-31",
        "2021-09-01",
    )
    assert (
        str(info.value)
        == "rule value 't.part1': no version known on 2021-08-31; the first is since 2021-09-01"
    )


def test_alternatives_of_a_conflicting_value() -> None:
    r = rules(COUNT)
    read = r.read("t.count")
    assert (read.value, read.alternative) == (990, "990")
    assert len(read.sources) == 2
    other = r.read("t.count", alternative="985")
    assert (other.value, other.alternative, other.status) == (985, "985", Status.CONFLICTING)
    assert [s.title for s in other.sources] == ["Other"]
    version = r.value("t.count").as_known_on()
    assert version.alternative(None) is None
    with pytest.raises(ConflictingValueError) as info:
        version.alternative("1000")
    assert str(info.value) == "no alternative '1000'; the alternatives are: 990, 985"
    plain = r.value("t.whole").as_known_on()
    with pytest.raises(ConflictingValueError) as info:
        plain.alternative("x")
    assert str(info.value) == "no alternative 'x'; the alternatives are: none"


def test_unknown_patterns_match_whole_segments() -> None:
    unknown = rules().unknowns[0]
    assert unknown == UnknownValue(
        "t.target.*",
        sn.Text(fr="Cible", en="Target"),
        Unit.RATIO,
        sn.Text(fr="Introuvable.", en="Not found."),
        "t.toml",
    )
    assert unknown.matches("t.target.F1")
    assert not unknown.matches("t.target")
    assert not unknown.matches("t.target.F1.x")
    assert not unknown.matches("t.targets.F1")


def test_missing_and_unknown_keys_are_named() -> None:
    r = rules()
    assert r.unknown_for("t.target.F1") is r.unknowns[0]
    assert r.unknown_for("t.whole") is None
    with pytest.raises(MissingParameterError) as missing:
        r.read("t.target.F1")
    assert (missing.value.key, missing.value.needed_for) == ("t.target.F1", "Target")
    assert str(missing.value) == (
        "parameter 't.target.F1' is unknown (no official source was found) (needed for Target); "
        "supply it in a caller parameter file (see the how-to 'Supply the unknown values')"
    )
    with pytest.raises(UnknownRuleError) as unknown:
        r.value("t.wholes")
    assert unknown.value.key == "t.wholes"
    assert unknown.value.suggestions[0] == "t.whole"
    assert str(unknown.value).startswith("unknown rule value 't.wholes'; did you mean t.whole")


def test_rule_set_container_and_lookups() -> None:
    r = rules()
    assert len(r) == 3
    assert [v.key for v in r] == ["t.part1", "t.part2", "t.whole"]
    assert "t.whole" in r
    assert "t.target.F1" not in r
    assert r.is_supplied("t.whole")
    assert not r.is_supplied("t.target.F1")
    assert r.missing(["t.whole", "t.target.F1", "t.x"]) == ("t.target.F1", "t.x")


def test_value_as_names_the_value_and_its_origin() -> None:
    read = rules().read("t.whole")
    assert value_as(read, sn.Euro) == sn.Euro("210")
    with pytest.raises(RuleDataError) as info:
        value_as(read, int)
    assert info.value.problem == "expected a int value, got Euro('210.00')"
    assert (info.value.file, info.value.path) == ("rule data (shipped)", "values.'t.whole'")
    with pytest.raises(RuleDataError) as info:
        rules().read_as("t.whole", Fraction)
    assert info.value.path == "values.'t.whole'"


def test_read_recorder_keeps_the_reads_on_its_date() -> None:
    recorder = ReadRecorder(rules(), on=dt.date(2021, 10, 1))
    assert recorder.read_as("t.part1", sn.Euro) == sn.Euro("158")
    assert recorder.read_as("t.whole", sn.Euro) == sn.Euro("210")
    assert [(r.key, r.since) for r in recorder.reads] == [
        ("t.part1", dt.date(2021, 9, 1)),
        ("t.whole", dt.date(2021, 9, 1)),
    ]


def test_reads_and_json_as_known_on_a_date() -> None:
    r = rules(COUNT)
    on = dt.date(2021, 10, 1)
    assert [x.key for x in r.reads(on=on)] == ["t.part1", "t.part2", "t.whole"]
    assert [x.key for x in r.reads()] == ["t.count", "t.part1", "t.part2", "t.whole"]
    data: Any = r.to_json(on=on)
    assert data["format"] == "segur_numerique.rule-values/v1"
    assert data["as_known_on"] == "2021-10-01"
    assert [v["key"] for v in data["values"]] == ["t.part1", "t.part2", "t.whole"]
    assert data["unknowns"] == [
        {
            "key": "t.target.*",
            "label": {"fr": "Cible", "en": "Target"},
            "unit": "ratio",
            "why": {"fr": "Introuvable.", "en": "Not found."},
        }
    ]
    assert data["checks"] == [c.to_json() for c in r.check_results]
    assert r.to_json()["as_known_on"] is None


def test_value_json_with_every_version_field() -> None:
    data: Any = rules(COUNT).to_json()
    count = next(v for v in data["values"] if v["key"] == "t.count")
    assert count["versions"] == [
        {
            "since": "2021-10-31",
            "value": 990,
            "status": "conflicting",
            "origin": "shipped",
            "sources": [SRC, OTHER],
            "default": "990",
            "alternatives": [
                {"name": "990", "value": 990, "sources": [SRC]},
                {"name": "985", "value": 985, "sources": [OTHER]},
            ],
            "valid_until": "2023-12-31",
            "last_verified": "2024-01-15",
            "reasoning": None,
            "note": {"fr": "Deux chiffres.", "en": "Two figures."},
        }
    ]
    assert count["description"] is None
    part1 = next(v for v in data["values"] if v["key"] == "t.part1")
    assert part1["description"] == {"fr": "La première.", "en": "The first."}
    assert [v["since"] for v in part1["versions"]] == ["2021-09-01", "2022-01-01"]
    assert part1["versions"][1]["value"] == {"type": "euro", "value": "150.00"}
    assert part1["versions"][1]["valid_until"] is None


def test_dated_value_defaults() -> None:
    version = DatedValue(dt.date(2021, 1, 1), 1, Status.CONFIRMED, ())
    assert (version.origin, version.alternatives, version.default) == (Origin.SHIPPED, (), None)


# --------------------------------------------------------------------------------------------
# Sum checks

NAME = "t.whole = t.part1 + t.part2"


def test_a_check_holding_on_every_date() -> None:
    (result,) = rules().check_results
    assert result.check == SumCheck("t.whole", ("t.part1", "t.part2"), "t.toml", "checks[0]")
    assert result.check.name == NAME
    assert result.check.keys == ("t.whole", "t.part1", "t.part2")
    assert (result.status, result.on, result.whole, result.difference) == (
        CheckStatus.PASSED,
        dt.date(2022, 1, 1),
        sn.Euro("210"),
        sn.Euro("0"),
    )
    assert result.parts == (("t.part1", sn.Euro("150")), ("t.part2", sn.Euro("60")))
    assert (result.changed_by, result.defaults, result.missing, result.accepted) == (
        (),
        (),
        (),
        False,
    )
    assert result.describe() == sn.Text(
        fr=f"contrôle de somme {NAME} (t.toml checks[0]) respecté",
        en=f"sum check {NAME} (t.toml checks[0]) holds",
    )
    assert result.involves("t.part2")
    assert not result.involves("t.target.F1")


def test_a_check_starts_when_all_its_values_are_known() -> None:
    early = """[[values."t.whole".versions]]
since = 2020-01-01
value = "1 €"
status = "confirmed"
sources = ["t_src"]
"""
    text = BASE.replace('[[values."t.whole".versions]]', early + '[[values."t.whole".versions]]', 1)
    (result,) = sn.load_rules_from([("t.toml", text)]).check_results
    assert result.status is CheckStatus.PASSED


def test_a_broken_check_in_the_official_data_points_at_the_check() -> None:
    text = BASE.replace('value = "52 €"', 'value = "53 €"')
    with pytest.raises(BrokenSumError) as info:
        sn.load_rules_from([("t.toml", text)])
    assert (info.value.file, info.value.path) == ("t.toml", "checks[0]")
    assert info.value.problem == (
        "parts do not add up to their whole on 2021-09-01: t.part1 = 158,00\u00a0€ + t.part2 = "
        "53,00\u00a0€ = 211,00\u00a0€, but t.whole = 210,00\u00a0€ (difference 1,00\u00a0€); sum check "
        f"{NAME} (t.toml checks[0])"
    )


def test_a_broken_check_from_a_caller_file_points_at_the_value() -> None:
    with pytest.raises(BrokenSumError) as info:
        rules().with_overlay(sn.parse_parameter_text(CALLER, file="mine.toml"))
    assert (info.value.file, info.value.path) == ("mine.toml", 'values."t.part2"')
    assert str(info.value) == (
        'mine.toml: values."t.part2": parts do not add up to their whole on 2021-09-01: '
        "t.part1 = 158,00\u00a0€ + t.part2 = 53,00\u00a0€ = 211,00\u00a0€, but t.whole = 210,00\u00a0€ "
        f"(difference 1,00\u00a0€); sum check {NAME} (t.toml checks[0]); changed: t.part2 "
        "(set by mine.toml); fix the values, or pass accept_broken_sums=True to accept and "
        "record it"
    )
    result = info.value.result
    assert isinstance(result, SumCheckResult)
    assert broken_sum_error(result).problem == info.value.problem


def test_an_accepted_broken_check_described_in_full() -> None:
    (result,) = broken().check_results
    assert (result.status, result.accepted, result.on) == (
        CheckStatus.BROKEN,
        True,
        dt.date(2021, 9, 1),
    )
    assert result.changed_by == (("t.part2", "mine.toml"),)
    assert result.describe() == sn.Text(
        fr=f"contrôle de somme {NAME} (t.toml checks[0]) NON RESPECTÉ le 2021-09-01, accepté "
        "par l'appelant : t.part1 = 158,00\u00a0€ + t.part2 = 53,00\u00a0€ = 211,00\u00a0€ au lieu de "
        "t.whole = 210,00\u00a0€ (écart 1,00\u00a0€) ; modifié : t.part2 par mine.toml",
        en=f"sum check {NAME} (t.toml checks[0]) BROKEN on 2021-09-01, accepted by the "
        "caller: t.part1 = €158.00 + t.part2 = €53.00 = €211.00, but t.whole = €210.00 "
        "(difference €1.00); changed: t.part2 by mine.toml",
    )
    assert result.to_json() == {
        "whole": "t.whole",
        "parts": ["t.part1", "t.part2"],
        "file": "t.toml",
        "path": "checks[0]",
        "status": "broken",
        "accepted": True,
        "on": "2021-09-01",
        "values": {"t.whole": "210.00", "t.part1": "158.00", "t.part2": "53.00"},
        "difference": "1.00",
        "changed_by": [{"key": "t.part2", "by": "mine.toml"}],
        "defaults": [],
        "missing": [],
        "description": result.describe().to_json(),
    }


def test_broken_warnings_only_for_accepted_checks_of_the_key() -> None:
    merged = broken()
    (result,) = merged.check_results
    assert broken_warnings(merged.check_results, "t.whole") == (result.describe(),)
    assert broken_warnings(merged.check_results, "t.target.F1") == ()
    assert broken_warnings(rules().check_results, "t.whole") == ()
    assert merged.read("t.part1").warnings == (result.describe(),)


def test_an_accepted_check_stays_accepted_on_a_later_unrelated_overlay() -> None:
    merged = broken()
    unrelated = sn.parse_parameter_text(
        CALLER.replace("t.part2", "t.target.F1")
        .replace('unit = "EUR"', 'unit = "ratio"')
        .replace('"53 €"', '"60 %"')
        .replace("replaces_official = true\n", ""),
        file="other.toml",
    )
    later = merged.with_overlay(unrelated)
    assert [r.accepted for r in later.check_results] == [True]
    with pytest.raises(BrokenSumError):
        rules().with_overlay(sn.parse_parameter_text(CALLER, file="mine.toml")).with_overlay(
            unrelated
        )


def _check(*parts: str) -> SumCheck:
    return SumCheck("t.whole", parts, "t.toml", "checks[3]")


def test_a_check_on_a_missing_unknown_is_skipped() -> None:
    r = rules()
    result = evaluate_sum_check(
        r.values,
        _check("t.part1", "t.target.F1"),
        is_unknown=lambda k: r.unknown_for(k) is not None,
    )
    assert (result.status, result.missing, result.on, result.whole) == (
        CheckStatus.SKIPPED,
        ("t.target.F1",),
        None,
        None,
    )
    assert result.describe() == sn.Text(
        fr="contrôle de somme t.whole = t.part1 + t.target.F1 (t.toml checks[3]) non évalué : "
        "sans valeur pour t.target.F1",
        en="sum check t.whole = t.part1 + t.target.F1 (t.toml checks[3]) not evaluated: "
        "no value for t.target.F1",
    )
    data: Any = result.to_json()
    assert (data["status"], data["on"], data["values"], data["difference"], data["missing"]) == (
        "skipped",
        None,
        {},
        None,
        ["t.target.F1"],
    )


def test_a_check_naming_an_undeclared_key_or_a_non_euro_value() -> None:
    r = rules(COUNT)
    with pytest.raises(RuleDataError) as info:
        evaluate_sum_check(r.values, _check("t.part1", "t.nope"), is_unknown=lambda k: False)
    assert (info.value.problem, info.value.file, info.value.path) == (
        "check names unknown value 't.nope'",
        "t.toml",
        "checks[3]",
    )
    with pytest.raises(RuleDataError) as info:
        evaluate_sum_check(r.values, _check("t.part1", "t.count"), is_unknown=lambda k: False)
    assert (info.value.problem, info.value.file, info.value.path) == (
        "a sum check applies to EUR values only",
        "t.toml",
        "checks[3]",
    )


def test_a_datetime_read_is_refused_with_where() -> None:
    with pytest.raises(sn.errors.InvalidInputError) as info:
        rules().value("t.whole").as_known_on(on=dt.datetime(2022, 1, 1, tzinfo=dt.UTC))
    assert info.value.where == "on"


def test_a_check_on_an_unknown_stays_skipped_after_an_overlay() -> None:
    check = """[[checks]]
kind = "sum"
whole = "t.whole"
parts = ["t.part1", "t.target.F1"]
"""
    base = rules(check)
    assert [r.status for r in base.check_results] == [CheckStatus.PASSED, CheckStatus.SKIPPED]
    other = (
        CALLER.replace("t.part2", "t.target.G1")
        .replace('unit = "EUR"', 'unit = "ratio"')
        .replace('"53 €"', '"60 %"')
        .replace("replaces_official = true\n", "")
    )
    merged = base.with_overlay(sn.parse_parameter_text(other, file="other.toml"))
    assert [r.status for r in merged.check_results] == [CheckStatus.PASSED, CheckStatus.SKIPPED]
    assert merged.check_results[1].missing == ("t.target.F1",)


def _broken(**fields: object) -> SumCheckResult:
    return SumCheckResult(
        _check("t.part1", "t.part2"),
        CheckStatus.BROKEN,
        dt.date(2022, 3, 1),
        sn.Euro("210"),
        (("t.part1", sn.Euro("150")), ("t.part2", sn.Euro("61"))),
        sn.Euro("1"),
        **fields,  # type: ignore[arg-type]
    )


def test_a_broken_check_with_defaults_and_no_change_in_full() -> None:
    result = _broken(defaults=(("t.part1", "150"), ("t.part2", "61")))
    assert result.describe() == sn.Text(
        fr="contrôle de somme t.whole = t.part1 + t.part2 (t.toml checks[3]) NON RESPECTÉ le "
        "2022-03-01, accepté par l'appelant : t.part1 = 150,00\u00a0€ + t.part2 = 61,00\u00a0€ = "
        "211,00\u00a0€ au lieu de t.whole = 210,00\u00a0€ (écart 1,00\u00a0€) ; modifié : données officielles"
        " ; valeur par défaut contrôlée pour t.part1 (150), t.part2 (61)",
        en="sum check t.whole = t.part1 + t.part2 (t.toml checks[3]) BROKEN on 2022-03-01, "
        "accepted by the caller: t.part1 = €150.00 + t.part2 = €61.00 = €211.00, but "
        "t.whole = €210.00 (difference €1.00); changed: official data; default alternative "
        "checked for t.part1 (150), t.part2 (61)",
    )
    error = broken_sum_error(result)
    assert (error.file, error.path) == ("t.toml", "checks[3]")
    assert error.problem == (
        "parts do not add up to their whole on 2022-03-01: t.part1 = 150,00\u00a0€ + t.part2 = "
        "61,00\u00a0€ = 211,00\u00a0€, but t.whole = 210,00\u00a0€ (difference 1,00\u00a0€); sum check "
        "t.whole = t.part1 + t.part2 (t.toml checks[3]); the default alternative was checked "
        "for t.part1 (150), t.part2 (61)"
    )


def test_a_passed_check_with_defaults_in_full() -> None:
    result = attrs.evolve(_broken(defaults=(("t.part1", "150"),)), status=CheckStatus.PASSED)
    assert result.describe() == sn.Text(
        fr="contrôle de somme t.whole = t.part1 + t.part2 (t.toml checks[3]) respecté ; "
        "valeur par défaut contrôlée pour t.part1 (150)",
        en="sum check t.whole = t.part1 + t.part2 (t.toml checks[3]) holds; default "
        "alternative checked for t.part1 (150)",
    )


def test_a_broken_check_changed_by_two_files_names_the_first() -> None:
    result = _broken(changed_by=(("t.part1", "a.toml"), ("t.part2", "b.toml")))
    error = broken_sum_error(result)
    assert (error.file, error.path) == ("a.toml", 'values."t.part1"')
    assert error.problem.endswith(
        "; changed: t.part1 (set by a.toml), t.part2 (set by b.toml); fix the values, or pass "
        "accept_broken_sums=True to accept and record it"
    )
    assert result.describe().en.endswith("changed: t.part1 by a.toml, t.part2 by b.toml")
    assert result.describe().fr.endswith("modifié : t.part1 par a.toml, t.part2 par b.toml")


def test_values_are_read_on_their_first_day() -> None:
    first = dt.date(2021, 9, 1)
    assert [x.key for x in rules().reads(on=first)] == ["t.part1", "t.part2", "t.whole"]
    data: Any = rules().to_json(on=first)
    assert [v["key"] for v in data["values"]] == ["t.part1", "t.part2", "t.whole"]


def test_at_most_three_suggestions_and_defaults_of_a_rule_value() -> None:
    whole = rules().value("t.whole")
    assert whole.replaces_official is False
    made = RuleValue(whole.key, whole.label, whole.unit, whole.versions, "x.toml")
    assert (made.replaces_official, made.description) == (False, None)
    many = RuleSet({f"k{i}": attrs.evolve(whole, key=f"k{i}") for i in range(5)})
    with pytest.raises(UnknownRuleError) as info:
        many.value("k")
    assert len(info.value.suggestions) == 3
    assert set(info.value.suggestions) < {f"k{i}" for i in range(5)}
