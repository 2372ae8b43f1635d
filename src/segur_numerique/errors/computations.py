"""Errors about computation inputs: batches, allocations, scenarios, grids, counts.

Part of :mod:`segur_numerique.errors`, which re-exports every class: import them from there.
"""

from __future__ import annotations

from segur_numerique.errors.base import InvalidInputError


class BatchInputError(InvalidInputError):
    """A table of establishments is malformed: a missing column, a bad type or a bad value."""


class AllocationError(InvalidInputError):
    """An allocation cannot be made: bad weights, shares or caps (says what and where)."""


class ScenarioError(InvalidInputError):
    """A scenario file is malformed (``where`` names the file and the path inside it)."""


class UnknownComputationError(ScenarioError):
    """No computation has this name (``suggestions`` holds the nearest names).

    Attributes:
        name: the name asked for.
        suggestions: the nearest known names, best first (possibly empty).
    """

    def __init__(
        self, name: str, *, suggestions: tuple[str, ...] = (), where: str | None = None
    ) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"unknown computation {name!r}{hint} (see `segur-numerique verify --list`)",
            where=where,
        )


class CeilingRangeError(InvalidInputError):
    """A supplied band ceiling lies outside the range the sources give."""


class IndicatorCountError(InvalidInputError):
    """A numerator or denominator is impossible (negative, not an integer, numerator > denominator)."""


class DegressionError(InvalidInputError):
    """Supplied degression coefficients rise from one window to a later one."""


class ForfaitGridError(InvalidInputError):
    """A supplied forfait grid is malformed (bounds not increasing, activity outside the grid)."""
