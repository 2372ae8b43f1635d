"""The ASGI application: :func:`create_app`, its endpoint table and its error handling.

Starlette, not FastAPI (docs/explanation/design.md says why): the library already has its
JSON Schemas and its own input checks, so FastAPI's pydantic models would be a second,
diverging definition of each format, and Starlette alone is lighter on the hot path.
The application is stateless and read-only: every request sees the same immutable rule set.
"""

from __future__ import annotations

import importlib.util
import logging
import uuid
from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from segur_numerique.core.values import JsonValue
from segur_numerique.core.version import __version__
from segur_numerique.errors import SegurError
from segur_numerique.explorer import INDEX
from segur_numerique.explorer import serve as serve_page
from segur_numerique.kit.registry import computations
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.parameters import illustrative_assumptions
from segur_numerique.server import routes as r
from segur_numerique.server.audit import documents_audit_endpoint
from segur_numerique.server.documents import ComputationCache, StaticDocuments, dump
from segur_numerique.server.execution import ThreadRunner
from segur_numerique.server.limits import Limits
from segur_numerique.server.openapi import Endpoint, Param, openapi_document, schemas
from segur_numerique.server.problems import (
    PROBLEM_MEDIA_TYPE,
    error_problem,
    http_problem,
    internal_problem,
)
from segur_numerique.server.state import ServerState, state_of

LOG = logging.getLogger("segur_numerique.server")

_ON = Param("as_known_on", "read every value as known on this day (YYYY-MM-DD)", kind="string")
_LANG = Param("lang", "add `text`, the readable result in this language", enum=("fr", "en"))
_EXPLAIN = Param(
    "explain", "false: leave the explanation out (explanation is null)", kind="boolean"
)
_RULES = Param(
    "rules",
    "the rule set: official (default) or the illustrative assumption sets",
    enum=("official", "illustrative"),
)
_ALT = Param("alternative", "conflicting dates: use this named alternative (idf)")
_JSON_TOML = ("application/json", "application/toml")
_MULTIPART = ("multipart/form-data",)


async def health_endpoint(request: Request) -> Response:
    """``GET /health``: the server answers."""
    return r.json_response(b'{"status":"ok"}')


async def version_endpoint(request: Request) -> Response:
    """``GET /version``: the library version, the document formats and the computations."""
    return r.json_response(request.app.state.version_document)


async def openapi_endpoint(request: Request) -> Response:
    """``GET /openapi.json``: the OpenAPI 3.1 document."""
    return r.json_response(request.app.state.openapi_document)


def endpoints(*, ics: bool) -> tuple[Endpoint, ...]:
    """The endpoint table: each gives its route and its OpenAPI operation."""
    table = [
        Endpoint("GET", "/health", health_endpoint, "The server answers", None, errors=()),
        Endpoint("GET", "/version", version_endpoint, "Library version and formats", "server-version", errors=()),
        Endpoint("GET", "/openapi.json", openapi_endpoint, "This OpenAPI document", None, errors=()),
        Endpoint("GET", "/rules", r.rules_endpoint, "Every rule value with versions, sources, statuses", "rule-values", params=(_ON,)),
        Endpoint("GET", "/rules/{key:path}", r.rule_endpoint, "One rule value with every version", "rule-value", params=(Param("key", "the rule key (sons.vat_rate)", where="path"), _ON), errors=(404, 422)),
        Endpoint("GET", "/unknowns", r.unknowns_endpoint, "The values nobody could source", "unknowns", errors=()),
        Endpoint("GET", "/calendar", r.calendar_endpoint, "Windows and deadlines of every programme", "calendar", params=(Param("programme", "only this programme (sun_es, sons...)"), Param("on", "dates as known on this day; phases and days left then"), _ALT)),
        Endpoint("GET", "/windows/{id}", r.window_endpoint, "One window with its phases", "window", params=(Param("id", "programme.window (sun_es.F1) or a SUN-ES window (F1)", where="path"), _ON, _ALT), errors=(404, 422)),
        Endpoint("POST", "/compute/{computation}", r.compute_endpoint, "Run a computation of the conformance kit", "computation", body=("application/json",), params=(Param("computation", "its name (sons.ttc; see GET /version)", where="path"), _RULES, _EXPLAIN, _LANG), errors=(400, 404, 413, 415, 422, 503)),
        Endpoint("POST", "/simulate", r.simulate_endpoint, "Simulate an establishment's SUN-ES application", "simulation-result", body=_JSON_TOML, body_schema="simulation", params=(Param("illustrative", "use the illustrative assumption sets", kind="boolean"), _EXPLAIN, _LANG), errors=(400, 413, 415, 422, 503)),
        Endpoint("POST", "/indicators", r.indicators_endpoint, "SUN-ES indicators from uploaded stay and document logs", "indicators", body=_MULTIPART, params=(Param("window", "funding window (default F1)", enum=("F1", "F2", "F3", "F4")), Param("illustrative", "illustrative parameters and targets (NOT official)", kind="boolean"), Param("exclusions", "false: do not list what does not count", kind="boolean")), errors=(400, 413, 415, 422, 503)),
        Endpoint("POST", "/documents/audit", documents_audit_endpoint, "Verdict of every uploaded CDA R2 document (counts for an indicator, or why not)", "document-audit", body=_MULTIPART, params=(Param("window", "funding window (default F1)", enum=("F1", "F2", "F3", "F4")), Param("illustrative", "illustrative parameters and targets (NOT official)", kind="boolean"), Param("test_ins_as_qualified", "count test INS roots as qualified (vendor tests)", kind="boolean")), errors=(400, 413, 415, 422, 503)),
        Endpoint("POST", "/verify", r.verify_endpoint, "Run conformance scenarios", "verification", body=(*_MULTIPART, *_JSON_TOML), errors=(400, 413, 415, 422, 503)),
    ]  # fmt: skip
    if ics:
        ics_params = (
            Param("programme", "only this programme"),
            Param("lang", "language", enum=("fr", "en")),
            _ALT,
        )
        table.insert(7, Endpoint("GET", "/calendar.ics", r.calendar_ics_endpoint, "The calendar as iCalendar", None, params=ics_params, media="text/calendar"))  # fmt: skip
    return tuple(table)


async def explorer_endpoint(request: Request) -> Response:
    """``GET /explorer/{path}``: a page of the rule explorer (HTML), or its stylesheet.

    The pages come from :func:`segur_numerique.explorer.serve`, the same function that builds
    the static explorer of the docs; a page is rendered once per rule set, in a thread (the
    first rule page runs the shipped scenarios to find which computations read each value).
    """
    path = request.path_params.get("path", "")
    if path in ("", "/"):
        return RedirectResponse(f"/explorer/{INDEX}")
    rules = state_of(request).rules
    page = await run_in_threadpool(serve_page, path, rules=rules)
    if page is None:
        return _problem_response(
            http_problem(404, instance=request.url.path, detail=f"no explorer page {path!r}"), 404
        )
    media_type, body = page
    return Response(body, media_type=media_type)


def explorer_routes() -> list[BaseRoute]:
    """The routes of the rule explorer's HTML pages (``/explorer/...``, French and English)."""
    return [
        Route("/explorer", explorer_endpoint, methods=["GET"]),
        Route("/explorer/{path:path}", explorer_endpoint, methods=["GET"]),
    ]


def _problem_response(problem: dict[str, JsonValue], status: int) -> Response:
    return Response(dump(problem), status_code=status, media_type=PROBLEM_MEDIA_TYPE)


async def _segur_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SegurError)
    problem = error_problem(exc, instance=request.url.path)
    return _problem_response(problem, int(str(problem["status"])))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    problem = http_problem(exc.status_code, instance=request.url.path)
    headers = dict(exc.headers or {})
    response = _problem_response(problem, exc.status_code)
    response.headers.update(headers)
    return response


async def _unexpected(request: Request, exc: Exception) -> Response:
    incident = uuid.uuid4().hex[:12]
    LOG.error("incident %s on %s %s", incident, request.method, request.url.path, exc_info=exc)
    return _problem_response(internal_problem(incident, instance=request.url.path), 500)


def create_app(
    *,
    rules: RuleSet | None = None,
    limits: Limits | None = None,
    cors_origins: Sequence[str] = (),
) -> Starlette:
    """The ASGI application serving ``rules`` (default: the official rules).

    Args:
        rules: the rule set (e.g. overlaid with a parameter file); the illustrative sets of
            ``?rules=illustrative`` are always the shipped ones over the official rules.
        limits: the request limits (default :class:`Limits()`).
        cors_origins: the origins allowed to call from a browser (CORS is off when empty).
    """
    chosen = rules if rules is not None else load_rules()
    limits = limits if limits is not None else Limits()
    ics = importlib.util.find_spec("icalendar") is not None
    table = endpoints(ics=ics)
    routes: list[BaseRoute] = [Route(e.path, e.handler, methods=[e.method]) for e in table]
    middleware = []
    if cors_origins:
        middleware.append(
            Middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"], allow_headers=["Content-Type"])
        )  # fmt: skip
    app = Starlette(
        routes=routes + explorer_routes(),
        middleware=middleware,
        exception_handlers={
            SegurError: _segur_error,
            HTTPException: _http_error,
            Exception: _unexpected,
        },
    )
    illustrative = illustrative_assumptions() if rules is None else chosen
    app.state.segur = ServerState(
        chosen,
        illustrative,
        StaticDocuments(chosen),
        ComputationCache({"official": chosen, "illustrative": illustrative}),
        limits,
        ThreadRunner(threads=limits.max_threads, seconds=limits.timeout_seconds),
    )
    formats = sorted(
        str(s["properties"]["format"]["const"])
        for s in schemas().values()
        if "const" in s.get("properties", {}).get("format", {})
    )
    app.state.version_document = dump(
        {
            "format": "segur_numerique.server-version/v1",
            "version": __version__,
            "formats": formats,
            "computations": list(computations()),
        }
    )
    app.state.openapi_document = dump(openapi_document(table, version=__version__))
    return app


__all__ = ["create_app", "endpoints", "explorer_routes", "state_of"]
