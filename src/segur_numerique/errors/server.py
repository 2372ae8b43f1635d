"""Errors of the HTTP server's request limits.

Part of :mod:`segur_numerique.errors`, which re-exports every class: import them from there.
"""

from __future__ import annotations

from segur_numerique.errors.base import InvalidInputError, SegurError


class RequestTooLargeError(InvalidInputError):
    """A request body, an uploaded file or a log is larger than the server accepts (HTTP 413).

    Attributes:
        limit: the limit exceeded (bytes, rows or files, as ``what`` says).
    """

    def __init__(self, what: str, *, limit: int, where: str | None = None) -> None:
        self.limit = limit
        super().__init__(what, where=where)


class UnsupportedMediaTypeError(InvalidInputError):
    """A request body or an upload has a media type or file kind the endpoint does not read (415)."""


class RequestTimeoutError(SegurError):
    """A request took longer than the server's time limit, ``seconds`` (HTTP 503)."""

    def __init__(self, seconds: float, *, where: str) -> None:
        self.seconds = seconds
        self.where = where
        super().__init__(f"{where}: the computation took longer than {seconds:g} s (the limit)")
