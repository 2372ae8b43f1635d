"""``indicators`` and ``documents audit`` list every missing value at once, like ``simulate``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from segur_numerique.cli import main
from segur_numerique.cli.log_inputs import log_parameters_needed
from segur_numerique.rules.loading import load_rules
from segur_numerique.sun_es.documents.samples import cda_samples_folder

STAYS = "stay_id,finess,activity,admission,discharge\nS1,750000001,MCO,2022-01-01,2022-01-02\n"
DOCS = (
    "document_id,stay_id,type,produced,sent,ins_status\n"
    "D1,S1,discharge_letter,2022-01-02,2022-01-02,qualified\n"
)


def _logs(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "stays.csv").write_text(STAYS, encoding="utf-8")
    (tmp_path / "documents.csv").write_text(DOCS, encoding="utf-8")
    return str(tmp_path / "stays.csv"), str(tmp_path / "documents.csv")


def test_every_log_parameter_is_found_in_one_go() -> None:
    needed = log_parameters_needed(load_rules(), "F1")
    keys = [v.key for v in needed]
    assert keys[0] == "sun_es.measurement_period.F1"
    assert "sun_es.indicator.imaging_report.send_delay_days" in keys
    assert len(keys) == len(set(keys)) > 5


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_indicators_lists_every_missing_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    stays, documents = _logs(tmp_path)
    assert main(["indicators", "--stays", stays, "--documents", documents, "--lang", lang]) == 2
    err = capsys.readouterr().err
    needed = log_parameters_needed(load_rules(), "F1")
    assert all(v.key in err for v in needed)
    assert "parameters template --all" in err
    assert ("valeurs inconnues" if lang == "fr" else "unknown values") in err


def test_documents_audit_with_stays_lists_every_missing_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stays, _ = _logs(tmp_path)
    code = main(["documents", "audit", str(cda_samples_folder()), "--stays", stays])
    assert code == 2
    err = capsys.readouterr().err
    assert "sun_es.measurement_period.F1" in err
    assert "sun_es.indicator.discharge_letter.stay_types" in err


def test_python_dash_m_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "segur_numerique", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("segur-numerique ")
