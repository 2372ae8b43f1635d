"""``segur-numerique serve``: the real command in a subprocess, and its errors without the extra."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from segur_numerique.cli import main

SRC = Path(__file__).parents[2] / "src"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_serve_answers_on_loopback_with_cors_when_asked() -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    command = [sys.executable, "-m", "segur_numerique.cli", "serve", "--port", str(port)]
    command += ["--cors-origin", "https://vendor.example", "--log-level", "warning"]
    server = subprocess.Popen(command, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, "the server stopped"
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert response.json() == {"status": "ok"}
        assert "server" not in response.headers
        preflight = httpx.options(
            f"http://127.0.0.1:{port}/compute/sons.ttc",
            headers={
                "Origin": "https://vendor.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        assert preflight.headers["access-control-allow-origin"] == "https://vendor.example"
        other = httpx.get(
            f"http://127.0.0.1:{port}/health", headers={"Origin": "https://elsewhere.example"}
        )
        assert "access-control-allow-origin" not in other.headers
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_without_the_server_extra_the_command_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # `import uvicorn` raises ImportError
    assert main(["serve"]) == 2
    line = capsys.readouterr().err
    assert 'pip install "segur-numerique[server]"' in line
    assert "Traceback" not in line


@pytest.mark.parametrize(
    ("argv", "where"), [(["--port", "70000"], "--port"), (["--workers", "0"], "--workers")]
)
def test_bad_options_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], where: str
) -> None:
    assert main(["serve", *argv]) == 2
    assert where in capsys.readouterr().err
