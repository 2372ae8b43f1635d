"""Run a blocking library call off the event loop, a bounded number at once, within a deadline.

The library is synchronous and CPU-bound: each computation runs in a worker thread (at most
:attr:`~segur_numerique.server.limits.Limits.max_threads` at once, the others wait), so that
the event loop keeps accepting and answering requests. Past
:attr:`~segur_numerique.server.limits.Limits.timeout_seconds` the request is answered with a 503
problem; Python cannot stop a running thread, so the abandoned call finishes in the background
and its result is dropped (the thread limit still counts it, so a flood of slow requests cannot
start unbounded work).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

import anyio
import anyio.to_thread

from segur_numerique.errors import RequestTimeoutError

_T = TypeVar("_T")


class Runner(Protocol):
    """Run ``func`` in a worker thread within the time limit; its result."""

    async def __call__(self, func: Callable[[], _T], /, *, where: str = ...) -> _T:
        """Run ``func``."""
        ...


class ThreadRunner:
    """The :class:`Runner` of one application: a thread limiter and a time limit."""

    def __init__(self, *, threads: int, seconds: float) -> None:
        self.limiter = anyio.CapacityLimiter(threads)
        self.seconds = seconds

    async def __call__(self, func: Callable[[], _T], /, *, where: str = "request") -> _T:
        """Run ``func``; :class:`RequestTimeoutError` past the time limit."""
        try:
            with anyio.fail_after(self.seconds):
                return await anyio.to_thread.run_sync(
                    func, limiter=self.limiter, abandon_on_cancel=True
                )
        except TimeoutError:
            raise RequestTimeoutError(self.seconds, where=where) from None
