"""The rule data lives in the package named by each key's first segment, and the loader checks it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

import segur_numerique as sn
from segur_numerique.rules.checks import package_for_key
from segur_numerique.rules.loading import load_rules_from_tree, rule_files

HEAD = 'format = "segur_numerique.rules/v1"\n\n'
SOURCE = '[sources.t_src]\ntitle = "Doc"\nurl = "https://example.org/doc"\ndate = 2021-01-01\n\n'


def _value(key: str, *, source: str = '"t_src"') -> str:
    return (
        f'[values."{key}"]\n'
        'label = { fr = "Une valeur", en = "A value" }\n'
        'unit = "count"\n'
        f'[[values."{key}".versions]]\n'
        "since = 2021-01-01\n"
        "value = 3\n"
        'status = "confirmed"\n'
        f"sources = [{source}]\n\n"
    )


def _unknown(pattern: str) -> str:
    return (
        f'[unknowns."{pattern}"]\n'
        'label = { fr = "Inconnue", en = "Unknown" }\n'
        'unit = "count"\n'
        'why = { fr = "Aucune source.", en = "No source." }\n\n'
    )


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_keys_in_their_packages_load(tmp_path: Path) -> None:
    _write(tmp_path, "sons/funding.toml", HEAD + SOURCE + _value("sons.a"))
    _write(tmp_path, "catalogue/programmes.toml", HEAD + _value("segur.b"))
    _write(tmp_path, "sun_es/logs/deep.toml", HEAD + _value("sun_es.c") + _unknown("sun_es.d.*"))
    rules = load_rules_from_tree(tmp_path, name="pkg")
    assert rules.value("sons.a").file == "pkg/sons/funding.toml"
    assert rules.value("segur.b").file == "pkg/catalogue/programmes.toml"
    assert rules.value("sun_es.c").file == "pkg/sun_es/logs/deep.toml"


def test_a_misplaced_value_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "sons/funding.toml", HEAD + SOURCE + _value("sons.a") + _value("sun_es.x"))
    with pytest.raises(
        sn.errors.RuleDataError, match=r"'sun_es\.x' belongs in the package 'sun_es'"
    ) as info:
        load_rules_from_tree(tmp_path, name="pkg")
    assert info.value.file == "pkg/sons/funding.toml"
    assert info.value.path == 'values."sun_es.x"'


def test_a_segur_key_belongs_in_the_catalogue(tmp_path: Path) -> None:
    _write(tmp_path, "sun_es/calendar.toml", HEAD + SOURCE + _value("segur.rule.x"))
    with pytest.raises(sn.errors.RuleDataError, match="belongs in the package 'catalogue'") as info:
        load_rules_from_tree(tmp_path, name="pkg")
    assert info.value.file == "pkg/sun_es/calendar.toml"
    assert info.value.path == 'values."segur.rule.x"'


def test_a_misplaced_unknown_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "hopen/domains.toml", HEAD + _unknown("sons.ceiling.*"))
    with pytest.raises(sn.errors.RuleDataError, match="belongs in the package 'sons'") as info:
        load_rules_from_tree(tmp_path, name="pkg")
    assert info.value.file == "pkg/hopen/domains.toml"
    assert info.value.path == 'unknowns."sons.ceiling.*"'


def test_a_file_outside_any_package_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "loose.toml", HEAD + SOURCE + _value("sons.a"))
    with pytest.raises(sn.errors.RuleDataError, match="sits in no package") as info:
        load_rules_from_tree(tmp_path, name="pkg")
    assert info.value.file == "pkg/loose.toml"


def test_folders_without_rule_data_are_skipped(tmp_path: Path) -> None:
    _write(tmp_path, "sons/funding.toml", HEAD + SOURCE + _value("sons.a"))
    for folder in ("illustrative", "samples", "scenarios", "schemas"):
        _write(tmp_path, f"{folder}/x.toml", "not = [valid rule data")
    _write(tmp_path, "sons/notes.txt", "not toml")
    assert [name for name, _ in rule_files(tmp_path)] == ["sons/funding.toml"]
    assert "sons.a" in load_rules_from_tree(tmp_path)


def test_files_are_read_in_a_deterministic_order(tmp_path: Path) -> None:
    for relative in ("sons/b.toml", "catalogue/z.toml", "sons/a.toml", "avenant9/m.toml"):
        _write(tmp_path, relative, HEAD)
    assert [name for name, _ in rule_files(tmp_path)] == [
        "avenant9/m.toml",
        "catalogue/z.toml",
        "sons/a.toml",
        "sons/b.toml",
    ]


def test_a_source_may_be_defined_in_another_package(tmp_path: Path) -> None:
    _write(tmp_path, "sons/funding.toml", HEAD + SOURCE + _value("sons.a"))
    _write(tmp_path, "hopen/domains.toml", HEAD + _value("hopen.b"))
    rules = load_rules_from_tree(tmp_path)
    assert rules.read("hopen.b").sources[0].title == "Doc"


def test_the_shipped_data_follows_the_layout() -> None:
    rules = sn.load_rules()
    for value in rules:
        assert value.file.split("/")[1] == package_for_key(value.key), value.key
    for unknown in rules.unknowns:
        assert unknown.file.split("/")[1] == package_for_key(unknown.pattern), unknown.pattern
    names = [name for name, _ in rule_files(resources.files("segur_numerique"))]
    assert "catalogue/programmes.toml" in names
    assert not any(name.startswith(("illustrative/", "samples/", "scenarios/")) for name in names)
