"""The SONS calendar: no windows, deadlines only (keys ``sons...deadline.<name>``, rules digest, SONS §3 [docs: explanation/rules/sons])."""

from __future__ import annotations

from segur_numerique.calendar.programmes import CalendarProgramme
from segur_numerique.core.text import Text

CALENDAR = CalendarProgramme(
    "sons",
    Text(
        fr="SONS (financement de l'équipement, achat pour compte)",
        en="SONS (equipment funding paid to vendors)",
    ),
)
"""SONS: deadlines only."""

CALENDARS: tuple[CalendarProgramme, ...] = (CALENDAR,)
"""The calendars of this package, collected by :mod:`segur_numerique.calendars`."""
