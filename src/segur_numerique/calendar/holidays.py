"""French public holidays (jours fériés) and working days (jours ouvrés), with their legal basis.

Computed here from :func:`dateutil.easter.easter` rather than taken from the ``holidays``
package: ``holidays`` caps ``python-dateutil<3`` and so would cap every user of this library.
``holidays`` stays a test oracle: the tests check that both agree on every day of the supported
range, Alsace-Moselle included.

Scope: metropolitan France, with the Alsace-Moselle option (Bas-Rhin, Haut-Rhin, Moselle), for
the years :data:`FIRST_YEAR` to :data:`LAST_YEAR`, the period in which the current list of
holidays applies (8 May restored by loi n° 81-893 du 2 octobre 1981). A working day (jour ouvré)
is a Monday to Friday that is not a public holiday. Pentecost Monday counts as a public holiday
except in 2005-2007, when loi n° 2004-626 made it the *journée de solidarité*; loi n° 2008-351
restored it to the list while letting employers work it (rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es]: deadlines are French legal
dates, so the legal list is used).
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs
from dateutil.easter import EASTER_WESTERN, easter

from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_date
from segur_numerique.errors import InvalidInputError

FIRST_YEAR = 1982
"""First year supported: loi n° 81-893 du 2 octobre 1981 made 8 May a public holiday again."""
LAST_YEAR = 2100
"""Last year supported (the range checked against the ``holidays`` package)."""

_CODE_DU_TRAVAIL = "Code du travail, art. L3133-1"
_ALSACE_MOSELLE = "Code du travail, art. L3134-13 (Alsace-Moselle)"


@attrs.frozen
class Holiday:
    """A public holiday (jour férié): its date, name and legal basis.

    Attributes:
        day: the date.
        name: the name in French and English.
        legal_basis: the text that makes it a public holiday.
    """

    day: dt.date
    name: Text
    legal_basis: str

    def to_json(self) -> dict[str, object]:
        """The holiday as a JSON object."""
        return {
            "date": self.day.isoformat(),
            "name": self.name.to_json(),
            "legal_basis": self.legal_basis,
        }


def _check_year(year: int, where: str) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidInputError(f"expected a year, got {year!r}", where=where)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInputError(
            f"year {year} is outside the supported range {FIRST_YEAR}-{LAST_YEAR} "
            "(the range in which the current list of French public holidays applies)",
            where=where,
        )
    return year


def _check_day(day: object, where: str) -> dt.date:
    checked = check_date(day, where=where)
    _check_year(checked.year, where)
    return checked


@functools.cache
def _holidays(year: int, alsace_moselle: bool) -> tuple[Holiday, ...]:
    easter_sunday = easter(year, EASTER_WESTERN)
    days: list[Holiday] = [
        Holiday(
            dt.date(year, 1, 1), Text(fr="Jour de l'an", en="New Year's Day"), _CODE_DU_TRAVAIL
        ),
        Holiday(
            easter_sunday + dt.timedelta(days=1),
            Text(fr="Lundi de Pâques", en="Easter Monday"),
            _CODE_DU_TRAVAIL,
        ),
        Holiday(dt.date(year, 5, 1), Text(fr="Fête du Travail", en="Labour Day"), _CODE_DU_TRAVAIL),
        Holiday(
            dt.date(year, 5, 8),
            Text(fr="Fête de la Victoire", en="Victory Day"),
            f"{_CODE_DU_TRAVAIL}; loi n° 81-893 du 2 octobre 1981",
        ),
        Holiday(
            easter_sunday + dt.timedelta(days=39),
            Text(fr="Ascension", en="Ascension Day"),
            _CODE_DU_TRAVAIL,
        ),
    ]
    if year not in {2005, 2006, 2007}:
        days.append(
            Holiday(
                easter_sunday + dt.timedelta(days=50),
                Text(fr="Lundi de Pentecôte", en="Whit Monday"),
                f"{_CODE_DU_TRAVAIL}; loi n° 2008-351 du 16 avril 2008 (absent 2005-2007, "
                "loi n° 2004-626 du 30 juin 2004)",
            )
        )
    days += [
        Holiday(
            dt.date(year, 7, 14), Text(fr="Fête nationale", en="National Day"), _CODE_DU_TRAVAIL
        ),
        Holiday(dt.date(year, 8, 15), Text(fr="Assomption", en="Assumption Day"), _CODE_DU_TRAVAIL),
        Holiday(dt.date(year, 11, 1), Text(fr="Toussaint", en="All Saints' Day"), _CODE_DU_TRAVAIL),
        Holiday(dt.date(year, 11, 11), Text(fr="Armistice", en="Armistice Day"), _CODE_DU_TRAVAIL),
        Holiday(dt.date(year, 12, 25), Text(fr="Noël", en="Christmas Day"), _CODE_DU_TRAVAIL),
    ]
    if alsace_moselle:
        days += [
            Holiday(
                easter_sunday - dt.timedelta(days=2),
                Text(fr="Vendredi saint", en="Good Friday"),
                _ALSACE_MOSELLE,
            ),
            Holiday(
                dt.date(year, 12, 26),
                Text(fr="Saint-Étienne", en="St Stephen's Day"),
                _ALSACE_MOSELLE,
            ),
        ]
    return tuple(sorted(days, key=lambda h: h.day))


@functools.cache
def _holiday_days(year: int, alsace_moselle: bool) -> frozenset[dt.date]:
    return frozenset(h.day for h in _holidays(year, alsace_moselle))


@attrs.frozen
class FrenchCalendar:
    """The French legal calendar: public holidays and working days (jours ouvrés).

    Attributes:
        alsace_moselle: add Good Friday and 26 December (Bas-Rhin, Haut-Rhin, Moselle). Good
            Friday is legally a holiday only in communes with a Protestant temple or a mixed
            church; like most calendars, this option applies it to the whole area.

    >>> cal = FrenchCalendar()
    >>> [h.name.fr for h in cal.holidays(2022)][:3]
    ["Jour de l'an", 'Lundi de Pâques', 'Fête du Travail']
    >>> cal.is_working_day(dt.date(2022, 7, 14)), cal.is_working_day(dt.date(2022, 7, 15))
    (False, True)
    >>> FrenchCalendar(alsace_moselle=True).is_holiday(dt.date(2022, 12, 26))
    True
    """

    alsace_moselle: bool = attrs.field(default=False, kw_only=True)

    @property
    def name(self) -> Text:
        """The calendar's name."""
        if self.alsace_moselle:
            return Text(
                fr="jours fériés de France (Alsace-Moselle)",
                en="French public holidays (Alsace-Moselle)",
            )
        return Text(
            fr="jours fériés de France métropolitaine", en="French public holidays (mainland)"
        )

    def holidays(self, year: int) -> tuple[Holiday, ...]:
        """The public holidays of ``year``, in date order."""
        return _holidays(_check_year(year, "year"), self.alsace_moselle)

    def holiday(self, day: dt.date) -> Holiday | None:
        """The public holiday on ``day``, if any."""
        _check_day(day, "day")
        return next((h for h in _holidays(day.year, self.alsace_moselle) if h.day == day), None)

    def is_holiday(self, day: dt.date) -> bool:
        """Whether ``day`` is a public holiday."""
        _check_day(day, "day")
        return day in _holiday_days(day.year, self.alsace_moselle)

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day (jour ouvré: Monday to Friday, not a holiday)."""
        _check_day(day, "day")
        return day.weekday() < 5 and day not in _holiday_days(day.year, self.alsace_moselle)

    def working_days(self, after: dt.date, until: dt.date) -> int:
        """The number of working days in ``(after, until]``: after ``after``, up to ``until`` included.

        Negative when ``until`` is before ``after`` (the working days in ``(until, after]``, counted
        negatively), so that ``working_days(a, b) == -working_days(b, a)``.

        >>> FrenchCalendar().working_days(dt.date(2022, 6, 24), dt.date(2022, 6, 30))
        4
        """
        _check_day(after, "after")
        _check_day(until, "until")
        if until < after:
            return -self.working_days(until, after)
        # A loop over at most a few thousand days: simpler and clearly correct (no rrule needed).
        count = 0
        day = after + dt.timedelta(days=1)
        while day <= until:
            if self.is_working_day(day):
                count += 1
            day += dt.timedelta(days=1)
        return count

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``days`` ≥ 1).

        >>> FrenchCalendar().add_working_days(dt.date(2025, 4, 30), 5)
        datetime.date(2025, 5, 9)
        """
        _check_day(start, "start")
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise InvalidInputError(f"expected a whole number ≥ 1, got {days!r}", where="days")
        day = start
        while days:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                days -= 1
        return day
