"""The endpoints: each reads its query and body, calls the library, sends its JSON document.

A handler raises the library's typed errors; :mod:`segur_numerique.server.app` turns them into
problems. A name in the path that names nothing (a computation, a rule key, a window) is a 404.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from segur_numerique.core.values import JsonValue
from segur_numerique.errors import (
    InvalidInputError,
    MissingParameterError,
    SegurError,
    UnknownComputationError,
    UnknownProgrammeError,
    UnknownRuleError,
    UnknownWindowError,
    UnsupportedMediaTypeError,
)
from segur_numerique.kit.registry import find_computation
from segur_numerique.kit.verify import verification_document, verify_paths
from segur_numerique.rules.parameters import load_parameter_file
from segur_numerique.server.documents import dump
from segur_numerique.server.problems import PROBLEM_MEDIA_TYPE, error_problem
from segur_numerique.server.state import (
    JSON_TYPES,
    TOML_TYPES,
    check_media_type,
    date_query,
    document_body,
    flag,
    json_object,
    lang_query,
    state_of,
)
from segur_numerique.server.uploads import (
    UploadField,
    Uploads,
    body_as_upload,
    call_with_uploads,
    media_type,
    read_body,
)
from segur_numerique.sun_es.cases import parse_case
from segur_numerique.sun_es.logs.compute import indicators_from_logs
from segur_numerique.sun_es.logs.counts import LogParameters
from segur_numerique.sun_es.logs.document import indicators_document
from segur_numerique.sun_es.report import report
from segur_numerique.sun_es.simulation import simulate
from segur_numerique.sun_es.targets import WINDOWS

JSON = "application/json"


def json_response(content: bytes, status: int = 200) -> Response:
    """An ``application/json`` response of already encoded bytes."""
    return Response(content, status_code=status, media_type=JSON)


def not_found(error: SegurError, request: Request) -> Response:
    """The 404 problem of a path that names nothing."""
    problem = error_problem(error, instance=request.url.path, status=404)
    return Response(dump(problem), status_code=404, media_type=PROBLEM_MEDIA_TYPE)


async def rules_endpoint(request: Request) -> Response:
    """``GET /rules``: every rule value, its versions, sources and statuses (``?as_known_on=``)."""
    return json_response(
        state_of(request).documents.rules_document(date_query(request, "as_known_on"))
    )


async def rule_endpoint(request: Request) -> Response:
    """``GET /rules/{key}``: one rule value with every version (``?as_known_on=``)."""
    on = date_query(request, "as_known_on")
    try:
        return json_response(state_of(request).documents.rule(request.path_params["key"], on))
    except (UnknownRuleError, MissingParameterError) as exc:
        return not_found(exc, request)


async def unknowns_endpoint(request: Request) -> Response:
    """``GET /unknowns``: the values nobody could source, which a caller supplies."""
    return json_response(state_of(request).documents.unknowns())


async def calendar_endpoint(request: Request) -> Response:
    """``GET /calendar``: windows and deadlines (``?programme=&on=&alternative=``)."""
    q = request.query_params
    doc = state_of(request).documents.calendar(
        q.get("programme"), date_query(request, "on"), q.get("alternative")
    )
    return json_response(doc)


async def calendar_ics_endpoint(request: Request) -> Response:
    """``GET /calendar.ics``: the same as iCalendar (``?programme=&lang=&alternative=``)."""
    q = request.query_params
    lang = lang_query(request) or "fr"
    data = state_of(request).documents.calendar_ics(q.get("programme"), lang, q.get("alternative"))
    return Response(data, media_type="text/calendar")


async def window_endpoint(request: Request) -> Response:
    """``GET /windows/{id}``: one window with its phases (``sun_es.F1``, ``F1``...)."""
    on = date_query(request, "as_known_on")
    alternative = request.query_params.get("alternative")
    try:
        doc = state_of(request).documents.window(request.path_params["id"], on, alternative)
    except (UnknownWindowError, UnknownProgrammeError) as exc:
        return not_found(exc, request)
    return json_response(doc)


async def compute_endpoint(request: Request) -> Response:
    """``POST /compute/{computation}``: the inputs of a scenario, as a JSON object."""
    state = state_of(request)
    name = request.path_params["computation"]
    try:
        find_computation(name, where="compute")
    except UnknownComputationError as exc:
        return not_found(exc, request)
    explain, lang = flag(request, "explain", True), lang_query(request)
    choice = state.rules_choice(request)
    check_media_type(request)
    body = await read_body(request, state.limits.max_body_bytes)
    if len(body) <= state.limits.inline_body_bytes:  # a small input: cheaper than a thread hop
        return json_response(state.computations.cached(name, choice, explain, lang, body))
    doc = await state.run(
        lambda: state.computations.compute(name, choice, explain, lang, body),
        where=f"compute {name}",
    )
    return json_response(doc)


_SIMULATE_KEYS = frozenset({"simulation", "parameters", "accept_broken_sums"})


async def simulate_endpoint(request: Request) -> Response:
    """``POST /simulate``: an establishment file as JSON or TOML, or ``{simulation, parameters}``."""
    state = state_of(request)
    explain, lang = flag(request, "explain", True), lang_query(request)
    body = json_object(await document_body(request, state.limits, toml=True), "request body")
    case, parameters, accept = body, None, False
    if "format" not in body:
        extra = sorted(set(body) - _SIMULATE_KEYS)
        if extra or "simulation" not in body:
            raise InvalidInputError(
                "expected a simulation file (format segur_numerique.simulation/v1) or "
                f"{{simulation, parameters?, accept_broken_sums?}}; unexpected {extra or 'shape'}",
                where="request body",
            )
        case = json_object(body["simulation"], "simulation")
        parameters, accept = body.get("parameters"), body.get("accept_broken_sums", False)
        if not isinstance(accept, bool):
            raise InvalidInputError("expected true or false", where="accept_broken_sums")

    def run() -> bytes:
        given = parse_case(case, where="simulation")
        illustrative = flag(request, "illustrative", False) or given.rules == "illustrative"
        rules = state.illustrative if illustrative else state.rules
        if parameters is not None:
            rules = state.with_parameters(rules, parameters, accept_broken_sums=accept)
        sim = simulate(given.case, rules=rules)
        doc: dict[str, JsonValue] = sim.to_json()
        if not explain:
            doc["explanation"] = None
        if lang is not None:
            text = report(sim, lang, sample=given.illustrative)
            doc["text"] = text + ("\n\n" + sim.explanation.render(lang) if explain else "")
        return dump(doc)

    return json_response(await state.run(run, where="simulate"))


def _log_fields(max_rows: bool = True) -> tuple[UploadField, ...]:
    return (
        UploadField("stays", (".csv", ".parquet"), rows=max_rows),
        UploadField("documents", (".csv", ".parquet"), rows=max_rows),
        UploadField("parameters", (".toml",), required=False),
    )


async def indicators_endpoint(request: Request) -> Response:
    """``POST /indicators``: multipart ``stays``, ``documents`` logs (and ``parameters``)."""
    state = state_of(request)
    window = request.query_params.get("window")
    if window is not None and window not in WINDOWS:
        raise InvalidInputError(
            f"expected one of {', '.join(WINDOWS)}, got {window!r}", where="query window"
        )
    exclusions = flag(request, "exclusions", True)
    base = state.illustrative if flag(request, "illustrative", False) else state.rules

    def run(uploads: Uploads) -> bytes:
        rules = base
        parameters = uploads.one("parameters")
        if parameters is not None:
            rules = load_parameter_file(parameters, base=base)
        chosen = window or "F1"
        result = indicators_from_logs(
            uploads.one("stays"),
            uploads.one("documents"),
            LogParameters.from_rules(rules, chosen),
            exclusions=exclusions,
        )
        doc = indicators_document(result, rules, chosen, window_defaulted=window is None)
        return without_folder(dump(doc), uploads)

    return json_response(
        await call_with_uploads(request, state.limits, _log_fields(), state.run, run)
    )


def without_folder(content: bytes, uploads: Uploads) -> bytes:
    """``content`` with the per-request folder removed from the paths it names (``stays-0.csv``)."""
    return content.replace(f"{uploads.folder}/".encode(), b"")


_SCENARIO_FIELDS = (UploadField("scenarios", (".toml", ".json"), many=True),)


async def verify_endpoint(request: Request) -> Response:
    """``POST /verify``: scenario files (multipart ``scenarios``), or one as a TOML/JSON body."""
    state = state_of(request)

    def run(uploads: Uploads) -> bytes:
        saved = uploads.files["scenarios"]
        doc = verification_document(verify_paths([s.path for s in saved]))
        doc["files"] = [{"saved": s.path.name, "name": s.client_name} for s in saved]
        return without_folder(dump(doc), uploads)

    if media_type(request) == "multipart/form-data":
        return json_response(
            await call_with_uploads(request, state.limits, _SCENARIO_FIELDS, state.run, run)
        )
    kind = media_type(request)
    if kind not in TOML_TYPES and kind not in JSON_TYPES:
        raise UnsupportedMediaTypeError(
            f"expected multipart/form-data, application/toml or application/json, got "
            f"{kind or 'no media type'}",
            where="Content-Type",
        )
    data = await read_body(request, state.limits.max_body_bytes)
    suffix = ".json" if kind in JSON_TYPES else ".toml"

    def run_body() -> bytes:
        with body_as_upload(data, "scenarios", suffix) as uploads:
            return run(uploads)

    return json_response(await state.run(run_body, where="verify"))
