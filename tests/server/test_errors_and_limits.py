"""Bad input never gives a 500: problem+json documents, and the limits (413 counted as it streams)."""

from __future__ import annotations

import glob
import json
import os
import tempfile
from collections.abc import Callable, Iterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

from segur_numerique.core.inputs import read_document
from segur_numerique.errors import InvalidInputError
from segur_numerique.server import Limits, create_app
from segur_numerique.sun_es.cases import sample_path

Valid = Callable[[object, str], None]
PROBLEM = "application/problem+json"


def _problem(response: httpx.Response, status: int, valid: Valid) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    doc = response.json()
    assert doc["status"] == status
    assert "Traceback" not in response.text
    valid(doc, "problem")
    assert isinstance(doc, dict)
    return doc


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "error"),
    [
        ("post", "/compute/sons.ttc", {"content": b"{bad", "headers": {"content-type": "application/json"}}, 400, "InputFileError"),
        ("post", "/compute/sons.ttc", {"content": b"\xff\xfe", "headers": {"content-type": "application/json"}}, 400, "InputFileError"),
        ("post", "/compute/sons.ttc", {"content": b'{"a": 1, "a": 2}', "headers": {"content-type": "application/json"}}, 400, "InputFileError"),
        ("post", "/compute/sons.ttc", {"content": b"amount", "headers": {"content-type": "text/plain"}}, 415, "UnsupportedMediaTypeError"),
        ("post", "/compute/sons.ttc", {"json": [1]}, 422, "InvalidInputError"),
        ("post", "/compute/sons.ttc", {"json": {"amount_ht": 1000}}, 422, "ScenarioError"),
        ("post", "/compute/sons.ttc", {"json": {"amount_ht": 1.5}}, 422, "ScenarioError"),
        ("post", "/compute/sons.ttc", {"json": {}}, 422, "ScenarioError"),
        ("post", "/compute/sons.ttc?rules=mine", {"json": {}}, 422, "InvalidInputError"),
        ("post", "/compute/sons.ttc?explain=maybe", {"json": {}}, 422, "InvalidInputError"),
        ("post", "/compute/sons.ttc?lang=de", {"json": {}}, 422, "InvalidInputError"),
        ("post", "/compute/sons.tcc", {"json": {}}, 404, "UnknownComputationError"),
        ("get", "/rules?as_known_on=2022-13-01", {}, 422, "InvalidInputError"),
        ("post", "/simulate", {"json": {"format": "x"}}, 422, "InvalidInputError"),
        ("post", "/simulate", {"content": b"a = ", "headers": {"content-type": "application/toml"}}, 400, "InputFileError"),
        ("post", "/indicators", {"json": {}}, 415, "UnsupportedMediaTypeError"),
        ("post", "/indicators?window=F9", {"json": {}}, 422, "InvalidInputError"),
        ("post", "/verify", {"content": b"x", "headers": {"content-type": "text/csv"}}, 415, "UnsupportedMediaTypeError"),
    ],
)  # fmt: skip
def test_bad_input_is_a_typed_problem(
    client: httpx.Client,
    valid: Valid,
    method: str,
    path: str,
    kwargs: dict[str, object],
    status: int,
    error: str,
) -> None:
    doc = _problem(getattr(client, method)(path, **kwargs), status, valid)
    assert doc["error"] == error
    assert doc["type"] == f"urn:segur-numerique:problem:{error}"
    assert doc["instance"] == path.split("?", maxsplit=1)[0]
    assert doc["detail"]


def test_http_level_errors_are_problems_too(client: httpx.Client, valid: Valid) -> None:
    assert _problem(client.get("/nowhere"), 404, valid)["type"] == "about:blank"
    assert _problem(client.delete("/rules"), 405, valid)["title"] == "Method Not Allowed"
    assert _problem(client.get("/compute/sons.ttc"), 405, valid)["type"] == "about:blank"


def test_a_missing_parameter_names_its_key(client: httpx.Client, valid: Valid) -> None:
    doc = _problem(
        client.post("/compute/rules.read", json={"key": "sun_es.target.F1.discharge_letter"}),
        422,
        valid,
    )
    assert doc["key"] == "sun_es.target.F1.discharge_letter"
    assert doc["error"] == "MissingParameterError"


def test_an_oversized_body_is_413_even_without_content_length(
    small_client: httpx.Client, valid: Valid
) -> None:
    big = b'{"amount_ht": "' + b"1" * 5_000 + b'"}'
    declared = small_client.post(
        "/compute/sons.ttc", content=big, headers={"content-type": "application/json"}
    )
    assert _problem(declared, 413, valid)["limit"] == 2_000

    def chunks() -> Iterator[bytes]:  # chunked: no Content-Length to trust
        for i in range(0, len(big), 500):
            yield big[i : i + 500]

    streamed = small_client.post(
        "/compute/sons.ttc", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in streamed.request.headers
    assert _problem(streamed, 413, valid)["error"] == "RequestTooLargeError"


def test_an_oversized_upload_is_413(small_client: httpx.Client, valid: Valid) -> None:
    files = {"stays": ("stays.csv", b"x" * 30_000), "documents": ("d.csv", b"y")}
    assert _problem(small_client.post("/indicators", files=files), 413, valid)["limit"] == 20_000


def test_a_log_with_too_many_rows_is_413(small_client: httpx.Client, valid: Valid) -> None:
    stays = "stay_id,finess,activity,admission,discharge\n" + "".join(
        f"S{i},750000001,MCO,2022-02-01,2022-02-05\n" for i in range(5)
    )
    files = {"stays": ("stays.csv", stays.encode()), "documents": ("d.csv", b"h\n")}
    doc = _problem(small_client.post("/indicators", files=files), 413, valid)
    assert doc["limit"] == 3
    assert doc["where"] == "stays"


def test_too_many_files_is_a_problem(small_client: httpx.Client, valid: Valid) -> None:
    files = [("scenarios", (f"s{i}.toml", b"a = 1")) for i in range(5)]
    doc = _problem(small_client.post("/verify", files=files), 400, valid)
    assert "multipart" in str(doc["detail"])


def _boom(request: Request) -> None:
    raise RuntimeError("secret internal state")


AppClient = Callable[[Starlette], httpx.Client]


def test_an_unexpected_error_is_a_500_problem_without_traceback(
    app_client: AppClient, valid: Valid, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app()
    app.router.routes.append(Route("/boom", _boom))
    response = app_client(app).get("/boom")
    doc = _problem(response, 500, valid)
    assert "secret" not in response.text
    assert doc["incident"]
    assert any(str(doc["incident"]) in r.getMessage() for r in caplog.records)


_SIMULATION_INPUTS = {
    "establishment": {
        "finess_juridique": "450000013",
        "finess_geographique": "450000021",
        "legal_status": "public",
        "activities": ["mco"],
        "activity_2019": 25000,
    },
    "application": {"window": "F2", "domains": ["discharge_documents"]},
}


def test_past_the_time_limit_the_request_is_a_503(app_client: AppClient, valid: Valid) -> None:
    client = app_client(create_app(limits=Limits(timeout_seconds=1e-9, inline_body_bytes=0)))
    sample = json.loads(json.dumps(read_document(sample_path(), what="sample"), default=str))
    doc = _problem(client.post("/simulate", json=sample), 503, valid)
    assert doc["error"] == "RequestTimeoutError"
    # a computation sent to a worker thread (inline_body_bytes=0) is timed too (a slow one:
    # a computation that ends before the event loop sees the deadline is answered)
    computed = client.post("/compute/sun_es.simulation", json=_SIMULATION_INPUTS)
    doc = _problem(computed, 503, valid)
    assert doc["error"] == "RequestTimeoutError"


def test_no_upload_folder_is_left_behind(client: httpx.Client) -> None:
    pattern = os.path.join(tempfile.gettempdir(), "segur-upload-*")
    before = set(glob.glob(pattern))
    files = {"stays": ("../../etc/passwd.csv", b"x"), "documents": ("d.csv", b"y")}
    client.post("/indicators", files=files)
    client.post("/verify", content=b"a = 1", headers={"content-type": "application/toml"})
    assert set(glob.glob(pattern)) <= before


def test_a_large_compute_body_runs_in_a_worker_thread(app_client: AppClient) -> None:
    client = app_client(create_app(limits=Limits(inline_body_bytes=0)))
    response = client.post("/compute/sons.ttc", json={"amount_ht": "1 000 €"})
    assert response.json()["outputs"]["ttc"] == {"type": "euro", "value": "1200.00"}


@pytest.mark.parametrize(
    "bad",
    [{"max_rows": 0}, {"timeout_seconds": -1}, {"inline_body_bytes": -1}, {"max_files": True}],
)
def test_limits_are_checked(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError):
        Limits(**bad)  # type: ignore[arg-type]


def test_cors_is_off_by_default(client: httpx.Client) -> None:
    response = client.get("/health", headers={"Origin": "https://vendor.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/compute/sons.ttc",
        headers={"Origin": "https://vendor.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 405
