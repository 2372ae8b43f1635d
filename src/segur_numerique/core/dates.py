"""Month arithmetic with an explicit month-end policy.

``31 August + 6 months`` has no answer (there is no 31 February): :func:`add_months` raises
:class:`AmbiguousDateError` unless a :class:`MonthEndPolicy` is named, like Catala's
``AbortOnRound`` / ``RoundDown`` / ``RoundUp``. Month addition is not associative, so dates built
from an anchor are each computed from the anchor, never by chaining.
"""

from __future__ import annotations

import datetime as dt
import enum

from dateutil.relativedelta import relativedelta

from segur_numerique.core.validators import check_date
from segur_numerique.core.values import format_date
from segur_numerique.errors import AmbiguousDateError, InvalidInputError


class MonthEndPolicy(enum.Enum):
    """What to do when adding months lands on a day the month does not have.

    Modelled on Catala's date rounding (``AbortOnRound``, ``RoundDown``, ``RoundUp``).
    """

    ABORT_ON_ROUND = "abort_on_round"
    """Raise :class:`AmbiguousDateError` (the default: nothing is guessed)."""
    ROUND_DOWN = "round_down"
    """Take the last day of the month (31 Aug + 6 months = 28 or 29 Feb), like ``relativedelta``."""
    ROUND_UP = "round_up"
    """Take the first day of the next month (31 Aug + 6 months = 1 Mar)."""


def add_months(
    day: dt.date,
    months: int,
    *,
    policy: MonthEndPolicy = MonthEndPolicy.ABORT_ON_ROUND,
    where: str = "date",
) -> dt.date:
    """``day`` plus ``months`` months (negative to go back), with an explicit month-end policy.

    >>> add_months(dt.date(2021, 9, 1), 10)
    datetime.date(2022, 7, 1)
    >>> add_months(dt.date(2021, 8, 31), 6)
    Traceback (most recent call last):
    ...
    segur_numerique.errors.AmbiguousDateError: date: 2021-08-31 + 6 months is ambiguous (February 2022 has no day 31); name a MonthEndPolicy (ROUND_DOWN or ROUND_UP)
    >>> add_months(dt.date(2021, 8, 31), 6, policy=MonthEndPolicy.ROUND_DOWN)
    datetime.date(2022, 2, 28)
    >>> add_months(dt.date(2021, 8, 31), 6, policy=MonthEndPolicy.ROUND_UP)
    datetime.date(2022, 3, 1)
    """
    check_date(day, where=where)
    if isinstance(months, bool) or not isinstance(months, int):
        raise InvalidInputError(f"expected a whole number of months, got {months!r}", where=where)
    if not isinstance(policy, MonthEndPolicy):
        raise InvalidInputError(f"expected a MonthEndPolicy, got {policy!r}", where="policy")
    clamped: dt.date = day + relativedelta(months=months)
    if clamped.day == day.day:
        return clamped
    if policy is MonthEndPolicy.ROUND_DOWN:
        return clamped
    if policy is MonthEndPolicy.ROUND_UP:
        return clamped + dt.timedelta(days=1)
    month = format_date(clamped, "en").split(" ", 1)[1]
    raise AmbiguousDateError(
        f"{day.isoformat()} {'+' if months >= 0 else '-'} {abs(months)} months is ambiguous "
        f"({month} has no day {day.day}); name a MonthEndPolicy (ROUND_DOWN or ROUND_UP)",
        where=where,
    )
