"""Errors about rule data, rule reads, caller parameters and what-if overrides.

Part of :mod:`segur_numerique.errors`, which re-exports every class: import them from there.
"""

from __future__ import annotations

from segur_numerique.errors.base import InvalidInputError, SegurError


class RuleDataError(SegurError, ValueError):
    """A rule-data or parameter file is malformed.

    Attributes:
        file: the file (or a name standing for it).
        path: the path of the bad value inside the file, e.g. ``parameters."x".values[0].status``.
        problem: what is wrong.
    """

    def __init__(self, problem: str, *, file: str, path: str = "") -> None:
        self.file = file
        self.path = path
        self.problem = problem
        super().__init__(f"{file}: {path}: {problem}" if path else f"{file}: {problem}")


class UnknownRuleError(SegurError, KeyError):
    """No rule value has this key (a typo, or a value the library does not know at all)."""

    def __init__(self, key: str, *, suggestions: tuple[str, ...] = ()) -> None:
        self.key = key
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown rule value {key!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


class MissingParameterError(SegurError, LookupError):
    """A computation needs a value nobody could source and the caller did not supply it.

    Attributes:
        key: the key of the missing parameter, as it must appear in a caller parameter file.
    """

    def __init__(self, key: str, *, needed_for: str | None = None) -> None:
        self.key = key
        self.needed_for = needed_for
        why = f" (needed for {needed_for})" if needed_for else ""
        super().__init__(
            f"parameter {key!r} is unknown (no official source was found){why}; supply it in a "
            "caller parameter file (see the how-to 'Supply the unknown values')"
        )


class NotYetKnownError(MissingParameterError):
    """A rule value was read as known on a day before its first version.

    Attributes:
        on: the day asked for; first: the day of the first version.
    """

    def __init__(self, key: str, *, on: str, first: str) -> None:
        self.key = key
        self.needed_for = None
        self.on = on
        self.first = first
        LookupError.__init__(
            self, f"rule value {key!r}: no version known on {on}; the first is since {first}"
        )


class ConflictingValueError(SegurError, LookupError):
    """A conflicting rule value was read with an alternative that does not exist."""


class BrokenSumError(RuleDataError):
    """A merged rule set's parts no longer add up to their whole.

    ``file`` is the file or what-if that changed a value of the check (the check's own file for
    official data), ``path`` the changed value; :attr:`result` (a
    :class:`~segur_numerique.rules.sums.SumCheckResult`) holds every figure.
    """

    def __init__(self, message: str, *, result: object, file: str, path: str) -> None:
        self.result = result
        super().__init__(message, file=file, path=path)


class OverrideError(InvalidInputError):
    """An override is malformed or does not fit the rule set (``where`` is its path)."""


class ComparisonError(SegurError):
    """A computation failed under one of the two rule sets (it names which, and why)."""
