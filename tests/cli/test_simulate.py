"""``segur-numerique simulate`` and ``explain``: readable reports, JSON, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from segur_numerique.cli import main
from segur_numerique.sun_es.cases import sample_case, sample_path


def test_sample_report_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--sample"]) == 0
    out = capsys.readouterr().out
    assert "Simulation SUN-ES volet 1" in out
    assert "EXEMPLE ILLUSTRATIF" in out
    assert "ILLUSTRATIF, NON OFFICIEL" in out
    assert "Financement" in out
    assert "total" in out
    assert "€" in out


def test_sample_report_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--sample", "--lang", "en", "--explain"]) == 0
    out = capsys.readouterr().out
    assert "ILLUSTRATIVE, NOT OFFICIAL" in out
    assert "Funding (forfaits)" in out
    assert "[sun_es.simulation]" in out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--sample", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == "segur_numerique.simulation-result/v1"
    assert doc["total"]["type"] == "euro"
    assert doc["illustrative_keys"]


def test_a_file_with_official_rules_says_which_value_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = sample_case().case.to_json()
    path = tmp_path / "es.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["simulate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith("segur-numerique : erreur : 23 valeurs inconnues")
    assert err.count("\n") == 26  # every missing value at once, one a line (issue 12)
    assert "--illustrative" in err
    assert main(["simulate", str(path), "--illustrative"]) == 0


def test_explain_a_saved_explanation_and_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["simulate", "--sample", "--json"]) == 0
    saved = tmp_path / "result.json"
    saved.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["explain", str(saved), "--lang", "en"]) == 0
    from_saved = capsys.readouterr().out
    assert "[sun_es.simulation]" in from_saved
    assert "Steps:" in from_saved
    assert main(["explain", str(sample_path()), "--lang", "en"]) == 0
    simulated = capsys.readouterr().out
    assert simulated.splitlines()[0] == from_saved.splitlines()[0]
    assert main(["explain", "--sample", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "segur_numerique.explanation/v1"


BAD_FILES = {
    "missing.toml": None,
    "bad.toml": "format = = 1",
    "bad.json": "{",
    "bad.txt": "hello",
    "wrong_format.toml": 'format = "x"\n',
    "bad_window.toml": sample_path()
    .read_text(encoding="utf-8")
    .replace('window = "F2"', 'window = "F7"'),
    "bad_finess.toml": sample_path().read_text(encoding="utf-8").replace('"450000021"', '"45"'),
}


@pytest.mark.parametrize("command", ["simulate", "explain"])
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_input_exit_2_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str
) -> None:
    path = tmp_path / name
    content = BAD_FILES[name]
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main([command, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("segur-numerique : erreur : ")
    assert err.count("\n") == 1


def test_explain_rejects_a_json_that_is_not_an_explanation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": "segur_numerique.explanation/v1", "root": 3}', encoding="utf-8")
    assert main(["explain", str(path)]) == 2
    assert "step object" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["simulate"], ["simulate", "--sample", "x.toml"]])
def test_file_or_sample_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "donner FILE ou --sample" in capsys.readouterr().err


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["simulate", "--sample", "--lang", "de"])
    assert info.value.code == 2


def test_installed_command_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "segur_numerique.cli", "simulate", "--sample", "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
