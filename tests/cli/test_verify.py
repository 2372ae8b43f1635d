"""``segur-numerique verify``: exit codes 0 / 1 / 2, readable diff, JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from segur_numerique.cli import main
from segur_numerique.kit.scenarios import shipped_scenarios

WRONG = Path(__file__).parent.parent / "fixtures" / "wrong_expected_amount.toml"


def test_shipped_scenarios_pass(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--shipped"]) == 0
    out = capsys.readouterr().out
    assert "0 en échec" in out


def test_wrong_amount_exit_1_with_diff(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(WRONG), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out
    assert "- value = €210,000,000.01" in out
    assert "+ value = €210,000,000.00" in out
    assert "difference -€0.01" in out
    assert "Explanation:" in out
    assert "0 passed, 1 failed" in out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(WRONG), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["failed"] == 1
    (result,) = doc["results"]
    assert result["mismatches"][0]["difference"] == {"type": "euro", "value": "-0.01"}


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "--list", "--lang", "en"]) == 0
    assert "rules.read" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content",
    ["not toml = = =", 'format = "segur_numerique.scenario/v1"\nname = "x"\n', None],
)
def test_bad_input_exit_2_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None
) -> None:
    path = tmp_path / "scenario_bad.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["verify", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("segur-numerique : erreur : ")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err


def test_no_path_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify"]) == 2
    assert "au moins un fichier" in capsys.readouterr().err


def test_shipped_folder_exists() -> None:
    assert shipped_scenarios().is_dir()
