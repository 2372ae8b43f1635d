"""The OpenAPI 3.1 document of the server, built from the endpoint table and the JSON Schemas.

One place: every endpoint is an :class:`Endpoint` of the table in
:mod:`segur_numerique.server.app`, which gives both its Starlette route and its OpenAPI
operation; every document's schema is the library's own JSON Schema file
(``segur_numerique/schemas/*.schema.json``), embedded under ``components.schemas`` with its
references rewritten (OpenAPI 3.1 schemas are JSON Schema 2020-12, so nothing else changes).
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from typing import Any

import attrs

from segur_numerique.core.values import JsonValue

SCHEMA_URN = re.compile(r"^urn:segur-numerique:schema:([a-z-]+):v1(#.*)?$")
_PROBLEM = {"$ref": "#/components/schemas/problem"}


@attrs.frozen
class Param:
    """A query or path parameter."""

    name: str
    description: str
    where: str = "query"
    kind: str = "string"
    enum: tuple[str, ...] = ()


@attrs.frozen
class Endpoint:
    """One endpoint: its route and its OpenAPI operation.

    Attributes:
        method: ``GET`` or ``POST``.
        path: the Starlette path (``/rules/{key:path}``; the converter is dropped in OpenAPI).
        handler: the endpoint function.
        summary: one line.
        response: the schema name of the 200 document (``None``: not JSON, see ``media``).
        body: the request media types (``()``: no body).
        params: the parameters.
        media: the media type of the 200 response.
        errors: the problem statuses it may answer (besides 500).
    """

    method: str
    path: str
    handler: Callable[..., Any]
    summary: str
    response: str | None
    body: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    media: str = "application/json"
    errors: tuple[int, ...] = (422,)
    body_schema: str | None = None

    @property
    def openapi_path(self) -> str:
        """The path as OpenAPI writes it (``{key}``)."""
        return re.sub(r"\{(\w+):\w+\}", r"{\1}", self.path)


@functools.cache
def schemas() -> Mapping[str, dict[str, Any]]:
    """Every shipped JSON Schema by name (``explanation``, ``computation``...)."""
    root = resources.files("segur_numerique").joinpath("schemas")
    found = {}
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".schema.json"):
            found[entry.name.removesuffix(".schema.json")] = json.loads(
                entry.read_text(encoding="utf-8")
            )
    return found


def _rewrite(node: Any, own: str) -> Any:
    if isinstance(node, dict):
        out = {k: _rewrite(v, own) for k, v in node.items() if k not in ("$schema", "$id")}
        ref = node.get("$ref")
        if isinstance(ref, str):
            match = SCHEMA_URN.match(ref)
            if ref.startswith("#/$defs/"):
                out["$ref"] = f"#/components/schemas/{own}/{ref[2:]}"
            elif match:
                out["$ref"] = f"#/components/schemas/{match[1]}" + (
                    f"/{match[2][2:]}" if match[2] else ""
                )
        return out
    if isinstance(node, list):
        return [_rewrite(v, own) for v in node]
    return node


def components() -> dict[str, Any]:
    """The schemas as OpenAPI components, their references pointing inside the document."""
    return {name: _rewrite(copy.deepcopy(s), name) for name, s in schemas().items()}


def _operation(endpoint: Endpoint) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": endpoint.summary,
        "operationId": endpoint.handler.__name__.removesuffix("_endpoint"),
        "parameters": [
            {
                "name": p.name,
                "in": p.where,
                "required": p.where == "path",
                "description": p.description,
                "schema": {"type": p.kind, **({"enum": list(p.enum)} if p.enum else {})},
            }
            for p in endpoint.params
        ],
    }
    if endpoint.body:
        schema = (
            {"$ref": f"#/components/schemas/{endpoint.body_schema}"} if endpoint.body_schema else {}
        )
        op["requestBody"] = {
            "required": True,
            "content": {kind: {"schema": schema} for kind in endpoint.body},
        }
    ok = (
        {"schema": {"$ref": f"#/components/schemas/{endpoint.response}"}}
        if endpoint.response
        else {}
    )
    responses: dict[str, Any] = {"200": {"description": "OK", "content": {endpoint.media: ok}}}
    for status in (*endpoint.errors, 500):
        responses[str(status)] = {
            "description": "a problem (RFC 9457)",
            "content": {"application/problem+json": {"schema": _PROBLEM}},
        }
    op["responses"] = responses
    return op


def openapi_document(endpoints: Sequence[Endpoint], *, version: str) -> dict[str, JsonValue]:
    """The OpenAPI 3.1 document of ``endpoints``."""
    paths: dict[str, Any] = {}
    for endpoint in endpoints:
        paths.setdefault(endpoint.openapi_path, {})[endpoint.method.lower()] = _operation(endpoint)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "segur-numerique HTTP API",
            "version": version,
            "description": "The rules of the Ségur Numérique funding programmes over HTTP: rule "
            "values with their sources, calendars, every computation of the conformance kit with "
            "its explanation, simulations, indicators from logs and scenario verification. "
            "Errors are application/problem+json (RFC 9457).",
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": components()},
    }
