"""Errors about windows, phases, deadlines and programmes.

Part of :mod:`segur_numerique.errors`, which re-exports every class: import them from there.
"""

from __future__ import annotations

from segur_numerique.errors.base import InvalidInputError, SegurError


class UnknownDeadlineError(InvalidInputError):
    """No deadline has this key (the error lists close keys)."""


class UnknownWindowError(SegurError, KeyError):
    """No window of the programme has this name.

    Attributes:
        name: the name asked for.
        programme: the programme searched.
        suggestions: close names.
    """

    def __init__(self, name: str, *, programme: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.programme = programme
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"programme {programme!r} has no window {name!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class DateOrderError(InvalidInputError):
    """A period ends before it starts."""


class PhaseLayoutError(InvalidInputError):
    """The phases of one window overlap, leave a gap, or repeat a kind."""


class ReadyDateError(InvalidInputError):
    """A ready date (the date an establishment can reach its targets) is before the programme."""


class UnknownProgrammeError(SegurError, KeyError):
    """No programme of the catalogue has this key.

    Attributes:
        key: the key asked for.
        suggestions: the closest programme keys.
    """

    def __init__(self, key: str, *, suggestions: tuple[str, ...] = ()) -> None:
        self.key = key
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown programme {key!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])
