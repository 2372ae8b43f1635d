"""Rule loading pinned: every refusal in full with its file and path, the tree walk, resolve_rules (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

import segur_numerique as sn
from segur_numerique.errors import InvalidInputError, RuleDataError
from segur_numerique.rules.loading import (
    NOT_RULE_DATA,
    load_rules,
    load_rules_from,
    load_rules_from_tree,
    resolve_rules,
    rule_files,
)
from segur_numerique.rules.model import RuleSet

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

WHOLE_VERSION = """[[values."t.whole".versions]]
since = 2021-09-01
value = "210 €"
status = "confirmed"
sources = ["t_src"]
"""


def refusal(*files: tuple[str, str]) -> RuleDataError:
    with pytest.raises(RuleDataError) as info:
        load_rules_from(files)
    return info.value


@pytest.mark.parametrize(
    ("old", "new", "path", "problem"),
    [
        (
            "since = 2021-09-01",
            "since = 2021-13-01",
            "",
            "malformed TOML: Expected newline or end of document after a statement "
            "(at line 10, column 13)",
        ),
        (
            'segur_numerique.rules/v1"',
            'segur_numerique.rules/v9"',
            "format",
            "unsupported format 'segur_numerique.rules/v9'; expected 'segur_numerique.rules/v1'",
        ),
        (
            WHOLE_VERSION,
            "versions = []\n",
            'values."t.whole".versions',
            "at least one version is required",
        ),
        (
            WHOLE_VERSION,
            WHOLE_VERSION + WHOLE_VERSION,
            'values."t.whole".versions',
            "versions must be in increasing order of 'since', each date once",
        ),
        (
            WHOLE_VERSION,
            WHOLE_VERSION + WHOLE_VERSION.replace("2021-09-01", "2021-01-01"),
            'values."t.whole".versions',
            "versions must be in increasing order of 'since', each date once",
        ),
        (
            'unit = "EUR"\n[[values."t.whole"',
            'unit = "EUR"\nreplaces_official = true\n[[values."t.whole"',
            'values."t.whole"',
            "replaces_official is for caller files",
        ),
        (
            'label = { fr = "Tout", en = "Whole" }',
            'label = { fr = "", en = "Whole" }',
            'values."t.whole".label',
            "fr: must be a non-empty string, got ''",
        ),
        (
            'description = { fr = "La première.", en = "The first." }',
            'description = { fr = "x", en = "" }',
            'values."t.part1".description',
            "en: must be a non-empty string, got ''",
        ),
        (
            'label = { fr = "Cible", en = "Target" }',
            'label = { fr = "Cible", en = "" }',
            'unknowns."t.target.*".label',
            "en: must be a non-empty string, got ''",
        ),
        (
            'why = { fr = "Introuvable.", en = "Not found." }',
            'why = { fr = "", en = "Not found." }',
            'unknowns."t.target.*".why',
            "fr: must be a non-empty string, got ''",
        ),
        (
            'kind = "sum"',
            'kind = "max"',
            "checks[0].kind",
            "unknown check kind 'max'; expected 'sum'",
        ),
    ],
)
def test_refusals_in_full(old: str, new: str, path: str, problem: str) -> None:
    assert old in BASE
    found = refusal(("t.toml", BASE.replace(old, new, 1)))
    assert (found.file, found.path, found.problem) == ("t.toml", path, problem)
    assert str(found) == (f"t.toml: {path}: {problem}" if path else f"t.toml: {problem}")


def test_a_second_check_is_named_by_its_index() -> None:
    second = """[[checks]]
kind = "mean"
whole = "t.whole"
parts = ["t.part1", "t.part2"]
"""
    found = refusal(("t.toml", BASE + second))
    assert (found.path, found.problem) == (
        "checks[1].kind",
        "unknown check kind 'mean'; expected 'sum'",
    )


def test_a_key_defined_in_two_files() -> None:
    found = refusal(("a.toml", BASE), ("b.toml", BASE.replace("t_src", "t_other")))
    assert (found.file, found.path, found.problem) == (
        "b.toml",
        'values."t.whole"',
        "key already defined in a.toml",
    )


def test_a_source_id_defined_in_two_files() -> None:
    other = BASE.replace("t.", "u.")
    found = refusal(("a.toml", BASE), ("b.toml", other))
    assert (found.file, found.path, found.problem) == (
        "b.toml",
        "sources.t_src",
        "source id 't_src' is already defined",
    )


def test_a_source_may_be_cited_from_another_file() -> None:
    cited = BASE[BASE.index('[values."t.whole"]') :].replace("t.", "u.")
    cited = 'format = "segur_numerique.rules/v1"\n' + cited
    rules = load_rules_from([("a.toml", BASE), ("b.toml", cited)])
    assert rules.read("u.whole").sources == rules.read("t.whole").sources
    assert rules.value("u.whole").file == "b.toml"
    assert [u.file for u in rules.unknowns] == ["a.toml", "b.toml"]
    assert [c.file for c in rules.checks] == ["a.toml", "b.toml"]


def test_a_value_also_declared_unknown_points_at_the_unknown() -> None:
    value = BASE[: BASE.index('[values."t.part1"]')].replace("t.whole", "t.target.F1")
    unknowns = 'format = "segur_numerique.rules/v1"\n' + BASE[BASE.index("[unknowns") :]
    found = refusal(("a.toml", value), ("u.toml", unknowns))
    assert (found.file, found.path, found.problem) == (
        "u.toml",
        'unknowns."t.target.*"',
        "'t.target.F1' has a value but is also declared unknown ('t.target.*')",
    )


def test_a_caller_file_declaring_unknowns_is_refused_with_its_path() -> None:
    caller = BASE[BASE.index("[unknowns") :]
    text = 'format = "segur_numerique.rules/v1"\n' + caller
    with pytest.raises(RuleDataError) as info:
        sn.parse_parameter_text(text, file="mine.toml")
    assert (info.value.file, info.value.path, info.value.problem) == (
        "mine.toml",
        'unknowns."t.target.*"',
        "a caller file supplies values, it does not declare unknowns",
    )


def test_what_is_loaded() -> None:
    rules = load_rules_from([("t.toml", BASE)])
    whole = rules.value("t.whole")
    assert (whole.file, whole.label, whole.description, whole.replaces_official) == (
        "t.toml",
        sn.Text(fr="Tout", en="Whole"),
        None,
        False,
    )
    assert rules.value("t.part1").description == sn.Text(fr="La première.", en="The first.")
    assert [v.since.isoformat() for v in rules.value("t.part1").versions] == [
        "2021-09-01",
        "2022-01-01",
    ]
    assert [(u.pattern, u.file) for u in rules.unknowns] == [("t.target.*", "t.toml")]
    assert rules.unknowns[0].why == sn.Text(fr="Introuvable.", en="Not found.")


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a").mkdir()
    (root / "a" / "deep").mkdir()
    (root / "b" / "one.toml").write_text("B", "utf-8")
    (root / "a" / "two.toml").write_text("A", "utf-8")
    (root / "a" / "deep" / "three.toml").write_text("D", "utf-8")
    (root / "a" / "notes.txt").write_text("not rule data", "utf-8")
    (root / "top.toml").write_text("T", "utf-8")
    for name in NOT_RULE_DATA:
        (root / name).mkdir()
        (root / name / "skipped.toml").write_text("S", "utf-8")


def test_rule_files_walk_sorted_and_skip_folders(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert rule_files(tmp_path) == [
        ("a/deep/three.toml", "D"),
        ("a/two.toml", "A"),
        ("b/one.toml", "B"),
        ("top.toml", "T"),
    ]
    assert {"illustrative", "samples", "scenarios", "schemas", "__pycache__"} == NOT_RULE_DATA


def test_a_tree_names_its_files_after_the_folder(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "t").mkdir(parents=True)
    (root / "t" / "data.toml").write_text(BASE, "utf-8")
    assert load_rules_from_tree(root).value("t.whole").file == "pkg/t/data.toml"
    assert load_rules_from_tree(root, name="other").value("t.whole").file == "other/t/data.toml"
    (root / "t" / "data.toml").write_text(BASE.replace("[[checks", "[[checkz"), "utf-8")
    with pytest.raises(RuleDataError) as info:
        load_rules_from_tree(root)
    assert info.value.file == "pkg/t/data.toml"


def test_a_file_at_the_top_of_the_tree_sits_in_no_package(tmp_path: Path) -> None:
    (tmp_path / "data.toml").write_text(BASE, "utf-8")
    with pytest.raises(RuleDataError) as info:
        load_rules_from_tree(tmp_path, name="pkg")
    assert info.value.file == "pkg/data.toml"
    assert info.value.problem.endswith("but sits in no package")


def test_resolve_rules() -> None:
    assert load_rules() is load_rules()
    assert resolve_rules(None) is load_rules()
    empty = RuleSet({})
    assert resolve_rules(empty) is empty
    with pytest.raises(InvalidInputError) as info:
        resolve_rules({})  # type: ignore[arg-type]
    assert (info.value.where, info.value.what) == ("rules", "expected a RuleSet or None, got dict")


def test_a_caller_source_error_names_its_path() -> None:
    caller = """format = "segur_numerique.rules/v1"
[sources.mine]
title = "Mine"
url = "example.org"
date = 2022-05-20
"""
    with pytest.raises(RuleDataError) as info:
        sn.parse_parameter_text(caller, file="mine.toml")
    assert (info.value.file, info.value.path, info.value.problem) == (
        "mine.toml",
        "sources.mine.url",
        "must be an http(s) URL, got 'example.org'",
    )
