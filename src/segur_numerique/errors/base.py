"""Roots of the hierarchy and errors about single input values (amounts, dates, units, choices, FINESS).

Part of :mod:`segur_numerique.errors`, which re-exports every class: import them from there.
"""

from __future__ import annotations

PUBLIC_MODULE = "segur_numerique.errors"
"""The module every error class reports (tracebacks, doctests, ``repr`` of the class, pickling)."""


class SegurError(Exception):
    """Base class of every error raised by ``segur_numerique``.

    The classes are defined in the modules of :mod:`segur_numerique.errors` (one per topic) and
    all report that package as their module, where they are imported from:

    >>> InvalidInputError.__module__
    'segur_numerique.errors'
    """

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__module__.startswith(PUBLIC_MODULE + "."):
            cls.__module__ = PUBLIC_MODULE


SegurError.__module__ = PUBLIC_MODULE


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


class OptionalDependencyError(SegurError, ImportError):
    """An optional extra is needed (``pip install segur-numerique[<extra>]``)."""

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f'this feature needs the {package!r} package: pip install "segur-numerique[{extra}]"'
        )


class NaiveDatetimeError(InvalidInputError):
    """A datetime without a time zone was given where the time zone matters."""


class AmbiguousDateError(InvalidInputError):
    """Month arithmetic fell on a missing day (31 August + 6 months) and no policy was named."""


class UnitMismatchError(InvalidInputError):
    """Quantities of different dimensions were mixed (a rate per inhabitant times stays)."""


class UnknownUnitError(InvalidInputError):
    """A unit name that the registry does not define."""


class UnknownChoiceError(InvalidInputError):
    """A value is not one of a closed set (a legal status, an activity, a couloir...).

    Attributes:
        allowed: the accepted values.
    """

    def __init__(self, what: str, *, allowed: tuple[str, ...], where: str | None = None) -> None:
        self.allowed = allowed
        super().__init__(f"{what}; allowed values: {', '.join(allowed)}", where=where)


class InvalidFinessError(InvalidInputError):
    """A FINESS number is malformed (length, département code or characters)."""


class CentsOverflowError(InvalidInputError, OverflowError):
    """A column of cents would leave the int64 range: refused rather than wrapped around."""
