"""iCalendar (.ics, RFC 5545) export of windows and deadlines, for calendar applications.

Uses the ``icalendar`` package (optional extra ``ics``: ``pip install segur-numerique[ics]``),
imported only when an export is asked for.

* Each phase of a window is an all-day event. RFC 5545 all-day events end on an *exclusive*
  ``DTEND``, exactly the library's half-open :attr:`~segur_numerique.calendar.Phase.stop`.
* Each deadline is an all-day event on its last day, or, for a deadline with a time, an event at
  that instant written with ``TZID=Europe/Paris``.
* Every event has a stable ``UID`` (so a re-import updates instead of duplicating), and its
  description gives the status and the sources of its dates.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable
from typing import Any

from segur_numerique.calendar.deadlines import PARIS, Deadline
from segur_numerique.calendar.windows import Window
from segur_numerique.core.explanation import ParameterRead
from segur_numerique.core.text import Lang, check_lang
from segur_numerique.errors import OptionalDependencyError

PRODID = "-//segur_numerique//calendar//FR"
"""The ``PRODID`` of exported calendars."""
UID_DOMAIN = "segur-numerique"
"""The right-hand side of every event ``UID``."""
_DTSTAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
# A fixed DTSTAMP keeps exports byte-for-byte reproducible (the data, not the clock, decides).


def _icalendar() -> Any:
    try:
        return importlib.import_module("icalendar")
    except ImportError:
        raise OptionalDependencyError("icalendar", "ics") from None


def _describe(reads: Iterable[ParameterRead], lang: Lang) -> str:
    lines = []
    for read in reads:
        cites = "; ".join(s.url or s.title for s in read.sources)
        alt = f" ({read.alternative})" if read.alternative else ""
        lines.append(f"{read.key}{alt}: {read.status.label().in_(lang)} — {cites}")
    return "\n".join(lines)


def _phase_events(w: Window, lang: Lang) -> list[Any]:
    icalendar = _icalendar()
    events = []
    for phase in w.phases:
        event = icalendar.Event()
        event.add("uid", f"{w.programme}.{w.name}.{phase.kind.value}@{UID_DOMAIN}")
        event.add("summary", f"{w.name} — {phase.kind.label().in_(lang)}")
        event.add("dtstart", phase.start)
        event.add("dtend", phase.stop)
        event.add("dtstamp", _DTSTAMP)
        event.add("categories", [w.programme])
        event.add("transp", "TRANSPARENT")
        event.add("description", _describe(phase.reads, lang))
        events.append(event)
    return events


def _deadline_event(d: Deadline, lang: Lang, alternative: str | None) -> Any:
    icalendar = _icalendar()
    version = d.as_known_on(alternative=alternative)
    event = icalendar.Event()
    event.add("uid", f"{d.key}@{UID_DOMAIN}")
    event.add("summary", d.label.in_(lang))
    due = version.due
    if isinstance(due, dt.datetime):
        start = due.astimezone(PARIS)
        event.add("dtstart", start)
        event.add("dtend", start)
    else:
        event.add("dtstart", due)
        event.add("dtend", due + dt.timedelta(days=1))
    event.add("dtstamp", _DTSTAMP)
    event.add("categories", [d.programme, "deadline"])
    event.add("description", _describe((d.read(alternative=alternative),), lang))
    return event


def build_ics(
    groups: Iterable[tuple[Iterable[Window], Iterable[Deadline]]],
    *,
    lang: Lang = "fr",
    alternative: str | None = None,
) -> bytes:
    """An .ics calendar with, for each group in order, its windows' phases and its deadlines.

    The public entry point, by programme id, is :func:`segur_numerique.calendars.to_ics`.

    Raises:
        OptionalDependencyError: ``icalendar`` is not installed.
    """
    lang = check_lang(lang)
    icalendar = _icalendar()
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Ségur numérique")
    for found, deadlines in groups:
        for w in found:
            for event in _phase_events(w, lang):
                cal.add_component(event)
        for d in deadlines:
            cal.add_component(_deadline_event(d, lang, alternative))
    data: bytes = cal.to_ical()
    return data
