"""On-time checks and days left before a deadline.

What a late submission means depends on the programme (review 2, 1.3): the SONS vendor windows
are strict, a day late is no longer eligible (``segur.rule.strict_deadlines``, which despite its
historical key applies to SONS only); a SUN-ES establishment that misses its targets deadline is
moved to a later window (``sun_es.rule.missed_deadline``); for the other programmes no source says
what a late submission entails, so the check only says it is late.

A ``date`` deadline is an inclusive last day in Paris ("au plus tard le 30 novembre 2022": the
whole of 30 November is on time); a ``datetime`` deadline is an instant, and a submission on its
day must give a time (an aware :class:`datetime.datetime`).
"""

from __future__ import annotations

import datetime as dt

import attrs

from segur_numerique.calendar.deadlines import (
    PARIS,
    Deadline,
    DeadlineVersion,
    paris_date,
    resolve_deadline,
)
from segur_numerique.calendar.holidays import FrenchCalendar
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.text import Text, counted
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import JsonValue, encode_value, format_date
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet

_DAY_FR = ("jour", "jours")
_DAY_EN = ("day", "days")


_STRICT_RULE = "segur.rule.strict_deadlines"
"""The SONS rule: the vendor windows are strict (its key predates its scoping to SONS)."""
_MISSED_RULE = "sun_es.rule.missed_deadline"
"""The SUN-ES rule: an establishment that misses its deadline moves to a later window."""


def _late_rule(programme: str) -> str | None:
    """The rule that says what a late submission means for ``programme``, if a source says it."""
    return {"sons": _STRICT_RULE, "sun_es": _MISSED_RULE}.get(programme)


def _late_rule_read(rules: RuleSet, programme: str) -> tuple[ParameterRead, ...]:
    key = _late_rule(programme)
    return (rules.read(key),) if key is not None and key in rules else ()


@attrs.frozen(repr=False)
class OnTimeCheck(HtmlResult):
    """Whether a submission was on time, and why.

    Attributes:
        deadline: the deadline checked.
        submitted: the submission date or time.
        due: the deadline in force (as known on the chosen day).
        on_time: the decision.
        days_late: how many days late (0 when on time), in Paris calendar days.
        explanation: the reasoning, with the deadline version and its sources.
    """

    deadline: Deadline
    submitted: dt.date | dt.datetime
    due: dt.date | dt.datetime
    on_time: bool
    days_late: int
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=self.deadline.label,
            name=self.deadline.key,
            verdict=self.on_time,
            verdict_name="on_time",
            yes=Text(fr="dans les délais", en="on time"),
            no=Text(fr="en retard", en="late"),
            facts=(
                Fact("submitted", Text(fr="déposé", en="submitted"), self.submitted),
                Fact("due", Text(fr="échéance", en="due"), self.due),
                Fact("days_late", Text(fr="jours de retard", en="days late"), self.days_late),
            ),
        )

    def __bool__(self) -> bool:
        return self.on_time

    def to_json(self) -> dict[str, JsonValue]:
        """The check as JSON."""
        return {
            "deadline": self.deadline.key,
            "submitted": encode_value(self.submitted),
            "due": encode_value(self.due),
            "on_time": self.on_time,
            "days_late": self.days_late,
            "explanation": self.explanation.to_json(),
        }


def _submitted_day(submitted: dt.date | dt.datetime) -> dt.date:
    if isinstance(submitted, dt.datetime):
        return paris_date(submitted, where="submitted")
    if isinstance(submitted, dt.date):
        return submitted
    raise InvalidInputError(
        f"expected a date or an aware datetime, got {submitted!r}", where="submitted"
    )


def _decide(version: DeadlineVersion, submitted: dt.date | dt.datetime, day: dt.date) -> bool:
    """Whether ``submitted`` (on the Paris day ``day``) is on or before the deadline."""
    due, last_day = version.due, version.last_day
    if not isinstance(due, dt.datetime):
        return day <= last_day
    if isinstance(submitted, dt.datetime):
        return submitted <= due
    if day != last_day:
        return day < last_day
    raise InvalidInputError(
        f"the deadline is {due.astimezone(PARIS).isoformat()}: on that day, give the "
        "submission time (an aware datetime)",
        where="submitted",
    )


def _due_text(due: dt.date | dt.datetime, lang: str) -> str:
    if isinstance(due, dt.datetime):
        return due.astimezone(PARIS).isoformat()
    return format_date(due, "fr" if lang == "fr" else "en")


_LATE_CONSEQUENCE = {
    "sons": Text(fr=" : non éligible", en=": not eligible"),
    "sun_es": Text(
        fr=" : l'établissement est basculé sur une fenêtre ultérieure",
        en=": the establishment is moved to a later window",
    ),
}


def _on_time_outcome(
    on_time: bool, days_late: int, due: dt.date | dt.datetime, programme: str
) -> Text:
    due_text, due_text_fr = _due_text(due, "en"), _due_text(due, "fr")
    if on_time:
        return Text(
            fr=f"dans les délais (date limite : {due_text_fr})",
            en=f"on time (deadline: {due_text})",
        )
    then = _LATE_CONSEQUENCE.get(programme)
    return Text(
        fr=f"hors délai de {counted(days_late, 'fr', fr=_DAY_FR, en=_DAY_EN)} (date limite : "
        f"{due_text_fr}){then.fr if then else ''}",
        en=f"{counted(days_late, 'en', fr=_DAY_FR, en=_DAY_EN)} late (deadline: {due_text})"
        f"{then.en if then else ''}",
    )


def _on_time_explanation(
    d: Deadline,
    submitted: dt.date | dt.datetime,
    *,
    as_known_on: dt.date | None,
    alternative: str | None,
    version: DeadlineVersion,
    parameters: tuple[ParameterRead, ...],
    outcome: Text,
    on_time: bool,
) -> Explanation:
    return Explanation(
        rule="segur.deadline.on_time",
        title=Text(
            fr=f"Respect de la date limite : {d.label.fr}", en=f"Deadline met: {d.label.en}"
        ),
        outcome=outcome,
        result=on_time,
        inputs=(
            InputValue("submitted", submitted),
            InputValue("as_known_on", as_known_on, defaulted=as_known_on is None),
            InputValue("alternative", version.alternative, defaulted=alternative is None),
        ),
        parameters=parameters,
        assumptions=(
            Text(
                fr="Une date limite sans heure inclut tout son dernier jour, heure de Paris.",
                en="A deadline without a time includes the whole of its last day, Paris time.",
            ),
        ),
    )


def is_on_time(
    deadline_or_key: str | Deadline,
    submitted: dt.date | dt.datetime,
    *,
    as_known_on: dt.date | None = None,
    alternative: str | None = None,
    rules: RuleSet | None = None,
) -> OnTimeCheck:
    """Whether a submission (an application, an order, a declaration) made at ``submitted`` is on time.

    A day late is late. For a SONS deadline that means no longer eligible (the vendor windows are
    strict); for a SUN-ES deadline, moved to a later window; the explanation cites the rule. A
    ``date`` deadline is an inclusive last
    day in Paris; a ``datetime`` deadline is an instant, and a submission on its day must give a
    time.

    Args:
        deadline_or_key: a :class:`Deadline` or its rule key.
        submitted: the date, or an aware datetime (a naive one is refused).
        as_known_on: use the deadline as known on this day (default: the latest version).
        alternative: for a conflicting deadline, the named alternative (``"idf"``).
        rules: the rule set (default: the official data).

    >>> import datetime as dt
    >>> is_on_time("sons.vague1.deadline.lgc_orders", dt.date(2022, 11, 30)).on_time
    True
    >>> is_on_time("sons.vague1.deadline.lgc_orders", dt.date(2022, 12, 1)).days_late
    1
    >>> is_on_time(
    ...     "sons.vague1.deadline.lgc_orders", dt.date(2022, 8, 1), as_known_on=dt.date(2022, 6, 1)
    ... ).on_time
    False

    Raises:
        NaiveDatetimeError: ``submitted`` is a datetime without a time zone.
        InvalidInputError: a bare date on the day of a deadline with a time (the time decides).
    """
    rules = rules if rules is not None else load_rules()
    d = resolve_deadline(deadline_or_key, rules=rules)
    version = d.as_known_on(as_known_on=as_known_on, alternative=alternative)
    read = d.read(as_known_on=as_known_on, alternative=alternative)
    submitted_day = _submitted_day(submitted)
    on_time = _decide(version, submitted, submitted_day)
    days_late = 0 if on_time else max(1, (submitted_day - version.last_day).days)
    explanation = _on_time_explanation(
        d,
        submitted,
        as_known_on=as_known_on,
        alternative=alternative,
        version=version,
        parameters=(read, *_late_rule_read(rules, d.programme)),
        outcome=_on_time_outcome(on_time, days_late, version.due, d.programme),
        on_time=on_time,
    )
    return OnTimeCheck(d, submitted, version.due, on_time, days_late, explanation)


@attrs.frozen(repr=False)
class DaysLeft(HtmlResult):
    """The days left before a deadline.

    Attributes:
        deadline: the deadline.
        on: the day counted from.
        due: the deadline in force.
        calendar_days: calendar days from ``on`` to the last day (0 on the last day, negative after).
        working_days: working days (jours ouvrés) after ``on`` up to the last day included
            (negative after the deadline).
        explanation: the reasoning.
    """

    deadline: Deadline
    on: dt.date
    due: dt.date | dt.datetime
    calendar_days: int
    working_days: int
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=self.deadline.label,
            name=self.deadline.key,
            value=self.calendar_days,
            value_name="days",
            facts=(
                Fact("working_days", Text(fr="jours ouvrés", en="working days"), self.working_days),
                Fact("due", Text(fr="échéance", en="due"), self.due),
                Fact("on", Text(fr="au", en="on"), self.on),
            ),
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The count as JSON."""
        return {
            "deadline": self.deadline.key,
            "on": self.on.isoformat(),
            "due": encode_value(self.due),
            "calendar_days": self.calendar_days,
            "working_days": self.working_days,
            "explanation": self.explanation.to_json(),
        }


def days_left(
    deadline_or_key: str | Deadline,
    on: dt.date,
    *,
    calendar: FrenchCalendar | None = None,
    as_known_on: dt.date | None = None,
    alternative: str | None = None,
    rules: RuleSet | None = None,
) -> DaysLeft:
    """Calendar days and working days left before a deadline.

    ``as_known_on`` defaults to ``on`` (the deadline as known that day).

    >>> import datetime as dt
    >>> left = days_left("sons.vague1.deadline.lgc_orders", dt.date(2022, 11, 1))
    >>> left.calendar_days, left.working_days
    (29, 20)
    """
    check_date(on, where="on")
    rules = rules if rules is not None else load_rules()
    calendar_defaulted = calendar is None
    calendar = calendar if calendar is not None else FrenchCalendar()
    d = resolve_deadline(deadline_or_key, rules=rules)
    known = as_known_on if as_known_on is not None else on
    version = d.as_known_on(as_known_on=known, alternative=alternative)
    last_day = version.last_day
    calendar_days = (last_day - on).days
    working = calendar.working_days(on, last_day)
    explanation = Explanation(
        rule="segur.deadline.days_left",
        title=Text(fr=f"Jours restants : {d.label.fr}", en=f"Days left: {d.label.en}"),
        outcome=Text(
            fr=counted(calendar_days, "fr", fr=("jour calendaire", "jours calendaires"), en=_DAY_EN)
            + ", "
            + counted(working, "fr", fr=("jour ouvré", "jours ouvrés"), en=_DAY_EN)
            + f" jusqu'au {format_date(last_day, 'fr')} inclus",
            en=counted(calendar_days, "en", fr=_DAY_FR, en=("calendar day", "calendar days"))
            + ", "
            + counted(working, "en", fr=_DAY_FR, en=("working day", "working days"))
            + f" to {format_date(last_day, 'en')} included",
        ),
        result=calendar_days,
        inputs=(
            InputValue("on", on),
            InputValue("as_known_on", known, defaulted=as_known_on is None),
            InputValue("calendar", calendar.name, defaulted=calendar_defaulted),
        ),
        parameters=(d.read(as_known_on=known, alternative=alternative),),
        assumptions=(
            Text(
                fr="Jours ouvrés : du lundi au vendredi, hors jours fériés ; comptés après le jour "
                "de départ, jusqu'au dernier jour inclus.",
                en="Working days: Monday to Friday except public holidays; counted after the "
                "start day, up to the last day included.",
            ),
        ),
    )
    return DaysLeft(d, on, version.due, calendar_days, working, explanation)
