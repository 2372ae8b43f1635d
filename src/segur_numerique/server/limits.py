"""The limits of the HTTP server: body, upload, CDA and log sizes, files, time per request.

Every limit is checked while the request is read (the body is counted as it streams in, never
trusted from ``Content-Length`` alone), and a request over a limit is refused with HTTP 413 (or
503 for the time limit), an ``application/problem+json`` document naming the limit
(docs/reference/http-api.md lists them).
"""

from __future__ import annotations

import attrs

from segur_numerique.errors import InvalidInputError

MIB = 1024 * 1024


def _positive_int(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidInputError(f"expected a positive integer, got {value!r}", where=attribute.name)


def _non_negative_int(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(f"expected an integer ≥ 0, got {value!r}", where=attribute.name)


def _positive_seconds(_instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise InvalidInputError(
            f"expected a positive number of seconds, got {value!r}", where=attribute.name
        )


@attrs.frozen
class Limits:
    """What one request may hold and how long it may run.

    Attributes:
        max_body_bytes: a JSON or TOML request body (``/compute``, ``/simulate``, ``/verify``).
        max_upload_bytes: a whole multipart upload (every file and field of ``/indicators``).
        max_cda_bytes: one uploaded CDA document (the documents audit).
        max_files: the files of one multipart upload.
        max_rows: the rows of one uploaded log (CSV lines, or Parquet rows).
        timeout_seconds: the time one computation may take; past it the request gets a 503.
        max_threads: the computations running at once (the others wait their turn).
        inline_body_bytes: a ``/compute`` body at most this long is computed on the event loop
            rather than in a worker thread (the hand-over to a thread costs more than such a
            computation: docs/explanation/performance-server.md); ``0`` sends every one to a
            thread, within the time limit.

    >>> Limits().max_body_bytes
    1048576
    >>> Limits(max_rows=0)
    Traceback (most recent call last):
    ...
    segur_numerique.errors.InvalidInputError: max_rows: expected a positive integer, got 0
    """

    max_body_bytes: int = attrs.field(default=1 * MIB, validator=_positive_int)
    max_upload_bytes: int = attrs.field(default=64 * MIB, validator=_positive_int)
    max_cda_bytes: int = attrs.field(default=5 * MIB, validator=_positive_int)
    max_files: int = attrs.field(default=16, validator=_positive_int)
    max_rows: int = attrs.field(default=2_000_000, validator=_positive_int)
    timeout_seconds: float = attrs.field(default=30.0, validator=_positive_seconds)
    max_threads: int = attrs.field(default=8, validator=_positive_int)
    inline_body_bytes: int = attrs.field(default=2048, validator=_non_negative_int)
