"""Errors as ``application/problem+json`` documents (RFC 9457), one mapping for every endpoint.

A typed library error (:mod:`segur_numerique.errors`) becomes a problem with the RFC's members —
``type``, ``title``, ``status``, ``detail``, ``instance`` — and the library's own: ``error`` (the
class name), ``what`` and ``where`` when the error has them, ``key``, ``suggestions`` or
``limit`` when it names them. ``type`` is ``urn:segur-numerique:problem:<ClassName>``: stable, one
per error class (docs/reference/http-api.md lists them). An unexpected exception becomes a 500
problem with an id that the server's log repeats, never a traceback.
"""

from __future__ import annotations

import http
import re
import tempfile

from segur_numerique.core.values import JsonValue
from segur_numerique.errors import (
    InputFileError,
    InvalidInputError,
    OptionalDependencyError,
    RequestTimeoutError,
    RequestTooLargeError,
    SegurError,
    UnsupportedMediaTypeError,
)

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:segur-numerique:problem:"

_STATUSES: tuple[tuple[type[SegurError], int], ...] = (
    (RequestTooLargeError, 413),
    (UnsupportedMediaTypeError, 415),
    (RequestTimeoutError, 503),
    (InputFileError, 400),
    (OptionalDependencyError, 501),
)
"""The first class an error is an instance of gives its status; any other typed error is 422."""

UNPROCESSABLE = 422

_UPLOAD_FOLDER = re.compile(re.escape(tempfile.gettempdir()) + r"/segur-upload-[^/\s]+/")


def _public(text: str) -> str:
    """``text`` without the server's per-request upload folder (``stays-0.csv``, not a path).

    >>> import os
    >>> _public(os.path.join(tempfile.gettempdir(), "segur-upload-ab1", "stays-0.csv") + ": row 2")
    'stays-0.csv: row 2'
    """
    return _UPLOAD_FOLDER.sub("", text)


def status_for(error: SegurError) -> int:
    """The HTTP status of a typed error: 413, 415, 503, 400 (unreadable body), 501, else 422.

    >>> from segur_numerique.errors import MissingParameterError
    >>> status_for(MissingParameterError("sun_es.target.F1.dmp"))
    422
    >>> status_for(InputFileError("not JSON", file="body"))
    400
    """
    return next((status for kind, status in _STATUSES if isinstance(error, kind)), UNPROCESSABLE)


def _title(error: SegurError) -> str:
    doc = type(error).__doc__ or type(error).__name__
    return doc.strip().splitlines()[0].rstrip(".").replace("``", "")


def _extras(error: SegurError) -> dict[str, JsonValue]:
    out: dict[str, JsonValue] = {}
    if isinstance(error, InvalidInputError):
        out["what"] = _public(error.what)
        out["where"] = None if error.where is None else _public(error.where)
    elif isinstance(getattr(error, "where", None), str):
        out["where"] = _public(getattr(error, "where", ""))
    for name in ("key", "file", "path", "limit"):
        value = getattr(error, name, None)
        if isinstance(value, str):
            out[name] = _public(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            out[name] = value
    suggestions = getattr(error, "suggestions", None)
    if isinstance(suggestions, tuple):
        out["suggestions"] = [str(s) for s in suggestions]
    return out


def error_problem(
    error: SegurError, *, instance: str, status: int | None = None
) -> dict[str, JsonValue]:
    """The problem document of a typed error (``status`` overrides :func:`status_for`).

    >>> from segur_numerique.errors import UnknownComputationError
    >>> doc = error_problem(
    ...     UnknownComputationError("sons.tcc"), instance="/compute/sons.tcc", status=404
    ... )
    >>> doc["type"], doc["status"], doc["error"]
    ('urn:segur-numerique:problem:UnknownComputationError', 404, 'UnknownComputationError')
    """
    code = status if status is not None else status_for(error)
    return {
        "type": PROBLEM_TYPE_PREFIX + type(error).__name__,
        "title": _title(error),
        "status": code,
        "detail": _public(str(error)),
        "instance": instance,
        "error": type(error).__name__,
        **_extras(error),
    }


def http_problem(status: int, *, instance: str, detail: str | None = None) -> dict[str, JsonValue]:
    """A problem for an HTTP-level error (unknown path, method not allowed): type ``about:blank``.

    >>> http_problem(405, instance="/rules")["title"]
    'Method Not Allowed'
    """
    phrase = http.HTTPStatus(status).phrase
    return {
        "type": "about:blank",
        "title": phrase,
        "status": status,
        "detail": detail or phrase,
        "instance": instance,
    }


def internal_problem(incident: str, *, instance: str) -> dict[str, JsonValue]:
    """The 500 problem of an unexpected exception: no traceback, the id the log line carries."""
    return {
        "type": PROBLEM_TYPE_PREFIX + "InternalError",
        "title": "Internal server error",
        "status": 500,
        "detail": f"an unexpected error occurred; it was logged as incident {incident} "
        "(please report it with this id)",
        "instance": instance,
        "incident": incident,
    }
