"""Dialysis stays derived from dialysis sessions (RULES.md §2.1; Guide des indicateurs p. 12).

« Un séjour couvre une période de 4 mois, au cours de laquelle ont eu lieu au moins 3 séances de
dialyse, au sein de la même structure juridique » (confirmed: ``sun_es.dialysis.period_months``
and ``sun_es.dialysis.min_sessions``).

How the 4-month periods are cut is not in any source read. This module cuts **calendar
four-month periods** aligned on 1 January: January-April, May-August, September-December
(``2022-P1``, ``2022-P2``, ``2022-P3``), the same for every patient, so that a period never
depends on when a patient started and a session belongs to exactly one period. The period length
is read from the rules (a caller may supply another value that divides 12). A stay is one
(patient, legal entity, period) with at least ``min_sessions`` sessions; sessions of the same
patient in two legal entities (FINESS juridique) never add up. The stay's admission is its first
session and its discharge its last session in the period (the date the discharge documents are
measured from).

>>> from segur_numerique import load_rules
>>> sessions = [
...     DialysisSession("s1", "P1", "010000001", dt.date(2022, 1, 3)),
...     DialysisSession("s2", "P1", "010000001", dt.date(2022, 2, 7)),
...     DialysisSession("s3", "P1", "010000001", dt.date(2022, 4, 30)),
...     DialysisSession("s4", "P1", "010000001", dt.date(2022, 5, 2)),
... ]
>>> result = dialysis_stays(sessions, rules=load_rules())
>>> [
...     (s.stay_id, s.sessions, s.admission.isoformat(), s.discharge.isoformat())
...     for s in result.stays
... ]
[('DIA-010000001-P1-2022-P1', 3, '2022-01-03', '2022-04-30')]
>>> [(g.period, g.sessions) for g in result.too_few]
[('2022-P2', 1)]
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

import attrs

from segur_numerique.core.explanation import Explanation, InputValue
from segur_numerique.core.text import Text
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import (
    DuplicateIdError,
    EmptyValueError,
    InvalidInputError,
    MissingColumnError,
)
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet


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


@attrs.frozen
class DialysisStays:
    """The stays derived from sessions, the groups that made none, and the explanation."""

    stays: tuple[DialysisStay, ...]
    too_few: tuple[SessionGroup, ...]
    explanation: Explanation

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


def dialysis_stays(
    sessions: Iterable[DialysisSession | Mapping[str, object]], *, rules: RuleSet | None = None
) -> DialysisStays:
    """Derive dialysis stays from sessions (see the module docstring for the exact rule).

    Raises:
        DuplicateIdError: a session id appears twice.
        MissingColumnError, EmptyValueError: a record lacks a field.
    """
    rules = resolve_rules(rules)
    months, months_read = rules.read_as("sun_es.dialysis.period_months", int)
    minimum, min_read = rules.read_as("sun_es.dialysis.min_sessions", int)
    seen: set[str] = set()
    groups: dict[tuple[str, str, str], list[dt.date]] = defaultdict(list)
    for row, item in enumerate(sessions):
        session = _session(item, row)
        if session.session_id in seen:
            raise DuplicateIdError(
                f"session_id {session.session_id!r} appears more than once",
                where=f"sessions: row {row}, column session_id",
            )
        seen.add(session.session_id)
        name, _, _ = period_of(session.date, months)
        groups[(session.legal_entity, session.patient_id, name)].append(session.date)
    stays = []
    too_few = []
    for (entity, patient, name), days in sorted(groups.items()):
        if len(days) >= minimum:
            stays.append(
                DialysisStay(
                    f"DIA-{entity}-{patient}-{name}",
                    patient,
                    entity,
                    name,
                    min(days),
                    max(days),
                    len(days),
                )
            )
        else:
            too_few.append(SessionGroup(patient, entity, name, len(days)))
    explanation = Explanation(
        rule="sun_es.dialysis.stays",
        title=Text(
            fr="Séjours de dialyse dérivés des séances", en="Dialysis stays derived from sessions"
        ),
        outcome=Text(
            fr=f"{len(stays)} séjour(s) ; {len(too_few)} groupe(s) avec moins de {minimum} séances",
            en=f"{len(stays)} stay(s); {len(too_few)} group(s) with fewer than {minimum} sessions",
        ),
        result=len(stays),
        inputs=(InputValue("sessions", len(seen)),),
        parameters=(months_read, min_read),
        assumptions=(
            Text(
                fr="périodes calendaires de 4 mois alignées sur le 1er janvier (janvier-avril, "
                "mai-août, septembre-décembre) : découpage déduit, non sourcé",
                en="calendar four-month periods aligned on 1 January (January-April, May-August, "
                "September-December): an inferred cut, not sourced",
            ),
            Text(
                fr="entrée = première séance, sortie = dernière séance de la période",
                en="admission = first session, discharge = last session of the period",
            ),
        ),
    )
    return DialysisStays(tuple(stays), tuple(too_few), explanation)


__all__ = [
    "DialysisSession",
    "DialysisStay",
    "DialysisStays",
    "SessionGroup",
    "dialysis_stays",
    "period_of",
]
