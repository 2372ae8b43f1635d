"""The typed errors of the library.

Every error says *what* is wrong and *where* (a field, a row, a column, a file and the path of a
value inside it). All of them derive from :class:`SegurError`; errors about bad input also derive
from :class:`ValueError`, so that callers who only know the standard library can still catch them.
"""

from __future__ import annotations


class SegurError(Exception):
    """Base class of every error raised by ``segur_numerique``."""


class InvalidInputError(SegurError, ValueError):
    """An input value is impossible or malformed.

    Attributes:
        what: what is wrong, in one sentence.
        where: the field, row, column or path of the bad value (``None`` when the value stands alone).
    """

    def __init__(self, what: str, *, where: str | None = None) -> None:
        self.what = what
        self.where = where
        super().__init__(f"{where}: {what}" if where else what)


class InputFileError(InvalidInputError):
    """A file (or a request body) cannot be read, decoded or parsed.

    Attributes:
        file: the file (or a name standing for it); ``None`` when unknown.
        location: ``file`` and ``where`` together, e.g. ``p.toml: line 3, column 1``.
    """

    def __init__(self, what: str, *, file: str | None = None, where: str | None = None) -> None:
        self.file = file
        self.location = ": ".join(part for part in (file, where) if part) or None
        super().__init__(what, where=self.location)
        self.where = where


class OutputFileError(InputFileError):
    """An output file cannot be written (it exists, its folder is missing, the disk is full...)."""


class FloatRefusedError(InvalidInputError, TypeError):
    """A binary float was given where an exact amount or rate is required."""


class AmountFormatError(InvalidInputError):
    """A euro amount could not be read, or is not exact to the cent."""


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
