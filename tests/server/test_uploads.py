"""``POST /indicators`` and ``POST /verify`` over real HTTP: uploads saved safely, same documents."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import httpx
import polars as pl

from segur_numerique.kit.scenarios import shipped_scenarios
from segur_numerique.kit.verify import verification_document, verify_paths
from segur_numerique.rules.parameters import illustrative_assumptions
from segur_numerique.sun_es.logs.compute import indicators_from_logs
from segur_numerique.sun_es.logs.counts import LogParameters
from segur_numerique.sun_es.logs.document import indicators_document

Valid = Callable[[object, str], None]

STAYS = (
    "stay_id,finess,activity,admission,discharge\n"
    "S1,750000001,MCO,2022-02-01,2022-02-05\n"
    "S2,750000001,MCO,2022-02-03,2022-02-04\n"
)
DOCUMENTS = (
    "document_id,stay_id,type,produced,sent,ins_status\n"
    "D1,S1,discharge_letter,2022-02-05,2022-02-05,qualified\n"
    "D2,S2,discharge_letter,2022-02-04,2022-03-30,qualified\n"
)


def _expected(tmp_path: Path, window: str) -> dict[str, object]:
    stays, documents = tmp_path / "stays-0.csv", tmp_path / "documents-0.csv"
    stays.write_text(STAYS, encoding="utf-8")
    documents.write_text(DOCUMENTS, encoding="utf-8")
    rules = illustrative_assumptions()
    result = indicators_from_logs(stays, documents, LogParameters.from_rules(rules, window))
    doc = indicators_document(result, rules, window, window_defaulted=False)
    loaded = json.loads(json.dumps(doc).replace(f"{tmp_path}/", ""))
    assert isinstance(loaded, dict)
    return loaded


def test_indicators_from_uploaded_csv_logs_are_the_library_document(
    client: httpx.Client, valid: Valid, tmp_path: Path
) -> None:
    files = {
        "stays": ("../../../etc/passwd.csv", STAYS.encode()),  # a hostile name is only shown
        "documents": ("C:\\logs\\documents.csv", DOCUMENTS.encode()),
    }
    response = client.post(
        "/indicators", files=files, params={"illustrative": "true", "window": "F1"}
    )
    assert response.status_code == 200, response.text
    assert response.json() == _expected(tmp_path, "F1")
    valid(response.json(), "indicators")
    assert "segur-upload" not in response.text


def test_indicators_from_parquet_logs(client: httpx.Client, tmp_path: Path) -> None:
    def parquet(text: str) -> bytes:
        buffer = io.BytesIO()
        pl.read_csv(io.StringIO(text), try_parse_dates=False).write_parquet(buffer)
        return buffer.getvalue()

    files = {"stays": ("s.parquet", parquet(STAYS)), "documents": ("d.parquet", parquet(DOCUMENTS))}
    response = client.post("/indicators", files=files, params={"illustrative": "true"})
    assert response.status_code == 200, response.text
    assert response.json()["window_defaulted"] is True
    assert response.json()["establishments"] == _expected(tmp_path, "F1")["establishments"]


def test_a_malformed_log_names_the_saved_file_not_a_server_path(client: httpx.Client) -> None:
    files = {"stays": ("mine.csv", b"stay_id\nS1\n"), "documents": ("d.csv", DOCUMENTS.encode())}
    response = client.post("/indicators", files=files, params={"illustrative": "true"})
    assert response.status_code == 422
    problem = response.json()
    assert problem["error"] == "MissingColumnError"
    assert "stays-0.csv" in problem["detail"]
    assert "segur-upload" not in response.text


def test_an_upload_of_another_kind_is_415(client: httpx.Client) -> None:
    files = {"stays": ("stays.xlsx", b"x"), "documents": ("d.csv", b"y")}
    response = client.post("/indicators", files=files)
    assert response.status_code == 415
    missing = client.post("/indicators", files={"stays": ("s.csv", STAYS.encode())})
    assert missing.status_code == 422
    assert "documents" in missing.json()["detail"]


def test_verify_uploaded_scenario_files(client: httpx.Client, valid: Valid) -> None:
    shipped = sorted(shipped_scenarios().glob("*.toml"))[:2]
    files = [("scenarios", (p.name, p.read_bytes())) for p in shipped]
    response = client.post("/verify", files=files)
    assert response.status_code == 200, response.text
    doc = response.json()
    valid(doc, "verification")
    expected = verification_document(verify_paths(shipped))
    assert doc["passed"] == expected["passed"]
    assert doc["failed"] == expected["failed"] == 0
    assert [f["name"] for f in doc["files"]] == [p.name for p in shipped]
    assert {r["file"] for r in doc["results"]} == {"scenarios-0.toml", "scenarios-1.toml"}


def test_verify_one_scenario_as_a_toml_body(client: httpx.Client) -> None:
    body = (Path(__file__).parents[1] / "fixtures" / "wrong_expected_amount.toml").read_bytes()
    response = client.post("/verify", content=body, headers={"content-type": "application/toml"})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["failed"] == 1
    assert doc["results"][0]["mismatches"]
    malformed = client.post(
        "/verify", content=b'format = "x"', headers={"content-type": "application/toml"}
    )
    assert malformed.status_code == 422
    assert malformed.json()["error"] == "ScenarioError"
    assert "segur-upload" not in malformed.text


def test_an_unexpected_field_is_refused(client: httpx.Client) -> None:
    files = {"stays": ("s.csv", STAYS.encode()), "documents": ("d.csv", DOCUMENTS.encode())}
    text = client.post("/indicators", files=files, data={"window": "F1"})
    assert text.status_code == 422
    assert text.json()["where"] == "window"
    extra = client.post("/indicators", files={**files, "other": ("o.csv", b"x")})
    assert extra.status_code == 422
    assert extra.json()["where"] == "other"
