"""Deadlines as dated values: revision history, "as known on", on-time checks, days left.

RULES.md §2.2 (deadlines are strict: "a day late is not eligible"; dates are French legal dates,
Europe/Paris; portal deadlines have times), §3 (SONS deadlines have a revision history), §7
(e-parcours submission deadlines).

A deadline is a rule value of unit ``date`` or ``datetime`` whose versions are keyed by the day
each one was announced (``since``). :meth:`Deadline.as_known_on` gives the version in force on a
day, never one announced later. A ``date`` deadline is an inclusive last day ("au plus tard le
30 novembre 2022": the whole of 30 November, Paris time, is on time). A ``datetime`` deadline is
an instant; a submission must be at or before it.

Times: a submission time must be an *aware* :class:`datetime.datetime`; it is compared in
Europe/Paris (:mod:`zoneinfo`). A naive datetime is refused (:class:`NaiveDatetimeError`): "12:00"
means nothing until one says where.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Final
from zoneinfo import ZoneInfo

import attrs

from segur_numerique._rules import DatedValue, RuleSet, RuleValue, load_rules
from segur_numerique._windows import MonthEndPolicy, add_months, calendar_programme
from segur_numerique.calendar.holidays import FrenchCalendar
from segur_numerique.core.explanation import Explanation, InputValue, ParameterRead
from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import JsonValue, encode_value, format_date
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.provenance import Source, Status, Unit

PARIS = ZoneInfo("Europe/Paris")
"""The time zone of French legal dates and portal deadlines."""

_STRICT_RULE = "segur.rule.strict_deadlines"


class NaiveDatetimeError(InvalidInputError):
    """A datetime without a time zone was given where the time zone matters."""


class UnknownDeadlineError(InvalidInputError):
    """No deadline has this key (the error lists close keys)."""


def _check_aware(value: dt.datetime, where: str) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{value.isoformat()} has no time zone; give an aware datetime, e.g. "
            f"datetime(..., tzinfo=ZoneInfo('Europe/Paris'))",
            where=where,
        )
    return value


def paris_date(value: dt.date | dt.datetime, *, where: str = "date") -> dt.date:
    """The French legal date of ``value`` (a date as is; an aware datetime in Europe/Paris).

    >>> paris_date(dt.datetime(2022, 6, 30, 22, 30, tzinfo=dt.timezone.utc))
    datetime.date(2022, 7, 1)
    """
    if isinstance(value, dt.datetime):
        return _check_aware(value, where).astimezone(PARIS).date()
    if isinstance(value, dt.date):
        return value
    raise InvalidInputError(f"expected a date or an aware datetime, got {value!r}", where=where)


@attrs.frozen
class DeadlineVersion:
    """One announced version of a deadline.

    Attributes:
        since: the day it was announced (from which it is in force).
        due: the last day (a date, inclusive) or the last instant (an aware datetime).
        status: how well it is established.
        sources: the documents that state it.
        reasoning: for an inferred version, how it (or its ``since``) was derived.
        alternative: for a conflicting deadline, the alternative used.
    """

    since: dt.date
    due: dt.date | dt.datetime
    status: Status
    sources: tuple[Source, ...]
    reasoning: Text | None = None
    alternative: str | None = None

    @property
    def last_day(self) -> dt.date:
        """The last day on time, in Paris."""
        return paris_date(self.due)

    def to_json(self) -> dict[str, JsonValue]:
        """The version as JSON."""
        return {
            "since": self.since.isoformat(),
            "due": self.due.isoformat(),
            "status": self.status.value,
            "alternative": self.alternative,
            "sources": [s.to_json() for s in self.sources],
            "reasoning": self.reasoning.to_json() if self.reasoning else None,
        }


def _version(value: DatedValue, alternative: str | None) -> DeadlineVersion:
    alt = value.alternative(alternative) if alternative is not None else None
    due = alt.value if alt else value.value
    if not isinstance(due, dt.date):
        raise InvalidInputError(f"a deadline must be a date or datetime, got {due!r}", where="due")
    return DeadlineVersion(
        since=value.since,
        due=due,
        status=value.status,
        sources=alt.sources if alt else value.sources,
        reasoning=value.reasoning,
        alternative=alt.name if alt else value.default,
    )


@attrs.frozen
class Deadline:
    """A deadline with its revision history, read from the rule data.

    >>> d = deadline("sons.vague1.deadline.lgc_orders")
    >>> [(v.since.isoformat(), v.due.isoformat()) for v in d.versions()]
    [('2021-08-13', '2022-07-15'), ('2022-06-21', '2022-11-30')]
    >>> d.due(as_known_on=dt.date(2022, 6, 1)), d.due()
    (datetime.date(2022, 7, 15), datetime.date(2022, 11, 30))

    Attributes:
        key: the rule key (``sons.vague1.deadline.lgc_orders``).
        programme: the programme id (first segment of the key).
        value: the rule value behind it.
    """

    key: str
    programme: str
    value: RuleValue

    @property
    def label(self) -> Text:
        """The deadline's name in French and English."""
        return self.value.label

    def versions(self, alternative: str | None = None) -> tuple[DeadlineVersion, ...]:
        """Every announced version, oldest first."""
        return tuple(_version(v, _offered(v, alternative)) for v in self.value.versions)

    def as_known_on(
        self, as_known_on: dt.date | None = None, *, alternative: str | None = None
    ) -> DeadlineVersion:
        """The version in force on ``as_known_on`` (latest when ``None``)."""
        version = self.value.as_known_on(as_known_on)
        return _version(version, _offered(version, alternative))

    def due(
        self, as_known_on: dt.date | None = None, *, alternative: str | None = None
    ) -> dt.date | dt.datetime:
        """The deadline in force on ``as_known_on`` (latest when ``None``)."""
        return self.as_known_on(as_known_on, alternative=alternative).due

    def read(
        self, as_known_on: dt.date | None = None, *, alternative: str | None = None
    ) -> ParameterRead:
        """The deadline as a :class:`ParameterRead`, for explanations."""
        version = self.value.as_known_on(as_known_on)
        return self.value.read(as_known_on, _offered(version, alternative))

    def to_json(self, *, alternative: str | None = None) -> dict[str, JsonValue]:
        """The deadline with its whole history."""
        latest = self.as_known_on(alternative=alternative)
        alternatives = [
            {
                "name": a.name,
                "due": encode_value(a.value),
                "sources": [s.to_json() for s in a.sources],
            }
            for a in self.value.versions[-1].alternatives
        ]
        return {
            "key": self.key,
            "programme": self.programme,
            "label": self.label.to_json(),
            "due": latest.due.isoformat(),
            "status": latest.status.value,
            "alternative": latest.alternative,
            "alternatives": alternatives,
            "sources": [s.to_json() for s in latest.sources],
            "versions": [v.to_json() for v in self.versions(alternative)],
        }


def _offered(version: DatedValue, alternative: str | None) -> str | None:
    if alternative is None:
        return None
    return alternative if any(a.name == alternative for a in version.alternatives) else None


_DEADLINE_KEY = re.compile(r"^([a-z0-9_]+)\.(?:[a-z0-9_]+\.)*deadline\.[a-z0-9_]+$")
_EXTRA_DEADLINES = {
    # The e-parcours usage-target deadline lives with the e-parcours funding data.
    "e_parcours": ("e_parcours.payment.usage_latest",),
}


def _is_deadline_value(value: RuleValue) -> bool:
    return value.unit in {Unit.DATE, Unit.DATETIME}


def deadline(key: str, *, rules: RuleSet | None = None) -> Deadline:
    """The deadline with rule key ``key`` (any rule value of unit date or datetime).

    Raises:
        UnknownDeadlineError: no such key, or it is not a date.
    """
    rules = rules if rules is not None else load_rules()
    value = rules.values.get(key) if isinstance(key, str) else None
    if value is None or not _is_deadline_value(value):
        keys = [k for k, v in rules.values.items() if _is_deadline_value(v)]
        close = difflib.get_close_matches(str(key), keys, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownDeadlineError(f"no deadline {key!r}{hint}", where="deadline")
    return Deadline(key, key.split(".", 1)[0], value)


def deadlines(programme_id: str, *, rules: RuleSet | None = None) -> tuple[Deadline, ...]:
    """The deadlines of a programme (keys ``<programme>...deadline.<name>``), by due date.

    SUN-ES window deadlines are part of the windows (:func:`~segur_numerique.windows`).

    >>> [d.key for d in deadlines("e_parcours")]
    ['e_parcours.deadline.dac_submission', 'e_parcours.deadline.collectifs_submission', 'e_parcours.payment.usage_latest']
    """
    prog = calendar_programme(programme_id)
    rules = rules if rules is not None else load_rules()
    found = [
        Deadline(k, prog.id, v)
        for k, v in rules.values.items()
        if _is_deadline_value(v) and (m := _DEADLINE_KEY.match(k)) and m.group(1) == prog.id
    ]
    found += [
        Deadline(k, prog.id, rules.values[k])
        for k in _EXTRA_DEADLINES.get(prog.id, ())
        if k in rules.values and _is_deadline_value(rules.values[k])
    ]
    return tuple(sorted(found, key=lambda d: (d.as_known_on().last_day, d.key)))


def _resolve(deadline_or_key: str | Deadline, rules: RuleSet | None) -> Deadline:
    if isinstance(deadline_or_key, Deadline):
        return deadline_or_key
    return deadline(deadline_or_key, rules=rules)


def _strict_read(rules: RuleSet) -> tuple[ParameterRead, ...]:
    return (rules.read(_STRICT_RULE),) if _STRICT_RULE in rules else ()


@attrs.frozen
class OnTimeCheck:
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


def is_on_time(
    deadline_or_key: str | Deadline,
    submitted: dt.date | dt.datetime,
    *,
    as_known_on: dt.date | None = None,
    alternative: str | None = None,
    rules: RuleSet | None = None,
) -> OnTimeCheck:
    """Whether a submission (an application, an order, a declaration) made at ``submitted`` is on time.

    Strict (RULES.md §2.2): a day late is not eligible. A ``date`` deadline is an inclusive last
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
    d = _resolve(deadline_or_key, rules)
    version = d.as_known_on(as_known_on, alternative=alternative)
    read = d.read(as_known_on, alternative=alternative)
    due = version.due
    if isinstance(submitted, dt.datetime):
        submitted_day = paris_date(submitted, where="submitted")
    elif isinstance(submitted, dt.date):
        submitted_day = submitted
    else:
        raise InvalidInputError(
            f"expected a date or an aware datetime, got {submitted!r}", where="submitted"
        )
    last_day = version.last_day
    if isinstance(due, dt.datetime):
        if isinstance(submitted, dt.datetime):
            on_time = submitted <= due
        elif submitted_day != last_day:
            on_time = submitted_day < last_day
        else:
            raise InvalidInputError(
                f"the deadline is {due.astimezone(PARIS).isoformat()}: on that day, give the "
                "submission time (an aware datetime)",
                where="submitted",
            )
    else:
        on_time = submitted_day <= last_day
    days_late = 0 if on_time else max(1, (submitted_day - last_day).days)
    due_text = (
        due.astimezone(PARIS).isoformat()
        if isinstance(due, dt.datetime)
        else format_date(due, "en")
    )
    due_text_fr = (
        due.astimezone(PARIS).isoformat()
        if isinstance(due, dt.datetime)
        else format_date(due, "fr")
    )
    outcome = (
        Text(
            fr=f"dans les délais (date limite : {due_text_fr})",
            en=f"on time (deadline: {due_text})",
        )
        if on_time
        else Text(
            fr=f"hors délai de {days_late} jour(s) (date limite : {due_text_fr}) : non éligible",
            en=f"{days_late} day(s) late (deadline: {due_text}): not eligible",
        )
    )
    explanation = Explanation(
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
        parameters=(read, *_strict_read(rules)),
        assumptions=(
            Text(
                fr="Une date limite sans heure inclut tout son dernier jour, heure de Paris.",
                en="A deadline without a time includes the whole of its last day, Paris time.",
            ),
        ),
    )
    return OnTimeCheck(d, submitted, due, on_time, days_late, explanation)


@attrs.frozen
class DaysLeft:
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
    d = _resolve(deadline_or_key, rules)
    known = as_known_on if as_known_on is not None else on
    version = d.as_known_on(known, alternative=alternative)
    last_day = version.last_day
    calendar_days = (last_day - on).days
    working = calendar.working_days(on, last_day)
    explanation = Explanation(
        rule="segur.deadline.days_left",
        title=Text(fr=f"Jours restants : {d.label.fr}", en=f"Days left: {d.label.en}"),
        outcome=Text(
            fr=f"{calendar_days} jour(s) calendaire(s), {working} jour(s) ouvré(s) jusqu'au "
            f"{format_date(last_day, 'fr')} inclus",
            en=f"{calendar_days} calendar day(s), {working} working day(s) to "
            f"{format_date(last_day, 'en')} included",
        ),
        result=calendar_days,
        inputs=(
            InputValue("on", on),
            InputValue("as_known_on", known, defaulted=as_known_on is None),
            InputValue("calendar", calendar.name, defaulted=calendar_defaulted),
        ),
        parameters=(d.read(known, alternative=alternative),),
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


@attrs.frozen
class ComputedDeadline:
    """A deadline computed from a start date and rule values (e.g. e-parcours usage targets).

    Attributes:
        due: the last day (inclusive).
        explanation: how it was computed, with the rule values read.
    """

    due: dt.date
    explanation: Explanation

    def to_json(self) -> dict[str, JsonValue]:
        """The deadline as JSON."""
        return {"due": self.due.isoformat(), "explanation": self.explanation.to_json()}


CPC_ARTICLE_641: Final = Source(
    title="Code de procédure civile, article 641 (computation des délais ; décret n° 75-1123 du "
    "5 décembre 1975, en vigueur le 1er janvier 1976)",
    url="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006411002",
    date=dt.date(1975, 12, 5),
    locator="art. 641, al. 2",
)
"""The French rule for délais in months or years, applied by analogy to "within 2 years"."""


def e_parcours_usage_deadline(
    funded_on: dt.date,
    *,
    policy: MonthEndPolicy | None = None,
    rules: RuleSet | None = None,
    on: dt.date | None = None,
) -> ComputedDeadline:
    """The last day for an e-parcours project funded on ``funded_on`` to reach its usage targets.

    RULES.md §7; seed 004: « sous 2 ans et au maximum au 31/12/2022 ». The library reads
    "within 2 years" as a délai of the code de procédure civile, art. 641: a délai in years
    expires on the day of the last month that bears the same number as the starting day (the
    anniversary, inclusive); failing such a day (29 February), on the last day of that month
    (:attr:`MonthEndPolicy.ROUND_DOWN`). The result is the earlier of that day and the latest
    date (31 Dec 2022). This reading is an assumption, stated in the explanation; ``policy``
    overrides the month-end rule (shown as provided).

    >>> import datetime as dt
    >>> e_parcours_usage_deadline(dt.date(2019, 9, 1)).due
    datetime.date(2021, 9, 1)
    >>> e_parcours_usage_deadline(dt.date(2021, 6, 1)).due
    datetime.date(2022, 12, 31)
    >>> e_parcours_usage_deadline(dt.date(2020, 2, 29)).due
    datetime.date(2022, 2, 28)
    >>> e_parcours_usage_deadline(dt.date(2020, 2, 29), policy=MonthEndPolicy.ROUND_UP).due
    datetime.date(2022, 3, 1)

    Args:
        funded_on: the day the project was funded (amorçage).
        policy: the month-end rule; by default ``ROUND_DOWN`` (CPC art. 641, shown as defaulted).
        rules: the rule set (official rules by default).
        on: read the rule values as known on this date (by default, on ``funded_on``).
    """
    check_date(funded_on, where="funded_on")
    chosen = MonthEndPolicy.ROUND_DOWN if policy is None else policy
    rules = rules if rules is not None else load_rules()
    as_of = funded_on if on is None else on
    delay = rules.read("e_parcours.payment.usage_delay_years", on=as_of)
    latest = rules.read("e_parcours.payment.usage_latest", on=as_of)
    years, last = delay.value, latest.value
    if isinstance(years, bool) or not isinstance(years, int):
        raise InvalidInputError(f"expected a number of years, got {years!r}", where=delay.key)
    last = check_date(last, where=latest.key)
    within = add_months(funded_on, 12 * years, policy=chosen, where="funded_on")
    due = min(within, last)
    return ComputedDeadline(
        due,
        Explanation(
            rule="e_parcours.usage_targets.deadline",
            title=Text(
                fr="e-parcours : date limite d'atteinte des cibles d'usage",
                en="e-parcours: deadline to reach the usage targets",
            ),
            outcome=Text(
                fr=f"au plus tard le {format_date(due, 'fr')} (le plus tôt de "
                f"{format_date(within, 'fr')} et {format_date(last, 'fr')})",
                en=f"by {format_date(due, 'en')} (the earlier of {format_date(within, 'en')} "
                f"and {format_date(last, 'en')})",
            ),
            result=due,
            inputs=(
                InputValue("funded_on", funded_on),
                InputValue("policy", chosen, defaulted=policy is None),
                InputValue("on", as_of, defaulted=on is None),
            ),
            parameters=(delay, latest),
            basis=(CPC_ARTICLE_641,),
            assumptions=(
                Text(
                    fr=f"« Sous {years} ans » est lu comme un délai du code de procédure civile "
                    "(art. 641) : il expire le jour du dernier mois qui porte le même quantième "
                    "que le jour de départ (la date anniversaire, incluse) ; à défaut d'un "
                    "quantième identique, le dernier jour de ce mois. Lecture retenue par la "
                    "bibliothèque, sans source propre au programme ; le report d'un délai "
                    "expirant un samedi, un dimanche ou un jour férié (art. 642) n'est pas "
                    "appliqué.",
                    en=f'"Within {years} years" is read as a délai of the French code of civil '
                    "procedure (art. 641): it expires on the day of the last month bearing the "
                    "same number as the starting day (the anniversary, inclusive); failing such a "
                    "day, on the last day of that month. The library's reading, with no source "
                    "specific to the programme; the extension of a délai ending on a Saturday, "
                    "Sunday or public holiday (art. 642) is not applied.",
                ),
            ),
        ),
    )
