"""The e-parcours calendar: no windows, deadlines only (rules digest, e-parcours §7 [docs: explanation/rules/e-parcours]).

Besides the submission deadlines (``e_parcours.deadline.<name>``), the latest date to reach the
usage targets lives with the e-parcours funding data (``e_parcours.payment.usage_latest``).
"""

from __future__ import annotations

from segur_numerique.calendar.programmes import Programme
from segur_numerique.core.text import Text

CALENDAR = Programme(
    "e_parcours",
    Text(fr="Programme e-parcours", en="e-parcours programme"),
    extra_deadlines=("e_parcours.payment.usage_latest",),
)
"""e-parcours: deadlines only."""

CALENDARS: tuple[Programme, ...] = (CALENDAR,)
"""The calendars of this package, collected by :mod:`segur_numerique.calendars`."""
