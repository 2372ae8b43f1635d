"""Every programme's calendar, collected: the registry and the functions by programme id.

Each programme package defines its own calendar (SUN-ES, SONS, e-parcours, ESMS numérique: a
constant ``CALENDARS`` in the package); this module, above the programme packages, collects them into :data:`CALENDAR_PROGRAMMES` and offers the
look-ups by programme id (windows, deadlines, iCalendar export, timeline plot).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from segur_numerique.calendar.deadlines import Deadline, programme_deadlines
from segur_numerique.calendar.ics import build_ics
from segur_numerique.calendar.on_time import days_left
from segur_numerique.calendar.programmes import (
    Programme,
    WindowPhase,
    find_programme,
    find_window,
    first_after,
    phases_on,
)
from segur_numerique.calendar.timeline import draw_timeline
from segur_numerique.calendar.windows import Phase, Window
from segur_numerique.core.outputs import write_atomically
from segur_numerique.core.text import Lang, check_lang
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import JsonValue
from segur_numerique.e_parcours import calendar as e_parcours_calendar
from segur_numerique.errors import MissingParameterError, SegurError
from segur_numerique.esms_numerique import calendar as esms_numerique_calendar
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet
from segur_numerique.sons import calendar as sons_calendar
from segur_numerique.sun_es import calendar as sun_es_calendar

_CALENDAR_MODULES = (sun_es_calendar, sons_calendar, e_parcours_calendar, esms_numerique_calendar)

CALENDAR_FORMAT = "segur_numerique.calendar/v1"
"""The ``format`` field of :func:`calendar_json`."""

CALENDAR_PROGRAMMES: Mapping[str, Programme] = {
    prog.id: prog for module in _CALENDAR_MODULES for prog in module.CALENDARS
}
"""The programmes with a calendar, by id."""


def calendar_programme(name: str) -> Programme:
    """The programme called ``name``.

    >>> calendar_programme("sun_es").title.en
    'SUN-ES volet 1 (Ségur usage funding for health establishments)'
    >>> calendar_programme("sunes")
    Traceback (most recent call last):
    ...
    segur_numerique.errors.UnknownProgrammeError: unknown programme 'sunes'; did you mean sun_es, sons?
    """
    return find_programme(CALENDAR_PROGRAMMES, name)


def windows(
    programme_id: str = "sun_es",
    *,
    rules: RuleSet | None = None,
    as_known_on: dt.date | None = None,
    alternative: str | None = None,
) -> tuple[Window, ...]:
    """The windows of a programme, in date order, built from the rule data.

    Args:
        programme_id: ``"sun_es"`` (volet 1, F1-F4), ``"sun_es_volet2"`` (dates unknown: supply
            them in a parameter file), ``"esms_numerique"`` (amorçage, généralisation); ``"sons"``
            and ``"e_parcours"`` have deadlines only (see :func:`deadlines`).
        rules: the rule set (default: the official data).
        as_known_on: read every date as known on this day (default: the latest).
        alternative: for conflicting dates, the named alternative to use where it is offered
            (``"idf"``: F1's targets deadline of 30 September 2022).

    >>> [w.name for w in windows()]
    ['F1', 'F2', 'F3', 'F4']
    >>> windows()[0].deadline, windows(alternative="idf")[0].deadline
    (datetime.date(2022, 6, 30), datetime.date(2022, 9, 30))

    Raises:
        UnknownProgrammeError: no such programme.
        MissingParameterError: the programme's dates are unknown (SUN-ES volet 2).
        ConflictingValueError: ``alternative`` is offered by none of the dates read.
    """
    prog = calendar_programme(programme_id)
    return prog.windows(rules=rules, as_known_on=as_known_on, alternative=alternative)


def window(
    name: str,
    programme_id: str = "sun_es",
    *,
    rules: RuleSet | None = None,
    as_known_on: dt.date | None = None,
    alternative: str | None = None,
) -> Window:
    """The window called ``name`` (see :func:`windows` for the arguments).

    >>> window("F2").applications.period.render("en")
    '2022-03-01 → 2022-04-30'
    >>> window("F5")
    Traceback (most recent call last):
    ...
    segur_numerique.errors.UnknownWindowError: programme 'sun_es' has no window 'F5'; did you mean F4, F3, F2?
    """
    found = windows(programme_id, rules=rules, as_known_on=as_known_on, alternative=alternative)
    return find_window(found, name, programme_id)


def windows_on(
    day: dt.date,
    programme_id: str = "sun_es",
    *,
    rules: RuleSet | None = None,
    as_known_on: dt.date | None = None,
    alternative: str | None = None,
) -> tuple[WindowPhase, ...]:
    """Which windows are in which phase on ``day`` (windows overlap, so there may be several).

    >>> [(wp.window.name, wp.phase.kind.value) for wp in windows_on(dt.date(2022, 4, 15))]
    [('F1', 'realisation'), ('F2', 'candidature')]
    """
    check_date(day, where="day")
    check_date(day, where="day")
    found = windows(programme_id, rules=rules, as_known_on=as_known_on, alternative=alternative)
    return phases_on(found, day)


def phase_of(
    window_or_name: str | Window,
    day: dt.date,
    *,
    programme_id: str = "sun_es",
    rules: RuleSet | None = None,
    alternative: str | None = None,
) -> Phase | None:
    """The phase of a window on ``day`` (``None`` before it opens or after it ends).

    >>> phase_of("F1", dt.date(2022, 4, 15)).kind
    <PhaseKind.REALISATION: 'realisation'>
    >>> phase_of("F4", dt.date(2022, 4, 15)) is None
    True
    """
    w = (
        window_or_name
        if isinstance(window_or_name, Window)
        else window(window_or_name, programme_id, rules=rules, alternative=alternative)
    )
    return w.phase_on(day)


def next_window(
    day: dt.date,
    programme_id: str = "sun_es",
    *,
    rules: RuleSet | None = None,
    as_known_on: dt.date | None = None,
    alternative: str | None = None,
) -> Window | None:
    """The next window to open after ``day`` (``None`` when no window opens later).

    >>> next_window(dt.date(2022, 4, 15)).name
    'F3'
    >>> next_window(dt.date(2023, 3, 1)) is None
    True
    """
    check_date(day, where="day")
    check_date(day, where="day")
    found = windows(programme_id, rules=rules, as_known_on=as_known_on, alternative=alternative)
    return first_after(found, day)


def deadlines(programme_id: str, *, rules: RuleSet | None = None) -> tuple[Deadline, ...]:
    """The deadlines of a programme (keys ``<programme>...deadline.<name>``), by due date.

    SUN-ES window deadlines are part of the windows (:func:`~segur_numerique.calendars.windows`).

    >>> [d.key for d in deadlines("e_parcours")]
    ['e_parcours.deadline.dac_submission', 'e_parcours.deadline.collectifs_submission', 'e_parcours.payment.usage_latest']
    """
    return programme_deadlines(calendar_programme(programme_id), rules=rules)


def to_ics(
    programmes: Iterable[str] | None = None,
    *,
    lang: Lang = "fr",
    rules: RuleSet | None = None,
    alternative: str | None = None,
) -> bytes:
    """The windows and deadlines of ``programmes`` (default: every one whose dates are known) as .ics.

    >>> import icalendar
    >>> cal = icalendar.Calendar.from_ical(to_ics(["sun_es"]))
    >>> sorted(str(e["uid"]) for e in cal.walk("VEVENT"))[:2]
    ['sun_es.F1.candidature@segur-numerique', 'sun_es.F1.instruction@segur-numerique']

    Raises:
        OptionalDependencyError: ``icalendar`` is not installed.
    """
    lang = check_lang(lang)
    rules = rules if rules is not None else load_rules()
    chosen = (
        list(programmes)
        if programmes is not None
        else [p.id for p in CALENDAR_PROGRAMMES.values() if p.dates_known]
    )
    groups = [
        (
            windows(p, rules=rules, alternative=_alt_for(p, alternative, rules)),
            deadlines(p, rules=rules),
        )
        for p in chosen
    ]
    return build_ics(groups, lang=lang, alternative=alternative)


def _alt_for(programme_id: str, alternative: str | None, rules: RuleSet) -> str | None:
    """Pass ``alternative`` only to the programmes that offer it."""
    if alternative is None:
        return None
    try:
        windows(programme_id, rules=rules, alternative=alternative)
    except SegurError:
        return None
    return alternative


def write_ics(
    path: str | Path,
    programmes: Iterable[str] | None = None,
    *,
    lang: Lang = "fr",
    rules: RuleSet | None = None,
    alternative: str | None = None,
    force: bool = True,
) -> Path:
    """Write :func:`to_ics` to ``path`` atomically (never a truncated file); return the path.

    Raises:
        OutputFileError: the file exists and ``force`` is false, or it cannot be written (the
            message names it; a file already there is left intact).
    """
    data = to_ics(programmes, lang=lang, rules=rules, alternative=alternative)
    return write_atomically(path, data, force=force)


def plot_timeline(
    programme_id: str = "sun_es",
    *,
    ax: Any = None,
    lang: Lang = "fr",
    mark: dt.date | None = None,
    rules: RuleSet | None = None,
    alternative: str | None = None,
) -> Any:
    """Draw the windows of a programme as a timeline; return the matplotlib ``Axes``.

    Args:
        programme_id: the programme (``"sun_es"``, ``"esms_numerique"``).
        ax: an ``Axes`` to draw on (default: a new figure).
        lang: the language of the labels.
        mark: a day to mark with a vertical line (e.g. today).
        rules: the rule set (default: the official data).
        alternative: conflicting dates' alternative (``"idf"``).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_timeline(mark=dt.date(2022, 4, 15))
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['F1', 'F2', 'F3', 'F4']

    Raises:
        OptionalDependencyError: matplotlib is not installed.
    """
    lang = check_lang(lang)
    rules = rules if rules is not None else load_rules()
    found = windows(programme_id, rules=rules, alternative=alternative)
    title = calendar_programme(programme_id).title
    return draw_timeline(found, title, ax=ax, lang=lang, mark=mark)


__all__ = [
    "CALENDAR_PROGRAMMES",
    "calendar_programme",
    "deadlines",
    "next_window",
    "phase_of",
    "plot_timeline",
    "to_ics",
    "window",
    "windows",
    "windows_on",
    "write_ics",
]


def _programme_json(
    programme_id: str, rules: RuleSet, on: dt.date | None, alternative: str | None
) -> dict[str, JsonValue]:
    prog = calendar_programme(programme_id)
    out: dict[str, JsonValue] = {"id": prog.id, "title": prog.title.to_json()}
    try:
        found = windows(
            prog.id, rules=rules, as_known_on=on, alternative=_alt_for(prog.id, alternative, rules)
        )
    except MissingParameterError as exc:
        out["windows"] = []
        out["unknown"] = {"key": exc.key, "message": str(exc)}
        found = ()
    else:
        out["windows"] = [_window_json(w, on) for w in found]
    out["deadlines"] = [
        _deadline_json(d, rules, on, alternative) for d in known_deadlines(prog.id, rules, on)
    ]
    return out


def known_deadlines(programme_id: str, rules: RuleSet, on: dt.date | None) -> list[Deadline]:
    """The deadlines of a programme as known on ``on`` (every one when ``None``)."""
    return [
        d
        for d in deadlines(programme_id, rules=rules)
        if on is None or d.value.versions[0].since <= on
    ]


def _window_json(w: Window, on: dt.date | None) -> dict[str, JsonValue]:
    out = dict(w.to_json())
    if on is not None:
        phase = w.phase_on(on)
        out["phase_on"] = phase.kind.value if phase else None
    return out


def _deadline_json(
    d: Deadline, rules: RuleSet, on: dt.date | None, alternative: str | None
) -> dict[str, JsonValue]:
    out = dict(d.to_json(alternative=alternative))
    if on is not None:
        version = d.as_known_on(as_known_on=on, alternative=alternative)
        out["due_as_known_on"] = version.due.isoformat()
        left = days_left(d, on, rules=rules, alternative=alternative)
        out["calendar_days_left"] = left.calendar_days
        out["working_days_left"] = left.working_days
    return out


def calendar_json(
    rules: RuleSet,
    *,
    programme_id: str | None = None,
    on: dt.date | None = None,
    alternative: str | None = None,
) -> dict[str, JsonValue]:
    """The calendar document (format ``segur_numerique.calendar/v1``) of ``calendar --json``.

    Each programme's windows with their phases (ISO dates, inclusive ``start``/``end``, exclusive
    ``stop``), statuses and sources, and its deadlines with their revision history; with ``on``,
    the phase each window is in and the days left before each deadline.
    """
    chosen = [calendar_programme(programme_id).id] if programme_id else list(CALENDAR_PROGRAMMES)
    return {
        "format": CALENDAR_FORMAT,
        "as_known_on": on.isoformat() if on else None,
        "alternative": alternative,
        "programmes": [_programme_json(p, rules, on, alternative) for p in chosen],
    }
