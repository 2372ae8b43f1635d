"""One real server per test module: uvicorn in a thread on a free loopback port, called with httpx."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import jsonschema
import pytest
import uvicorn
from referencing import Registry, Resource
from starlette.applications import Starlette

from segur_numerique.server import Limits, create_app
from segur_numerique.server.openapi import schemas


class Running:
    """A server running in a thread, and a client of it."""

    def __init__(self, app: Starlette) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = httpx.Client(base_url=self.url, timeout=30)
        deadline = time.monotonic() + 20
        while True:
            try:
                if self.client.get("/health").status_code == 200:
                    break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start(app: Starlette) -> Iterator[httpx.Client]:
    running = Running(app)
    try:
        yield running.client
    finally:
        running.stop()


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    """A client of a server with the official rules and the default limits."""
    yield from start(create_app())


SMALL = Limits(max_body_bytes=2_000, max_upload_bytes=20_000, max_rows=3, max_files=3)


@pytest.fixture(scope="module")
def app_client() -> Iterator[Callable[[Starlette], httpx.Client]]:
    """Start a server for an application made by the test (stopped at the end of the module)."""
    running: list[Running] = []

    def started(app: Starlette) -> httpx.Client:
        running.append(Running(app))
        return running[-1].client

    yield started
    for server in running:
        server.stop()


@pytest.fixture(scope="module")
def small_client() -> Iterator[httpx.Client]:
    """A client of a server with small limits (to reach them quickly)."""
    yield from start(create_app(limits=SMALL))


def validate(document: object, name: str) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``document`` matches the shipped schema ``name``."""
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas().values()
    )
    jsonschema.Draft202012Validator(schemas()[name], registry=registry).validate(document)


@pytest.fixture
def valid() -> Callable[[object, str], None]:
    """:func:`validate`: check a document against one of the shipped JSON Schemas."""
    return validate
