"""Inclusive periods of dates (``du 1er septembre au 31 octobre``), a rule-value type."""

from __future__ import annotations

import datetime as dt

import attrs

from segur_numerique.core.values import JsonValue
from segur_numerique.errors import InvalidInputError


@attrs.frozen
class Period:
    """An inclusive period of dates (``du 1er septembre au 31 octobre``).

    >>> Period(dt.date(2021, 1, 1), dt.date(2023, 12, 31)).days
    1095
    """

    start: dt.date
    end: dt.date

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInputError(
                f"ends ({self.end}) before it starts ({self.start})", where="period"
            )

    @property
    def days(self) -> int:
        """The number of days, both ends included."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def render(self, lang: str) -> str:
        """``2021-01-01 → 2023-12-31``."""
        return f"{self.start.isoformat()} → {self.end.isoformat()}"

    def to_json(self) -> dict[str, JsonValue]:
        """``{"type": "period", "start": ..., "end": ...}``."""
        return {"type": "period", "start": self.start.isoformat(), "end": self.end.isoformat()}
