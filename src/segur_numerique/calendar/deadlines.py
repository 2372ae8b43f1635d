"""Deadlines as dated values: revision history and "as known on".

On-time checks and days left are in :mod:`segur_numerique.calendar.on_time`; the deadlines of a
programme by id, in :func:`segur_numerique.calendars.deadlines`.

rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es] (dates are French legal dates, Europe/Paris; portal deadlines have times; a SUN-ES
establishment that misses its deadline moves to a later window), SONS §3 (SONS deadlines have a revision
history; the SONS vendor windows are strict: "a day late is not eligible"), e-parcours §7 (e-parcours
submission deadlines).

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
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from segur_numerique.calendar.programmes import Programme
from segur_numerique.calendar.timeline import draw_revisions
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, ParameterRead
from segur_numerique.core.headline import Headline
from segur_numerique.core.provenance import Source, Status, Unit
from segur_numerique.core.text import Lang, Text
from segur_numerique.core.values import JsonValue, encode_value
from segur_numerique.errors import InvalidInputError, NaiveDatetimeError, UnknownDeadlineError
from segur_numerique.rules.loading import load_rules, resolve_rules
from segur_numerique.rules.model import DatedValue, RuleSet, RuleValue

PARIS = ZoneInfo("Europe/Paris")
"""The time zone of French legal dates and portal deadlines."""


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
        self, *, as_known_on: dt.date | None = None, alternative: str | None = None
    ) -> DeadlineVersion:
        """The version in force on ``as_known_on`` (latest when ``None``)."""
        version = self.value.as_known_on(on=as_known_on)
        return _version(version, _offered(version, alternative))

    def due(
        self, *, as_known_on: dt.date | None = None, alternative: str | None = None
    ) -> dt.date | dt.datetime:
        """The deadline in force on ``as_known_on`` (latest when ``None``)."""
        return self.as_known_on(as_known_on=as_known_on, alternative=alternative).due

    def read(
        self, *, as_known_on: dt.date | None = None, alternative: str | None = None
    ) -> ParameterRead:
        """The deadline as a :class:`ParameterRead`, for explanations."""
        version = self.value.as_known_on(on=as_known_on)
        return self.value.read(on=as_known_on, alternative=_offered(version, alternative))

    def plot(self, ax: Any = None, *, lang: Lang = "fr", alternative: str | None = None) -> Any:
        """Draw the revisions, each due date from the day it was announced; return the ``Axes``.

        matplotlib is the optional extra ``plot``; several deadlines may share one ``ax``.
        """
        return draw_revisions(self, ax=ax, lang=lang, alternative=alternative)

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


def programme_deadlines(prog: Programme, *, rules: RuleSet | None = None) -> tuple[Deadline, ...]:
    """The deadlines of ``prog`` (keys ``<programme>...deadline.<name>`` and its extra keys).

    The collection by programme id is :func:`segur_numerique.calendars.deadlines`.
    """
    rules = rules if rules is not None else load_rules()
    found = [
        Deadline(k, prog.id, v)
        for k, v in rules.values.items()
        if _is_deadline_value(v) and (m := _DEADLINE_KEY.match(k)) and m.group(1) == prog.id
    ]
    found += [
        Deadline(k, prog.id, rules.values[k])
        for k in prog.extra_deadlines
        if k in rules.values and _is_deadline_value(rules.values[k])
    ]
    return tuple(sorted(found, key=lambda d: (d.as_known_on().last_day, d.key)))


def resolve_deadline(deadline_or_key: str | Deadline, *, rules: RuleSet | None = None) -> Deadline:
    """``deadline_or_key`` as a :class:`Deadline` (a key is looked up with :func:`deadline`)."""
    rules = resolve_rules(rules)
    if isinstance(deadline_or_key, Deadline):
        return deadline_or_key
    return deadline(deadline_or_key, rules=rules)


@attrs.frozen(repr=False)
class ComputedDeadline(HtmlResult):
    """A deadline computed from a start date and rule values (e.g. e-parcours usage targets).

    Attributes:
        due: the last day (inclusive).
        explanation: how it was computed, with the rule values read.
    """

    due: dt.date
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(fr="Échéance calculée", en="Computed deadline"),
            value=self.due,
            value_name="due",
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The deadline as JSON."""
        return {"due": self.due.isoformat(), "explanation": self.explanation.to_json()}
