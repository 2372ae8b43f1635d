"""Dialysis stays derived from dialysis sessions (rules digest, SUN-ES §2.1 [docs: explanation/rules/sun-es]; Guide des indicateurs p. 12).

« Un séjour couvre une période de 4 mois, au cours de laquelle ont eu lieu au moins 3 séances de
dialyse, au sein de la même structure juridique » (confirmed: ``sun_es.dialysis.period_months``
and ``sun_es.dialysis.min_sessions``).

How the 4-month periods are cut is not in any source read, so the cut is a named policy the caller
chooses (:class:`DialysisPeriodPolicy`), shown in every explanation:

* ``CALENDAR``: fixed calendar periods aligned on 1 January: January-April, May-August,
  September-December (``2022-P1``, ``2022-P2``, ``2022-P3``), the same for every patient; the
  period length must divide 12;
* ``ROLLING``: rolling from the first session: a patient's first session in a legal entity opens
  a period of ``period_months`` months (to the same day number, clamped to the end of a shorter
  month, exclusive); the first session after it opens the next one (``R2022-04-10``).

The two differ on sessions that straddle two calendar periods (10 April, 20 April, 5 May: no stay
with calendar periods, one with a rolling period). When the caller gives no policy, ``CALENDAR``
is used and the explanation marks the input ``period_policy`` as *defaulted*: it is kept as the
default because it is what the library has always done (results do not change under existing
callers) and because a period then never depends on when a patient started; neither cut is
sourced. The period length is read from the rules. A stay is one (patient, legal entity, period)
with at least ``min_sessions`` sessions; sessions of the same patient in two legal entities
(FINESS juridique) never add up. The stay's admission is its first session and its discharge its
last session in the period (the date the discharge documents are measured from).

>>> from segur_numerique import load_rules
>>> sessions = [
...     DialysisSession("s1", "P1", "010000001", dt.date(2022, 1, 3)),
...     DialysisSession("s2", "P1", "010000001", dt.date(2022, 2, 7)),
...     DialysisSession("s3", "P1", "010000001", dt.date(2022, 4, 30)),
...     DialysisSession("s4", "P1", "010000001", dt.date(2022, 5, 2)),
... ]
>>> result = dialysis_stays(sessions, policy=DialysisPeriodPolicy.CALENDAR, rules=load_rules())
>>> [
...     (s.stay_id, s.sessions, s.admission.isoformat(), s.discharge.isoformat())
...     for s in result.stays
... ]
[('DIA-010000001-P1-2022-P1', 3, '2022-01-03', '2022-04-30')]
>>> [(g.period, g.sessions) for g in result.too_few]
[('2022-P2', 1)]
>>> rolling = dialysis_stays(sessions, policy=DialysisPeriodPolicy.ROLLING, rules=load_rules())
>>> [(s.period, s.sessions) for s in rolling.stays]
[('R2022-01-03', 4)]
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping

import attrs

from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, InputValue
from segur_numerique.core.headline import Fact, Headline
from segur_numerique.core.text import Text, counted
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import (
    DuplicateIdError,
    EmptyValueError,
    InvalidInputError,
    MissingColumnError,
)
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


class DialysisPeriodPolicy(enum.Enum):
    """How the « période de 4 mois » of a dialysis stay is cut (not in any source read)."""

    CALENDAR = "calendar"
    """Fixed calendar periods aligned on 1 January (January-April, May-August, September-December)."""
    ROLLING = "rolling"
    """Rolling from the first session: each period opens on the first session after the last one."""

    def describe(self) -> Text:
        """What the policy does, in French and English (shown in explanations)."""
        if self is DialysisPeriodPolicy.CALENDAR:
            return Text(
                fr="périodes calendaires fixes alignées sur le 1er janvier (janvier-avril, "
                "mai-août, septembre-décembre), les mêmes pour tous les patients : découpage "
                "choisi, non sourcé",
                en="fixed calendar four-month periods aligned on 1 January (January-April, "
                "May-August, September-December), the same for every patient: a chosen cut, "
                "not sourced",
            )
        return Text(
            fr="périodes glissantes à partir de la première séance : la première séance d'un "
            "patient dans une structure juridique ouvre une période, la première séance après "
            "sa fin ouvre la suivante : découpage choisi, non sourcé",
            en="rolling periods from the first session: a patient's first session in a legal "
            "entity opens a period, the first session after its end opens the next one: a "
            "chosen cut, not sourced",
        )


@attrs.frozen
class DialysisSession:
    """One dialysis session (séance) of a patient in a legal entity (FINESS juridique)."""

    session_id: str
    patient_id: str
    legal_entity: str
    date: dt.date


@attrs.frozen
class DialysisStay:
    """A derived dialysis stay: a (patient, legal entity, four-month period) with enough sessions."""

    stay_id: str
    patient_id: str
    legal_entity: str
    period: str
    admission: dt.date
    discharge: dt.date
    sessions: int

    def to_record(self) -> dict[str, object]:
        """The stay as a row of a stays log (activity ``DIALYSIS``, FINESS = the legal entity)."""
        return {
            "stay_id": self.stay_id,
            "finess": self.legal_entity,
            "activity": "DIALYSIS",
            "admission": self.admission,
            "discharge": self.discharge,
        }


@attrs.frozen
class SessionGroup:
    """A (patient, legal entity, period) with too few sessions to make a stay."""

    patient_id: str
    legal_entity: str
    period: str
    sessions: int


@attrs.frozen(repr=False)
class DialysisStays(HtmlResult):
    """The stays derived from sessions, the groups that made none, and the explanation."""

    stays: tuple[DialysisStay, ...]
    too_few: tuple[SessionGroup, ...]
    explanation: Explanation

    def _headline(self) -> Headline:
        return Headline(
            title=Text(fr="Séjours de dialyse", en="Dialysis stays"),
            value=len(self.stays),
            value_name="stays",
            facts=(
                Fact(
                    "too_few",
                    Text(fr="groupes trop courts", en="groups too short"),
                    len(self.too_few),
                ),
            ),
        )

    def to_records(self) -> tuple[dict[str, object], ...]:
        """The stays as rows of a stays log."""
        return tuple(s.to_record() for s in self.stays)

    def to_json(self) -> dict[str, JsonValue]:
        """The result as a JSON object."""
        return {
            "stays": [
                {**{k: v for k, v in attrs.asdict(s).items() if k not in {"admission", "discharge"}},
                 "admission": s.admission.isoformat(), "discharge": s.discharge.isoformat()}
                for s in self.stays
            ],
            "too_few": [attrs.asdict(g) for g in self.too_few],
            "explanation": self.explanation.to_json(),
        }  # fmt: skip


def period_of(day: dt.date, months: int) -> tuple[str, dt.date, dt.date]:
    """The calendar period of ``months`` months containing ``day``: its name, first and last day.

    >>> period_of(dt.date(2022, 9, 1), 4)
    ('2022-P3', datetime.date(2022, 9, 1), datetime.date(2022, 12, 31))
    """
    if months <= 0 or 12 % months:
        raise InvalidInputError(
            f"a period length must divide 12 months, got {months}", where="period_months"
        )
    index = (day.month - 1) // months
    first = dt.date(day.year, index * months + 1, 1)
    end_month = first.month + months
    last = (
        dt.date(day.year + 1, 1, 1) if end_month > 12 else dt.date(day.year, end_month, 1)
    ) - dt.timedelta(days=1)
    return f"{day.year}-P{index + 1}", first, last


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` months, to the same day number (clamped to a shorter month's end)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def rolling_periods(days: Iterable[dt.date], months: int) -> dict[dt.date, str]:
    """The rolling period (named ``R`` + its first day) of each session day of one patient and entity.

    >>> found = rolling_periods(
    ...     [dt.date(2022, 4, 10), dt.date(2022, 5, 5), dt.date(2022, 8, 10)], 4
    ... )
    >>> sorted(set(found.values()))
    ['R2022-04-10', 'R2022-08-10']
    """
    if months <= 0:
        raise InvalidInputError(
            f"a period length must be positive, got {months}", where="period_months"
        )
    names: dict[dt.date, str] = {}
    end: dt.date | None = None
    name = ""
    for day in sorted(set(days)):
        if end is None or day >= end:
            end, name = _add_months(day, months), f"R{day.isoformat()}"
        names[day] = name
    return names


def _session(item: DialysisSession | Mapping[str, object], row: int) -> DialysisSession:
    if isinstance(item, DialysisSession):
        return item
    for column in ("session_id", "patient_id", "legal_entity", "date"):
        if column not in item:
            raise MissingColumnError(
                f"missing column {column!r}", where=f"sessions: row {row}, column {column}"
            )
        if item[column] is None or item[column] == "":
            raise EmptyValueError("empty value", where=f"sessions: row {row}, column {column}")
    day = item["date"]
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            raise InvalidInputError(
                f"not a date (YYYY-MM-DD): {day!r}", where=f"sessions: row {row}, column date"
            ) from None
    if isinstance(day, dt.datetime):
        day = day.date()
    if not isinstance(day, dt.date):
        raise InvalidInputError(f"not a date: {day!r}", where=f"sessions: row {row}, column date")
    return DialysisSession(
        str(item["session_id"]), str(item["patient_id"]), str(item["legal_entity"]), day
    )


def _read_sessions(
    sessions: Iterable[DialysisSession | Mapping[str, object]],
) -> tuple[DialysisSession, ...]:
    seen: set[str] = set()
    found = []
    for row, item in enumerate(sessions):
        session = _session(item, row)
        if session.session_id in seen:
            raise DuplicateIdError(
                f"session_id {session.session_id!r} appears more than once",
                where=f"sessions: row {row}, column session_id",
            )
        seen.add(session.session_id)
        found.append(session)
    return tuple(found)


def _group(
    sessions: tuple[DialysisSession, ...], months: int, policy: DialysisPeriodPolicy
) -> dict[tuple[str, str, str], list[dt.date]]:
    groups: dict[tuple[str, str, str], list[dt.date]] = defaultdict(list)
    if policy is DialysisPeriodPolicy.CALENDAR:
        for session in sessions:
            name, _, _ = period_of(session.date, months)
            groups[(session.legal_entity, session.patient_id, name)].append(session.date)
        return groups
    by_patient: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    for session in sessions:
        by_patient[(session.legal_entity, session.patient_id)].append(session.date)
    for (entity, patient), days in by_patient.items():
        names = rolling_periods(days, months)
        for day in days:
            groups[(entity, patient, names[day])].append(day)
    return groups


def dialysis_stays(
    sessions: Iterable[DialysisSession | Mapping[str, object]],
    *,
    policy: DialysisPeriodPolicy | None = None,
    rules: RuleSet | None = None,
) -> DialysisStays:
    """Derive dialysis stays from sessions (see the module docstring for the exact rule).

    ``policy`` says how the four-month periods are cut (:class:`DialysisPeriodPolicy`); without
    it, fixed calendar periods are used and the explanation marks ``period_policy`` defaulted.

    Raises:
        DuplicateIdError: a session id appears twice.
        MissingColumnError, EmptyValueError: a record lacks a field.
        InvalidInputError: ``policy`` is not a :class:`DialysisPeriodPolicy`.
    """
    rules = resolve_rules(rules)
    if policy is not None and not isinstance(policy, DialysisPeriodPolicy):
        raise InvalidInputError(f"expected a DialysisPeriodPolicy, got {policy!r}", where="policy")
    chosen = policy or DialysisPeriodPolicy.CALENDAR
    months, months_read = rules.read_as("sun_es.dialysis.period_months", int)
    minimum, min_read = rules.read_as("sun_es.dialysis.min_sessions", int)
    read = _read_sessions(sessions)
    stays = []
    too_few = []
    for (entity, patient, name), days in sorted(_group(read, months, chosen).items()):
        if len(days) >= minimum:
            stay_id = f"DIA-{entity}-{patient}-{name}"
            stays.append(
                DialysisStay(stay_id, patient, entity, name, min(days), max(days), len(days))
            )
        else:
            too_few.append(SessionGroup(patient, entity, name, len(days)))
    explanation = Explanation(
        rule="sun_es.dialysis.stays",
        title=Text(
            fr="Séjours de dialyse dérivés des séances", en="Dialysis stays derived from sessions"
        ),
        outcome=Text(
            fr=counted(len(stays), "fr", fr=("séjour", "séjours"), en=("", ""))
            + " ; "
            + counted(len(too_few), "fr", fr=("groupe", "groupes"), en=("", ""))
            + f" avec moins de {minimum} séances",
            en=counted(len(stays), "en", fr=("", ""), en=("stay", "stays"))
            + "; "
            + counted(len(too_few), "en", fr=("", ""), en=("group", "groups"))
            + f" with fewer than {minimum} sessions",
        ),
        result=len(stays),
        inputs=(
            InputValue("sessions", len(read)),
            InputValue("period_policy", chosen.value, defaulted=policy is None),
        ),
        parameters=(months_read, min_read),
        assumptions=(
            chosen.describe(),
            Text(
                fr="entrée = première séance, sortie = dernière séance de la période",
                en="admission = first session, discharge = last session of the period",
            ),
        ),
    )
    return DialysisStays(tuple(stays), tuple(too_few), explanation)


__all__ = [
    "DialysisPeriodPolicy",
    "DialysisSession",
    "DialysisStay",
    "DialysisStays",
    "SessionGroup",
    "dialysis_stays",
    "period_of",
    "rolling_periods",
]
