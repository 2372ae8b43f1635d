"""Scenarios holding a small log: files next to the scenario, never outside its folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from segur_numerique.errors import ScenarioError
from segur_numerique.kit.scenarios import load_scenarios, shipped_scenarios
from segur_numerique.kit.verify import run_scenario

HEAD = """format = "segur_numerique.scenario/v1"
name = "log"
programme = "sun_es"
computation = "sun_es.logs"
rules = "illustrative"
inputs.window = "F1"
inputs.documents = []
expected = { verdicts = {} }
"""


@pytest.mark.parametrize(
    ("path", "words"),
    [("../outside.csv", "leaves the scenario's folder"), ("/etc/passwd", "relative")],
)
def test_a_path_cannot_leave_the_scenario_folder(tmp_path: Path, path: str, words: str) -> None:
    (tmp_path / "outside.csv").write_text("x\n", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    scenario = inner / "log.scenario.toml"
    scenario.write_text(HEAD + f'inputs.stays = {{ file = "{path}" }}\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match=words) as info:
        load_scenarios(scenario)
    assert "inputs.stays.file" in str(info.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    scenario = tmp_path / "log.scenario.toml"
    scenario.write_text(HEAD + 'inputs.stays = { file = "stays.csv" }\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"stays\.csv"):
        load_scenarios(scenario)


def test_the_shipped_cda_scenarios_pass_and_a_wrong_expectation_fails(tmp_path: Path) -> None:
    path = shipped_scenarios() / "cda_examples" / "cda_examples.scenario.toml"
    scenarios = load_scenarios(path)
    assert all(run_scenario(s).passed for s in scenarios)
    wrong = path.read_text(encoding="utf-8").replace("test_ins = 4", "test_ins = 3")
    copy = tmp_path / "cda_examples.scenario.toml"
    copy.write_text(wrong, encoding="utf-8")
    for name in ("stays.csv", "submissions.csv"):
        (tmp_path / name).write_bytes((path.parent / name).read_bytes())
    shutil.copytree(path.parent / "documents", tmp_path / "documents")
    results = [run_scenario(s) for s in load_scenarios(copy)]
    assert [r.passed for r in results] == [True, False, True]
    (tmp_path / "linked").symlink_to(path.parent / "documents")
    linked = tmp_path / "linked.scenario.toml"
    linked.write_text(wrong.replace('"documents"', '"linked"'), encoding="utf-8")
    with pytest.raises(ScenarioError, match="leaves"):
        load_scenarios(linked)  # a symbolic link out of the folder is refused too
