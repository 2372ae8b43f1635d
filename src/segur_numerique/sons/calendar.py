"""The SONS calendar: no windows, deadlines only (keys ``sons...deadline.<name>``, rules digest, SONS §3 [docs: explanation/rules/sons])."""

from __future__ import annotations

from segur_numerique.calendar.programmes import Programme
from segur_numerique.core.text import Text

CALENDAR = Programme(
    "sons",
    Text(
        fr="SONS (financement de l'équipement, achat pour compte)",
        en="SONS (equipment funding paid to vendors)",
    ),
)
"""SONS: deadlines only."""

CALENDARS: tuple[Programme, ...] = (CALENDAR,)
"""The calendars of this package, collected by :mod:`segur_numerique.calendars`."""
