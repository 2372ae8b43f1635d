"""``explain``: a repeated step once, ``--only`` and ``--depth`` on live and saved explanations."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from segur_numerique.cli import main
from segur_numerique.core.explanation import TRUNCATED_RULE, Explanation
from segur_numerique.core.text import Text


def _out(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 0
    return capsys.readouterr().out


@pytest.fixture
def saved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "explanation.json"
    path.write_text(_out(capsys, ["explain", "--sample", "--json"]), encoding="utf-8")
    return path


@pytest.mark.parametrize("source", ["sample", "saved"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_prerequisites_block_appears_once(
    capsys: pytest.CaptureFixture[str], saved: Path, source: str, lang: str
) -> None:
    argv = ["explain", "--sample"] if source == "sample" else ["explain", str(saved)]
    out = _out(capsys, [*argv, "--lang", lang])
    assert out.count("[sun_es.prerequisites] (§") == 1
    assert out.count("sun_es.prerequisite.cyber_audit = ") == 1
    see = "voir §" if lang == "fr" else "see §"
    assert out.count(f"[sun_es.prerequisites] — {see}") == 3


def test_the_sample_explanation_is_shorter(capsys: pytest.CaptureFixture[str]) -> None:
    text = _out(capsys, ["explain", "--sample"])
    assert len(text.splitlines()) <= 300  # 396 lines when every repeat was written out
    titles = [line.strip() for line in text.splitlines() if line.strip().endswith("]")]
    assert len(titles) == len(set(titles)) or all(
        "[sun_es.window.phase]" in t or "[sun_es.forfait]" in t
        for t in titles
        if titles.count(t) > 1
    )


def test_repeat_true_writes_every_occurrence() -> None:
    leaf = Explanation(
        rule="demo.leaf",
        title=Text(fr="Feuille", en="Leaf"),
        outcome=Text(fr="x", en="x"),
        assumptions=(Text(fr="h", en="a"),),
    )
    root = attrs.evolve(leaf, rule="demo.root", children=(leaf, leaf))
    assert root.render("en").count("Leaf [demo.leaf]") == 2
    assert "Leaf [demo.leaf] (§1)" in root.render("en")
    assert "Leaf [demo.leaf] — see §1 above" in root.render("en")
    assert root.render("en", repeat=True).count("  - a") == 3


@pytest.mark.parametrize("source", ["sample", "saved"])
def test_only_keeps_matches_and_ancestors(
    capsys: pytest.CaptureFixture[str], saved: Path, source: str
) -> None:
    argv = ["explain", "--sample"] if source == "sample" else ["explain", str(saved)]
    data = json.loads(_out(capsys, [*argv, "--only", "sun_es.forfait", "--json"]))
    root = data["root"]
    assert data["format"] == "segur_numerique.explanation/v1"
    assert root["rule"] == "sun_es.simulation"
    assert {c["rule"] for c in root["children"]} == {"sun_es.forfait"}
    assert len(root["children"]) == 3
    text = _out(capsys, [*argv, "--only", "FORFAIT", "--only", "fenêtre f2"])
    assert "[sun_es.window]" in text
    assert "[sun_es.forfait]" in text
    assert "[sun_es.eligibility" not in text


@pytest.mark.parametrize("source", ["sample", "saved"])
def test_depth_cuts_and_counts(
    capsys: pytest.CaptureFixture[str], saved: Path, source: str
) -> None:
    argv = ["explain", "--sample"] if source == "sample" else ["explain", str(saved)]
    data = json.loads(_out(capsys, [*argv, "--depth", "0", "--json"]))
    (hidden,) = data["root"]["children"]
    assert hidden["rule"] == TRUNCATED_RULE
    total = _out(capsys, [*argv]).count("\n")
    assert hidden["title"]["en"].endswith("steps hidden")
    text = _out(capsys, [*argv, "--depth", "1", "--lang", "en"])
    assert text.count(f"[{TRUNCATED_RULE}]") >= 1
    assert len(text.splitlines()) < total


def test_only_then_depth(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(
        _out(capsys, ["explain", "--sample", "--only", "eligibility", "--depth", "1", "--json"])
    )
    children = data["root"]["children"]
    assert {c["rule"].split(".")[1] for c in children} == {"eligibility"}
    assert all(g["rule"] == TRUNCATED_RULE for c in children for g in c["children"])


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["--only", "zzz"],
            "segur-numerique : erreur : --only: aucune étape ne correspond à 'zzz'",
        ),
        (
            ["--only", "zzz", "--lang", "en"],
            "segur-numerique: error: --only: no step matches 'zzz'",
        ),
    ],
)
def test_only_without_a_match_is_an_error(
    capsys: pytest.CaptureFixture[str], saved: Path, argv: list[str], expected: str
) -> None:
    for source in (["--sample"], [str(saved)]):
        assert main(["explain", *source, *argv]) == 2
        err = capsys.readouterr().err
        assert err.startswith(expected)
        assert err.count("\n") == 1


def test_truncated_refuses_a_negative_depth() -> None:
    leaf = Explanation(rule="demo", title=Text(fr="a", en="a"), outcome=Text(fr="a", en="a"))
    with pytest.raises(ValueError, match="depth"):
        leaf.truncated(-1)
    assert leaf.truncated(0) == leaf
