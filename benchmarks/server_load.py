"""Benchmark: the HTTP server under load, next to the same computations in process.

Starts ``segur-numerique serve`` in a subprocess on a free loopback port (uvicorn with uvloop and
httptools, one worker), waits for ``/health``, then for each endpoint runs ``--concurrency``
keep-alive clients for ``--duration`` seconds (a minimal asyncio HTTP/1.1 client: httpx's own
cost would be measured instead of the server's) and prints requests per second, p50/p95/p99
latency and the error count. Then one client alone (no queueing) gives the latency of a single
request, compared with the same work in process (the function the endpoint runs, JSON encoding
included): the difference is the HTTP overhead per request.

Run: ``python benchmarks/server_load.py`` (``--duration 10 --concurrency 32`` by default;
``--markdown`` prints the table of docs/explanation/performance-server.md).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import uvloop  # noqa: E402 (uvicorn[standard], as the server uses)

from segur_numerique.core.inputs import read_document  # noqa: E402
from segur_numerique.rules.loading import load_rules  # noqa: E402
from segur_numerique.rules.parameters import illustrative_assumptions  # noqa: E402
from segur_numerique.server.documents import StaticDocuments, computation_document, dump  # noqa: E402
from segur_numerique.sun_es.cases import parse_case, sample_path  # noqa: E402
from segur_numerique.sun_es.simulation import simulate  # noqa: E402

SAMPLE = json.loads(json.dumps(read_document(sample_path(), what="sample"), default=str))
SONS = {"amount_ht": "1 000 €"}


def _request(method: str, path: str, body: bytes = b"") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return (head + "\r\n").encode() + body


_COUNTER = itertools.count()


def _distinct_sons() -> bytes:
    """A SONS amount never asked before (so the server's result cache never answers)."""
    body = json.dumps({"amount_ht": f"{1000 + next(_COUNTER)} €"}).encode()
    return _request("POST", "/compute/sons.ttc", body)


def _constant(raw: bytes) -> Callable[[], bytes]:
    return lambda: raw


ENDPOINTS: dict[str, Callable[[], bytes]] = {
    "POST /compute/sons.ttc": _distinct_sons,
    "POST /compute/sons.ttc (same input)": _constant(
        _request("POST", "/compute/sons.ttc", json.dumps(SONS).encode())
    ),
    "POST /simulate (sample)": _constant(
        _request("POST", "/simulate", json.dumps(SAMPLE).encode())
    ),
    "GET /rules/sons.vat_rate": _constant(_request("GET", "/rules/sons.vat_rate")),
}


async def _one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> int:
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    await reader.readexactly(length)
    return status


async def _client(
    port: int, make: Callable[[], bytes], stop: float, latencies: list[float], errors: list[int]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop:
            raw = make()
            start = time.perf_counter()
            try:
                status = await _one(reader, writer, raw)
            except (OSError, asyncio.IncompleteReadError):
                errors.append(0)
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                continue
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(status)
    finally:
        writer.close()


async def _load(
    port: int, make: Callable[[], bytes], clients: int, seconds: float
) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[int] = []
    stop = time.perf_counter() + seconds
    began = time.perf_counter()
    await asyncio.gather(*(_client(port, make, stop, latencies, errors) for _ in range(clients)))
    elapsed = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": cuts[49] * 1e3,
        "p95": cuts[94] * 1e3,
        "p99": cuts[98] * 1e3,
        "errors": len(errors),
    }


def _in_process() -> dict[str, Callable[[], bytes]]:
    rules = load_rules()
    illustrative = illustrative_assumptions()

    def sim() -> bytes:
        given = parse_case(SAMPLE, where="simulation")
        return dump(simulate(given.case, rules=illustrative).to_json())

    return {
        "POST /compute/sons.ttc": lambda: computation_document(
            "sons.ttc", SONS, rules, explain=True, lang=None
        ),
        "POST /compute/sons.ttc (same input)": lambda: computation_document(
            "sons.ttc", SONS, rules, explain=True, lang=None
        ),
        "POST /simulate (sample)": sim,
        # the server caches this document: in process, it is built each time (the uncached cost)
        "GET /rules/sons.vat_rate": lambda: StaticDocuments(rules).rule("sons.vat_rate", None),
    }


def _time(function: Callable[[], bytes], seconds: float = 2.0) -> float:
    function()
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        function()
        count += 1
    return (time.perf_counter() - start) / count * 1e3


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _start(port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "segur_numerique.cli", "serve", "--port", str(port)]
    server = subprocess.Popen([*command, "--log-level", "warning"], env=os.environ.copy())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent clients")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    port = _free_port()
    server = _start(port)
    rows = []
    try:
        local = _in_process()
        for name, make in ENDPOINTS.items():
            loaded = asyncio.run(_load(port, make, args.concurrency, args.duration))
            alone = asyncio.run(_load(port, make, 1, min(args.duration, 3.0)))
            inproc = _time(local[name])
            rows.append((name, loaded, alone, inproc))
    finally:
        server.terminate()
        server.wait(timeout=10)
    header = (
        f"| endpoint | req/s ({args.concurrency} clients) | p50 ms | p95 ms | p99 ms | errors "
        "| 1 client p50 ms | in process ms | HTTP overhead ms |"
    )
    print(header)
    print("|" + "---|" * 9)
    for name, loaded, alone, inproc in rows:
        print(
            f"| {name} | {loaded['rps']:,.0f} | {loaded['p50']:.2f} | {loaded['p95']:.2f} "
            f"| {loaded['p99']:.2f} | {loaded['errors']:.0f} | {alone['p50']:.2f} "
            f"| {inproc:.3f} | {alone['p50'] - inproc:.2f} |"
        )


if __name__ == "__main__":
    main()
