"""Funding windows (fenêtres) and their phases, built from the dated rule data.

rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es] (SUN-ES: four overlapping windows of 10 months: 2 months of applications, the ARS
instructs through month 4, the last 6 months to reach the targets; the ARS Occitanie SUN-ES FAQ), ESMS numérique §5 (ESMS numérique
phases amorçage and généralisation).

Conventions (see the page *Windows and time* in the docs):

* **Half-open internally.** A :class:`Phase` covers ``[start, stop)``: ``start`` is its first
  day and ``stop`` the first day *after* it. The texts give inclusive ends ("du 1er septembre au
  31 octobre"); :meth:`Phase.from_inclusive` converts them and :attr:`Phase.end` gives the
  inclusive last day back. With half-open phases, "contiguous" is ``a.stop == b.start``, a
  duration is ``stop - start``, and adding months to the anchor gives the next start directly.
* **Month arithmetic is explicit** (:mod:`segur_numerique.core.dates`). Phases built from an
  anchor are each computed from the anchor (``anchor + 2 months``, ``anchor + 4 months``...),
  never by chaining, because month addition is not associative.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from segur_numerique.calendar.headlines import window_headline, window_tables
from segur_numerique.calendar.timeline import draw_timeline
from segur_numerique.core.dates import MonthEndPolicy, add_months
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, ParameterRead
from segur_numerique.core.periods import Period
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import JsonValue, encode_value, format_date
from segur_numerique.errors import (
    DateOrderError,
    PhaseLayoutError,
)


class PhaseKind(enum.Enum):
    """The kind of a phase of a window."""

    CANDIDATURE = "candidature"
    """Applications are filed (SUN-ES: the first 2 months)."""
    INSTRUCTION = "instruction"
    """The ARS instructs the applications (SUN-ES: through month 4)."""
    REALISATION = "realisation"
    """The establishment reaches its usage targets (SUN-ES: the last 6 months)."""
    AMORCAGE = "amorcage"
    """ESMS numérique: the seeding phase."""
    GENERALISATION = "generalisation"
    """ESMS numérique: the generalisation phase."""

    def label(self) -> Text:
        """The kind in French and English."""
        return _PHASE_LABELS[self]


_PHASE_LABELS = {
    PhaseKind.CANDIDATURE: Text(fr="candidature", en="applications"),
    PhaseKind.INSTRUCTION: Text(fr="instruction par l'ARS", en="instruction by the ARS"),
    PhaseKind.REALISATION: Text(fr="réalisation (atteinte des cibles)", en="reaching the targets"),
    PhaseKind.AMORCAGE: Text(fr="amorçage", en="seeding (amorçage)"),
    PhaseKind.GENERALISATION: Text(fr="généralisation", en="generalisation"),
}


def _check_plain_date(
    _instance: object, attribute: attrs.Attribute[dt.date], value: object
) -> None:
    check_date(value, where=attribute.name)


def _reads(value: Iterable[ParameterRead]) -> tuple[ParameterRead, ...]:
    return tuple(value)


def _texts(value: Iterable[Text]) -> tuple[Text, ...]:
    return tuple(value)


@attrs.frozen
class Phase:
    """A phase of a window, covering the days ``[start, stop)`` (half-open).

    >>> p = Phase.from_inclusive(PhaseKind.CANDIDATURE, dt.date(2021, 9, 1), dt.date(2021, 10, 31))
    >>> p.stop, p.end, p.days
    (datetime.date(2021, 11, 1), datetime.date(2021, 10, 31), 61)
    >>> dt.date(2021, 10, 31) in p, dt.date(2021, 11, 1) in p
    (True, False)

    Attributes:
        kind: candidature, instruction, réalisation...
        start: the first day.
        stop: the first day after the phase (exclusive).
        reads: the rule values its dates come from, with their provenance.
        derivation: how dates not read directly were derived (e.g. "the day after instruction").
    """

    kind: PhaseKind
    start: dt.date = attrs.field(validator=_check_plain_date)
    stop: dt.date = attrs.field(validator=_check_plain_date)
    reads: tuple[ParameterRead, ...] = attrs.field(default=(), converter=_reads)
    derivation: tuple[Text, ...] = attrs.field(default=(), converter=_texts)

    def __attrs_post_init__(self) -> None:
        if self.stop <= self.start:
            raise DateOrderError(
                f"ends ({(self.stop - dt.timedelta(days=1)).isoformat()}) before it starts "
                f"({self.start.isoformat()})",
                where=f"phase {self.kind.value}",
            )

    @classmethod
    def from_inclusive(
        cls,
        kind: PhaseKind,
        start: dt.date,
        end: dt.date,
        *,
        reads: Iterable[ParameterRead] = (),
        derivation: Iterable[Text] = (),
    ) -> Phase:
        """A phase from the texts' inclusive dates ("du ``start`` au ``end``")."""
        _check_plain_date(None, attrs.fields(Phase).start, start)
        _check_plain_date(None, attrs.fields(Phase).stop, end)
        if end < start:
            raise DateOrderError(
                f"ends ({end.isoformat()}) before it starts ({start.isoformat()})",
                where=f"phase {kind.value}",
            )
        return cls(kind, start, end + dt.timedelta(days=1), tuple(reads), tuple(derivation))

    @property
    def end(self) -> dt.date:
        """The last day of the phase (inclusive, as the texts write it)."""
        return self.stop - dt.timedelta(days=1)

    @property
    def period(self) -> Period:
        """The phase as an inclusive :class:`~segur_numerique.Period`."""
        return Period(self.start, self.end)

    @property
    def days(self) -> int:
        """The number of days of the phase."""
        return (self.stop - self.start).days

    def __contains__(self, day: object) -> bool:
        return (
            isinstance(day, dt.date)
            and not isinstance(day, dt.datetime)
            and self.start <= day < self.stop
        )

    def render(self, lang: Lang) -> str:
        """``candidature: 1er septembre 2021 → 31 octobre 2021``."""
        language = check_lang(lang)
        return (
            f"{self.kind.label().in_(language)}: {format_date(self.start, language)} → "
            f"{format_date(self.end, language)}"
        )

    def to_json(self) -> dict[str, JsonValue]:
        """The phase as JSON: kind, inclusive ``start``/``end``, exclusive ``stop``, sources."""
        return {
            "kind": self.kind.value,
            "label": self.kind.label().to_json(),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "stop": self.stop.isoformat(),
            "reads": [_read_json(r) for r in self.reads],
            "derivation": [d.to_json() for d in self.derivation],
        }


def _read_json(read: ParameterRead) -> dict[str, JsonValue]:
    return {
        "key": read.key,
        "value": encode_value(read.value),
        "status": read.status.value,
        "origin": read.origin.value,
        "alternative": read.alternative,
        "sources": [s.to_json() for s in read.sources],
        "reasoning": read.reasoning.to_json() if read.reasoning else None,
    }


def _phases(value: Iterable[Phase]) -> tuple[Phase, ...]:
    return tuple(value)


@attrs.frozen(repr=False)
class Window(HtmlResult):
    """A funding window (fenêtre): named, contiguous phases that together cover it.

    Windows of one programme may overlap (SUN-ES F2 applications run while F1 reaches its
    targets); the phases *inside* one window may not (:class:`PhaseLayoutError`).

    Attributes:
        programme: the programme id (``"sun_es"``).
        name: the window's name (``"F1"``).
        label: its name in French and English.
        phases: its phases in date order, each starting the day the previous one stops.
    """

    programme: str
    name: str
    label: Text
    phases: tuple[Phase, ...] = attrs.field(converter=_phases)
    _headline, _tables = window_headline, window_tables

    def __attrs_post_init__(self) -> None:
        where = f"window {self.programme}.{self.name}"
        if not self.phases:
            raise PhaseLayoutError("a window needs at least one phase", where=where)
        kinds = [p.kind for p in self.phases]
        if len(set(kinds)) != len(kinds):
            raise PhaseLayoutError(
                f"a phase kind appears twice: {', '.join(k.value for k in kinds)}", where=where
            )
        for before, after in zip(self.phases, self.phases[1:], strict=False):
            if after.start < before.stop:
                raise PhaseLayoutError(
                    f"phases {before.kind.value} (to {before.end.isoformat()}) and "
                    f"{after.kind.value} (from {after.start.isoformat()}) overlap",
                    where=where,
                )
            if after.start > before.stop:
                raise PhaseLayoutError(
                    f"phases {before.kind.value} (to {before.end.isoformat()}) and "
                    f"{after.kind.value} (from {after.start.isoformat()}) leave a gap",
                    where=where,
                )

    @property
    def start(self) -> dt.date:
        """The first day of the window."""
        return self.phases[0].start

    @property
    def stop(self) -> dt.date:
        """The first day after the window."""
        return self.phases[-1].stop

    @property
    def end(self) -> dt.date:
        """The last day of the window (inclusive): for SUN-ES, the targets deadline."""
        return self.phases[-1].end

    @property
    def deadline(self) -> dt.date:
        """The last day to reach the targets (the end of the réalisation phase, or of the window)."""
        realisation = self.phase(PhaseKind.REALISATION)
        return realisation.end if realisation else self.end

    @property
    def period(self) -> Period:
        """The window as an inclusive :class:`~segur_numerique.Period`."""
        return Period(self.start, self.end)

    @property
    def applications(self) -> Phase | None:
        """The candidature phase, if the window has one."""
        return self.phase(PhaseKind.CANDIDATURE)

    def plot(self, ax: Any = None, *, lang: Lang = "fr", mark: dt.date | None = None) -> Any:
        """Draw the phases as a timeline (matplotlib, extra ``plot``); return the ``Axes``."""
        return draw_timeline((self,), self.label, ax=ax, lang=lang, mark=mark)

    def phase(self, kind: PhaseKind) -> Phase | None:
        """The phase of this kind, if any."""
        return next((p for p in self.phases if p.kind is kind), None)

    def phase_on(self, day: dt.date) -> Phase | None:
        """The phase the window is in on ``day`` (``None`` before or after the window)."""
        check_date(day, where="day")
        return next((p for p in self.phases if day in p), None)

    def __contains__(self, day: object) -> bool:
        return (
            isinstance(day, dt.date)
            and not isinstance(day, dt.datetime)
            and self.start <= day < self.stop
        )

    @property
    def parameters(self) -> tuple[ParameterRead, ...]:
        """Every rule value the window was built from (each key once)."""
        seen: dict[str, ParameterRead] = {}
        for phase in self.phases:
            for read in phase.reads:
                seen.setdefault(read.key, read)
        return tuple(seen.values())

    def explanation(self) -> Explanation:
        """Where each date of the window comes from."""
        children = tuple(
            Explanation(
                rule=f"{self.programme}.window.phase",
                title=p.kind.label(),
                outcome=Text(fr=p.render("fr"), en=p.render("en")),
                result=p.period,
                parameters=p.reads,
                assumptions=p.derivation,
            )
            for p in self.phases
        )
        return Explanation(
            rule=f"{self.programme}.window",
            title=Text(fr=f"Fenêtre {self.label.fr}", en=f"Window {self.label.en}"),
            outcome=Text(
                fr=f"du {format_date(self.start, 'fr')} au {format_date(self.end, 'fr')}",
                en=f"from {format_date(self.start, 'en')} to {format_date(self.end, 'en')}",
            ),
            result=self.period,
            children=children,
        )

    def render(self, lang: Lang) -> str:
        """``F1``."""
        return self.name

    def to_json(self) -> dict[str, JsonValue]:
        """The window with its phases, ISO dates, statuses and sources."""
        return {
            "programme": self.programme,
            "name": self.name,
            "label": self.label.to_json(),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "phases": [p.to_json() for p in self.phases],
        }


def build_window(
    name: str,
    anchor: dt.date,
    durations: Sequence[tuple[PhaseKind, int]],
    *,
    programme: str = "custom",
    label: Text | None = None,
    policy: MonthEndPolicy = MonthEndPolicy.ABORT_ON_ROUND,
    reads: Iterable[ParameterRead] = (),
) -> Window:
    """A window starting on ``anchor`` with phases of the given lengths in months.

    Each phase starts at ``anchor + (months of the phases before)``, computed from the anchor;
    the last one stops at ``anchor + (all the months)``.

    >>> w = build_window(
    ...     "F1",
    ...     dt.date(2021, 9, 1),
    ...     [(PhaseKind.CANDIDATURE, 2), (PhaseKind.INSTRUCTION, 2), (PhaseKind.REALISATION, 6)],
    ... )
    >>> [(p.kind.value, p.start.isoformat(), p.end.isoformat()) for p in w.phases]
    [('candidature', '2021-09-01', '2021-10-31'), ('instruction', '2021-11-01', '2021-12-31'), ('realisation', '2022-01-01', '2022-06-30')]

    Raises:
        AmbiguousDateError: a phase boundary falls on a missing day and ``policy`` is
            ``ABORT_ON_ROUND``.
        DateOrderError: a duration is not positive.
    """
    check_date(anchor, where="anchor")
    reads = tuple(reads)
    phases = []
    months = 0
    for i, (kind, length) in enumerate(durations):
        if isinstance(length, bool) or not isinstance(length, int) or length <= 0:
            raise DateOrderError(
                f"a phase lasts a positive whole number of months, got {length!r}",
                where=f"durations[{i}] ({kind.value})",
            )
        start = add_months(anchor, months, policy=policy, where=f"durations[{i}] ({kind.value})")
        months += length
        stop = add_months(anchor, months, policy=policy, where=f"durations[{i}] ({kind.value})")
        phases.append(
            Phase(
                kind,
                start,
                stop,
                reads,
                (
                    Text(
                        fr=f"{length} mois à partir du {format_date(anchor, 'fr')} + {months - length} mois",
                        en=f"{length} months from {format_date(anchor, 'en')} + {months - length} months",
                    ),
                ),
            )
        )
    return Window(programme, name, label or Text(fr=name, en=name), tuple(phases))
