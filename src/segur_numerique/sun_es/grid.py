"""The SUN-ES forfait grid and its degression, as integer cents (rules digest, SUN-ES §2.4 [docs: explanation/rules/sun-es]).

The grid and the degression are **unknown** (no public source), and so read with
:meth:`RuleSet.read` (a :class:`MissingParameterError` names whatever the caller has not
supplied):

- ``sun_es.forfait_grid.band_count`` and ``sun_es.forfait_grid.band.<n>.activity_from``: the
  activity bands (band *n* applies from its ``activity_from``, inclusive, to the next band's);
- ``sun_es.forfait_grid.<row>.band.<n>``: the window-1 forfait of a domain in band *n* (row:
  ``discharge_documents``, ``biology``, ``imaging``, ``secure_messaging``; see :func:`grid_row`);
- ``sun_es.degression.<window>``: the coefficient applied to the window-1 forfait in a window
  (validated: never higher in a later window);
- ``sun_es.cro_bonus.band.<n>``: the window-1 CRO bonus in band *n*.

**Vectorisable core.** :class:`ForfaitGrid` holds the band bounds and, per domain and window,
the degressed forfait of each band in integer cents (:meth:`ForfaitGrid.cents_table`): a batch
path computes a column of forfaits as ``table[searchsorted(bounds, activity, "right") - 1]``,
with the same integers as the one-by-one path (:func:`~segur_numerique.sun_es.forfait`, which
uses the same table).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Final

import attrs

from segur_numerique.core.explanation import Explanation, ParameterRead
from segur_numerique.core.money import Euro
from segur_numerique.core.text import capped
from segur_numerique.errors import (
    DegressionError,
    ForfaitGridError,
    InvalidInputError,
    MissingParameterError,
)
from segur_numerique.rules.model import ReadRecorder, RuleSet
from segur_numerique.sun_es.domains import Domain

SUN_ES_WINDOWS: Final = ("F1", "F2", "F3", "F4")
"""The four SUN-ES volet 1 windows (fenêtres), in order (rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es])."""

FORFAIT_DOMAINS: Final = tuple(d for d in Domain if d is not Domain.CRO_BONUS)
"""The domains with a forfait: the three of volet 1, and volet 2 as one domain (rules digest, SUN-ES §2.4 [docs: explanation/rules/sun-es])."""


CRO_BONUS_ROW: Final = "cro_bonus"
"""The grid row of the compte rendu opératoire bonus (keys ``sun_es.cro_bonus.band.<n>``)."""


def grid_row(domain: Domain | str) -> str:
    """The grid row of a domain (its :attr:`~Domain.id`); ``"cro_bonus"`` for the CRO bonus.

    >>> grid_row("volet1.biology"), grid_row("cro_bonus")
    ('biology', 'cro_bonus')
    """
    return Domain.parse(domain).id


def row_key(row: str, band: int) -> str:
    """The rule key of a grid row's window-1 amount in band ``band`` (1-based)."""
    if row == CRO_BONUS_ROW:
        return f"sun_es.cro_bonus.band.{band}"
    return f"sun_es.forfait_grid.{row}.band.{band}"


def check_window(window: str, *, where: str = "window") -> str:
    """``window`` if it is a SUN-ES window id (``F1`` to ``F4``); else a typed error."""
    if window not in SUN_ES_WINDOWS:
        raise InvalidInputError(
            f"unknown SUN-ES window {window!r}; expected one of {', '.join(SUN_ES_WINDOWS)}",
            where=where,
        )
    return window


def _degress_cents(cents: int, coefficient: Fraction) -> int:
    """``cents × coefficient`` rounded half up to the cent, in integers (cents ≥ 0)."""
    num, den = coefficient.numerator, coefficient.denominator
    return (2 * cents * num + den) // (2 * den)


_BAND_KEY = re.compile(r"sun_es\.forfait_grid\.(?:[a-z_]+\.)?band\.(\d+)(?:\.|$)")


def _check_no_band_beyond(rules: RuleSet, count: int) -> None:
    """Refuse a supplied band value whose band number is above ``band_count`` (a silent typo)."""
    beyond = sorted(
        key
        for key in rules.values
        if (found := _BAND_KEY.match(key)) is not None and int(found[1]) > count
    )
    if beyond:
        raise ForfaitGridError(
            f"band_count is {count}, but values are given for bands beyond it: {capped(beyond)}",
            where="sun_es.forfait_grid.band_count",
        )


@attrs.frozen
class ForfaitGrid:
    """The SUN-ES forfait grid and degression, as integer cents (the vectorisable core).

    Attributes:
        activity_from: the lower bound (inclusive) of each activity band, strictly increasing.
        amounts: per grid row (:func:`grid_row`), the window-1 amount of each band, in cents.
        degression: per window, the coefficient applied to the window-1 amounts.
        reads: the rule values read to build the grid (for explanations).

    >>> grid = ForfaitGrid(
    ...     (0, 1000),
    ...     {"imaging": (10_000_00, 20_000_00)},
    ...     {"F1": Fraction(1), "F2": Fraction(9, 10)},
    ... )
    >>> grid.cents_table("imaging", "F2")
    (900000, 1800000)
    >>> grid.forfait_cents(1500, "imaging", "F2")
    1800000
    """

    activity_from: tuple[int, ...]
    amounts: Mapping[str, tuple[int, ...]]
    degression: Mapping[str, Fraction]
    reads: tuple[ParameterRead, ...] = ()

    def __attrs_post_init__(self) -> None:
        bounds = self.activity_from
        if not bounds or bounds[0] < 0 or any(b <= a for a, b in itertools.pairwise(bounds)):
            raise ForfaitGridError(
                f"band bounds must be non-negative and strictly increasing, got {bounds}",
                where="sun_es.forfait_grid.band.*.activity_from",
            )
        for name, row in self.amounts.items():
            if len(row) != len(bounds) or any(c < 0 for c in row):
                raise ForfaitGridError(
                    f"needs {len(bounds)} non-negative amounts, got {row}",
                    where=f"sun_es.forfait_grid.{name}",
                )
        previous: tuple[str, Fraction] | None = None
        for window in SUN_ES_WINDOWS:
            if window not in self.degression:
                continue
            coefficient = self.degression[window]
            if not 0 <= coefficient <= 1:
                raise DegressionError(
                    f"a coefficient must lie in [0, 1], got {coefficient}",
                    where=f"sun_es.degression.{window}",
                )
            if previous is not None and coefficient > previous[1]:
                raise DegressionError(
                    f"the forfait would rise from {previous[0]} ({previous[1]}) to {window} "
                    f"({coefficient}); funding is degressive (rules digest, SUN-ES §2.4 [docs: explanation/rules/sun-es])",
                    where=f"sun_es.degression.{window}",
                )
            previous = (window, coefficient)

    @classmethod
    def from_rules(
        cls,
        rules: RuleSet,
        *,
        domains: Sequence[Domain | str] = FORFAIT_DOMAINS,
        cro_bonus: bool = False,
        on: dt.date | None = None,
    ) -> ForfaitGrid:
        """Read the grid rows of ``domains`` (and of the CRO bonus if asked) and the degression.

        Every window's coefficient that the caller supplied is read and checked (degression);
        window F1's coefficient is required.

        Raises:
            MissingParameterError: a band bound, an amount or the F1 coefficient is not supplied.
            DegressionError, ForfaitGridError: the supplied values are inconsistent.
        """
        recorder = ReadRecorder(rules, on)
        read = recorder.read_as
        count = read("sun_es.forfait_grid.band_count", int)
        if count < 1:
            raise ForfaitGridError(
                "needs at least one band", where="sun_es.forfait_grid.band_count"
            )
        _check_no_band_beyond(rules, count)
        bands = range(1, count + 1)
        bounds = tuple(
            int(read(f"sun_es.forfait_grid.band.{n}.activity_from", object))  # type: ignore[call-overload]
            for n in bands
        )
        amounts: dict[str, tuple[int, ...]] = {}
        rows = [grid_row(d) for d in domains] + ([CRO_BONUS_ROW] if cro_bonus else [])
        for row in dict.fromkeys(rows):
            amounts[row] = tuple(read(row_key(row, n), Euro).cents for n in bands)
        degression: dict[str, Fraction] = {}
        for window in SUN_ES_WINDOWS:
            key = f"sun_es.degression.{window}"
            if window == "F1" or rules.is_supplied(key):
                degression[window] = read(key, Fraction)
        return cls(bounds, amounts, degression, tuple(recorder.reads))

    def band(self, activity: int) -> int:
        """The 0-based band of ``activity`` (a typed error below the first band)."""
        if isinstance(activity, bool) or not isinstance(activity, int) or activity < 0:
            raise InvalidInputError(
                f"the 2019 combined activity must be a non-negative int, got {activity!r}",
                where="activity",
            )
        index = bisect.bisect_right(self.activity_from, activity) - 1
        if index < 0:
            raise ForfaitGridError(
                f"activity {activity} is below the first band ({self.activity_from[0]})",
                where="activity",
            )
        return index

    def coefficient(self, window: str) -> Fraction:
        """The degression coefficient of ``window`` (a typed error if it was not supplied)."""
        check_window(window)
        if window not in self.degression:
            raise MissingParameterError(
                f"sun_es.degression.{window}", needed_for=f"the forfait of window {window}"
            )
        return self.degression[window]

    def cents_table(self, domain: Domain | str, window: str) -> tuple[int, ...]:
        """The forfait of each band in ``window``, integer cents, degressed and rounded half up.

        ``domain`` may also be ``"cro_bonus"``. This table is all a batch path needs.
        """
        name = grid_row(domain)
        if name not in self.amounts:
            raise InvalidInputError(f"the grid was not read for {name!r}", where="domain")
        coefficient = self.coefficient(window)
        return tuple(_degress_cents(c, coefficient) for c in self.amounts[name])

    def forfait_cents(self, activity: int, domain: Domain | str, window: str) -> int:
        """One forfait in cents (same table as :meth:`cents_table`)."""
        return self.cents_table(domain, window)[self.band(activity)]

    def forfait_cents_column(
        self, activities: Sequence[int], domain: Domain | str, window: str
    ) -> list[int]:
        """A column of forfaits in cents: the pure-Python reference of the batch lookup."""
        table = self.cents_table(domain, window)
        return [table[self.band(a)] for a in activities]


def _name_of(value: object) -> str | None:
    if isinstance(value, str):
        return value
    name = getattr(value, "name", None)
    return name if isinstance(name, str) else None


def forfait_window(
    chosen: str, reassigned_to: object = None
) -> tuple[str, tuple[Explanation, ...]]:
    """The window whose forfait applies, and the explanation of the reassignment if any.

    ``chosen`` is the (checked) window applied to. ``reassigned_to``, after a missed deadline,
    is a window id (``"F2"``) or a :class:`~segur_numerique.sun_es.Reassignment` (from
    :func:`~segur_numerique.sun_es.reassign`): its ``forfait_window`` (or ``window``) applies and its
    explanation becomes a step of the forfait's. The new window is never an earlier one.

    >>> forfait_window("F1", "F3")
    ('F3', ())
    """
    if reassigned_to is None:
        return chosen, ()
    effective, steps = _reassigned_window(reassigned_to, chosen)
    if SUN_ES_WINDOWS.index(effective) < SUN_ES_WINDOWS.index(chosen):
        raise InvalidInputError(
            f"a reassignment moves to a later window than {chosen}, got {effective}",
            where="reassigned_to",
        )
    return effective, steps


def _reassigned_window(reassignment: object, chosen: str) -> tuple[str, tuple[Explanation, ...]]:
    """The window a reassignment names (``reassignment`` as in :func:`forfait_window`)."""
    if isinstance(reassignment, str):
        return check_window(reassignment, where="reassigned_to"), ()
    original = _name_of(getattr(reassignment, "original", None))
    if original is not None and original != chosen:
        raise InvalidInputError(
            f"the reassignment starts from window {original}, not {chosen}",
            where="reassigned_to.original",
        )
    for attribute in ("forfait_window", "window", "new_window", "to_window"):
        if not hasattr(reassignment, attribute):
            continue
        target = getattr(reassignment, attribute)
        if target is None:
            raise InvalidInputError(
                "the reassignment leaves no window: there is no forfait to compute",
                where=f"reassigned_to.{attribute}",
            )
        name = _name_of(target)
        if name is not None:
            explanation = getattr(reassignment, "explanation", None)
            children = (explanation,) if isinstance(explanation, Explanation) else ()
            return check_window(name, where=f"reassigned_to.{attribute}"), children
    raise InvalidInputError(f"cannot read a window from {reassignment!r}", where="reassigned_to")
