"""What one application holds: the rule sets, the cached documents, the limits and the runner.

Everything here is immutable after :func:`~segur_numerique.server.app.create_app` (the server is
stateless between requests: no request changes what another one sees).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs
from starlette.requests import Request

from segur_numerique.core.inputs import parse_json, parse_toml, read_text
from segur_numerique.core.text import Lang, check_lang
from segur_numerique.core.validators import parse_iso_date
from segur_numerique.errors import InvalidInputError, UnsupportedMediaTypeError
from segur_numerique.rules.model import RuleSet
from segur_numerique.rules.parameters import parse_parameter_text
from segur_numerique.server.documents import ComputationCache, StaticDocuments
from segur_numerique.server.execution import ThreadRunner
from segur_numerique.server.limits import Limits
from segur_numerique.server.uploads import media_type, read_body

JSON_TYPES = frozenset({"application/json"})
TOML_TYPES = frozenset({"application/toml", "text/toml", "text/x-toml"})


@attrs.frozen
class ServerState:
    """The application's state (``request.app.state.segur``)."""

    rules: RuleSet
    illustrative: RuleSet
    documents: StaticDocuments
    computations: ComputationCache
    limits: Limits
    run: ThreadRunner

    def rules_choice(self, request: Request) -> str:
        """The rule set a ``?rules=official|illustrative`` query asks for (default official)."""
        choice = request.query_params.get("rules", "official")
        if choice in ("official", "illustrative"):
            return choice
        raise InvalidInputError(
            f"expected official or illustrative, got {choice!r}", where="query rules"
        )

    def with_parameters(self, base: RuleSet, text: object, *, accept_broken_sums: bool) -> RuleSet:
        """``base`` overlaid with a parameter document given as TOML text in a request."""
        if not isinstance(text, str):
            raise InvalidInputError("expected the parameter file's TOML text", where="parameters")
        overlay = parse_parameter_text(text, file="parameters")
        return base.with_overlay(overlay, accept_broken_sums=accept_broken_sums)


def state_of(request: Request) -> ServerState:
    """The :class:`ServerState` of the application serving ``request``."""
    found: ServerState = request.app.state.segur
    return found


def flag(request: Request, name: str, default: bool) -> bool:
    """A boolean query parameter: ``true``/``false`` (``1``/``0``); absent gives ``default``."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise InvalidInputError(f"expected true or false, got {raw!r}", where=f"query {name}")


def date_query(request: Request, name: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` query parameter (``None`` when absent)."""
    raw = request.query_params.get(name)
    return None if raw is None else parse_iso_date(raw, f"query {name}")


def lang_query(request: Request) -> Lang | None:
    """The ``?lang=fr|en`` query parameter (``None`` when absent)."""
    raw = request.query_params.get("lang")
    return None if raw is None else check_lang(raw)


def check_media_type(request: Request, *, toml: bool = False) -> str:
    """The request's media type if the endpoint reads it (JSON, and TOML if ``toml``).

    Raises:
        UnsupportedMediaTypeError: another media type.
    """
    kind = media_type(request)
    accepted = JSON_TYPES | (TOML_TYPES if toml else frozenset())
    if kind not in accepted and not kind.endswith("+json"):
        raise UnsupportedMediaTypeError(
            f"expected {' or '.join(sorted(accepted))}, got {kind or 'no media type'}",
            where="Content-Type",
        )
    return kind


def parse_body(request: Request, data: bytes, *, toml: bool = False) -> Any:
    """A body already read, decoded and parsed (JSON, or TOML if ``toml`` and so declared).

    Raises:
        UnsupportedMediaTypeError: another media type.
        InputFileError: the body is not UTF-8, or malformed (the line and column named).
    """
    kind = check_media_type(request, toml=toml)
    text = read_text(data, what="request body", name="request body", max_bytes=len(data))
    if kind in TOML_TYPES:
        return parse_toml(text, where="request body")
    return parse_json(text, where="request body")


async def document_body(request: Request, limits: Limits, *, toml: bool = False) -> Any:
    """The request's JSON (or, if ``toml``, TOML) body, read within the limit and parsed.

    Raises:
        UnsupportedMediaTypeError: another media type (before the body is read).
        RequestTooLargeError: the body is over :attr:`Limits.max_body_bytes`.
        InputFileError: the body is not UTF-8, or malformed (the line and column named).
    """
    check_media_type(request, toml=toml)
    return parse_body(request, await read_body(request, limits.max_body_bytes), toml=toml)


def json_object(data: Any, where: str) -> Mapping[str, Any]:
    """``data`` if it is a JSON object, else a typed error."""
    if not isinstance(data, Mapping):
        raise InvalidInputError(f"expected a JSON object, got {type(data).__name__}", where=where)
    return data
