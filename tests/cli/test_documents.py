"""``segur-numerique documents audit`` and ``indicators --cda``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from segur_numerique.cli import main
from segur_numerique.rules.parameters import illustrative_assumptions
from segur_numerique.sun_es.documents.audit import audit_documents
from segur_numerique.sun_es.documents.reading import read_documents
from segur_numerique.sun_es.documents.samples import cda_samples_folder
from segur_numerique.sun_es.documents.submissions import read_submissions
from segur_numerique.sun_es.logs.counts import LogParameters

STAYS = """stay_id,finess,activity,admission,discharge
S-LDL,750803447,MCO,2019-10-29,2019-12-03
S-MED,750512345,MCO,2023-11-28,2023-12-01
"""


def _logs(tmp_path: Path) -> tuple[Path, Path]:
    stays = tmp_path / "stays.csv"
    stays.write_text(STAYS, encoding="utf-8")
    subs = tmp_path / "subs.csv"
    rows = ["document_id,submitted_at,dmp_status"]
    rows += [
        f"{r.header.document_id},{r.produced.isoformat()},accepted"
        for r in read_documents([cda_samples_folder()]).records
    ]
    subs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return stays, subs


def test_audit_table_json_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stays, subs = _logs(tmp_path)
    out = tmp_path / "verdicts.csv"
    argv = ["documents", "audit", str(cda_samples_folder()), "--stays", str(stays)]
    argv += ["--submissions", str(subs), "--illustrative", "--window", "F4", "--json"]
    argv += ["--test-ins-as-qualified", "--csv", str(out)]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    reasons = {v["file"].rsplit("/", 1)[-1]: v["reason"] for v in document["verdicts"]}
    assert reasons["eP-MED-DM_2024.01_PosoStruct.xml"] is None
    assert reasons["LDL-SES_2022.01.xml"] == "outside_period"
    assert reasons["IMG_CR_IMG_2024.01.xml"] == "no_matching_stay"
    assert document["test_ins_as_qualified"] is True
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 7
    assert main(argv) == 2  # the CSV exists: refused without --force, nothing overwritten


def test_an_unreadable_file_exits_2_after_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"not xml")
    assert main(["--lang", "en", "documents", "audit", str(cda_samples_folder()), str(bad)]) == 2
    captured = capsys.readouterr()
    assert "LDL-SES_2022.01.xml" in captured.out
    assert "bad.xml" in captured.err
    assert "Traceback" not in captured.err


def test_indicators_from_cda(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stays, subs = _logs(tmp_path)
    argv = ["indicators", "--stays", str(stays), "--cda", str(cda_samples_folder())]
    argv += ["--submissions", str(subs), "--illustrative", "--window", "F4", "--json"]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    est = {e["finess"]: e for e in document["establishments"]}
    counts = {c["indicator"]: c for c in est["750512345"]["counts"]}
    # test INS: the prescription is in the denominator's stay, not in the numerator
    assert counts["discharge_prescription"]["numerator"] == 0
    assert counts["discharge_prescription"]["denominator"] == 1


def test_audit_json_is_the_library_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stays, subs = _logs(tmp_path)
    argv = ["documents", "audit", str(cda_samples_folder()), "--stays", str(stays)]
    argv += ["--submissions", str(subs), "--illustrative", "--window", "F4", "--json"]
    assert main(argv) == 0
    rules = illustrative_assumptions()
    expected = audit_documents(
        read_documents([cda_samples_folder()], rules=rules),
        LogParameters.from_rules(rules, "F4"),
        stays=stays,
        submissions=read_submissions(subs),
    ).to_json()
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(expected))
