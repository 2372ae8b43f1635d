"""``POST /documents/audit`` over HTTP: the library's audit of the same CDA documents."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import httpx

from segur_numerique.rules.parameters import illustrative_assumptions
from segur_numerique.sun_es.documents.audit import audit_documents
from segur_numerique.sun_es.documents.reading import read_documents
from segur_numerique.sun_es.documents.samples import cda_samples_folder
from segur_numerique.sun_es.documents.submissions import read_submissions
from segur_numerique.sun_es.logs.counts import LogParameters

Valid = Callable[[object, str], None]
FOLDER = cda_samples_folder()
SCENARIO = FOLDER.parent


def _files(paths: list[Path]) -> list[tuple[str, tuple[str, bytes, str]]]:
    files = [("documents", (p.name, p.read_bytes(), "application/xml")) for p in paths]
    files.append(("stays", ("stays.csv", (SCENARIO / "stays.csv").read_bytes(), "text/csv")))
    submissions = (SCENARIO / "submissions.csv").read_bytes()
    files.append(("submissions", ("submissions.csv", submissions, "text/csv")))
    return files


def _without_files(document: Mapping[str, object]) -> list[dict[str, object]]:
    verdicts = document["verdicts"]
    assert isinstance(verdicts, list)
    return [{k: v for k, v in verdict.items() if k != "file"} for verdict in verdicts]


def test_audit_equals_the_library(client: httpx.Client, valid: Valid) -> None:
    paths = sorted(FOLDER.glob("*.xml"))
    response = client.post(
        "/documents/audit",
        params={"illustrative": "true", "test_ins_as_qualified": "true"},
        files=_files(paths),
    )
    assert response.status_code == 200, response.text
    document = response.json()
    valid(document, "document-audit")
    rules = illustrative_assumptions()
    reading = read_documents(paths, rules=rules, test_ins_as_qualified=True)
    expected = audit_documents(
        reading,
        LogParameters.from_rules(rules, "F1"),
        stays=SCENARIO / "stays.csv",
        submissions=read_submissions(SCENARIO / "submissions.csv"),
    ).to_json()
    assert _without_files(document) == _without_files(expected)
    assert len(document["verdicts"]) == len(paths)
    assert "/tmp" not in response.text


def test_an_unreadable_document_is_a_422_problem_with_the_others_audited(
    client: httpx.Client,
) -> None:
    files = _files(sorted(FOLDER.glob("*.xml"))[:2])
    files.append(("documents", ("broken.xml", b"<not-closed", "application/xml")))
    response = client.post("/documents/audit", params={"illustrative": "true"}, files=files)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["error"] == "DocumentReadError"
    assert len(problem["errors"]) == 1
    assert len(problem["audit"]["verdicts"]) == 2


def test_a_document_of_another_kind_is_415(client: httpx.Client) -> None:
    files = [("documents", ("report.pdf", b"%PDF-1.4", "application/pdf"))]
    response = client.post("/documents/audit", files=files)
    assert response.status_code == 415
