"""Funding windows (fenêtres) and their phases, built from the dated rule data.

RULES.md §2.2 (SUN-ES: four overlapping windows of 10 months: 2 months of applications, the ARS
instructs through month 4, the last 6 months to reach the targets; seed 002), §5 (ESMS numérique
phases amorçage and généralisation).

Conventions (see the page *Windows and time* in the docs):

* **Half-open internally.** A :class:`Phase` covers ``[start, stop)``: ``start`` is its first
  day and ``stop`` the first day *after* it. The texts give inclusive ends ("du 1er septembre au
  31 octobre"); :meth:`Phase.from_inclusive` converts them and :attr:`Phase.end` gives the
  inclusive last day back. With half-open phases, "contiguous" is ``a.stop == b.start``, a
  duration is ``stop - start``, and adding months to the anchor gives the next start directly.
* **Month arithmetic is explicit.** ``31 August + 6 months`` has no answer (there is no
  31 February): :func:`add_months` raises :class:`AmbiguousDateError` unless a
  :class:`MonthEndPolicy` is named, like Catala's ``AbortOnRound`` / ``RoundDown`` / ``RoundUp``.
  Phases built from an anchor are each computed from the anchor (``anchor + 2 months``,
  ``anchor + 4 months``...), never by chaining, because month addition is not associative.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
from collections.abc import Iterable, Mapping, Sequence

import attrs
from dateutil.relativedelta import relativedelta

from segur_numerique._catalogue import UnknownProgrammeError
from segur_numerique._rules import Period, RuleSet, load_rules
from segur_numerique.core.display import HtmlResult
from segur_numerique.core.explanation import Explanation, ParameterRead
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import JsonValue, encode_value, format_date
from segur_numerique.errors import (
    ConflictingValueError,
    InvalidInputError,
    SegurError,
)

# --------------------------------------------------------------------------------------------
# Errors


class AmbiguousDateError(InvalidInputError):
    """Month arithmetic fell on a missing day (31 August + 6 months) and no policy was named."""


class DateOrderError(InvalidInputError):
    """A period ends before it starts."""


class PhaseLayoutError(InvalidInputError):
    """The phases of one window overlap, leave a gap, or repeat a kind."""


class ReadyDateError(InvalidInputError):
    """A ready date (the date an establishment can reach its targets) is before the programme."""


class UnknownWindowError(SegurError, KeyError):
    """No window of the programme has this name.

    Attributes:
        name: the name asked for.
        programme: the programme searched.
        suggestions: close names.
    """

    def __init__(self, name: str, *, programme: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.programme = programme
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"programme {programme!r} has no window {name!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


# --------------------------------------------------------------------------------------------
# Month arithmetic


class MonthEndPolicy(enum.Enum):
    """What to do when adding months lands on a day the month does not have.

    Modelled on Catala's date rounding (``AbortOnRound``, ``RoundDown``, ``RoundUp``).
    """

    ABORT_ON_ROUND = "abort_on_round"
    """Raise :class:`AmbiguousDateError` (the default: nothing is guessed)."""
    ROUND_DOWN = "round_down"
    """Take the last day of the month (31 Aug + 6 months = 28 or 29 Feb), like ``relativedelta``."""
    ROUND_UP = "round_up"
    """Take the first day of the next month (31 Aug + 6 months = 1 Mar)."""


def add_months(
    day: dt.date,
    months: int,
    *,
    policy: MonthEndPolicy = MonthEndPolicy.ABORT_ON_ROUND,
    where: str = "date",
) -> dt.date:
    """``day`` plus ``months`` months (negative to go back), with an explicit month-end policy.

    >>> add_months(dt.date(2021, 9, 1), 10)
    datetime.date(2022, 7, 1)
    >>> add_months(dt.date(2021, 8, 31), 6)
    Traceback (most recent call last):
    ...
    segur_numerique._windows.AmbiguousDateError: date: 2021-08-31 + 6 months is ambiguous (February 2022 has no day 31); name a MonthEndPolicy (ROUND_DOWN or ROUND_UP)
    >>> add_months(dt.date(2021, 8, 31), 6, policy=MonthEndPolicy.ROUND_DOWN)
    datetime.date(2022, 2, 28)
    >>> add_months(dt.date(2021, 8, 31), 6, policy=MonthEndPolicy.ROUND_UP)
    datetime.date(2022, 3, 1)
    """
    check_date(day, where=where)
    if isinstance(months, bool) or not isinstance(months, int):
        raise InvalidInputError(f"expected a whole number of months, got {months!r}", where=where)
    if not isinstance(policy, MonthEndPolicy):
        raise InvalidInputError(f"expected a MonthEndPolicy, got {policy!r}", where="policy")
    clamped: dt.date = day + relativedelta(months=months)
    if clamped.day == day.day:
        return clamped
    if policy is MonthEndPolicy.ROUND_DOWN:
        return clamped
    if policy is MonthEndPolicy.ROUND_UP:
        return clamped + dt.timedelta(days=1)
    month = format_date(clamped, "en").split(" ", 1)[1]
    raise AmbiguousDateError(
        f"{day.isoformat()} {'+' if months >= 0 else '-'} {abs(months)} months is ambiguous "
        f"({month} has no day {day.day}); name a MonthEndPolicy (ROUND_DOWN or ROUND_UP)",
        where=where,
    )


# --------------------------------------------------------------------------------------------
# Phases and windows


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


@attrs.frozen
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


# --------------------------------------------------------------------------------------------
# Programmes and their windows, read from the rule data


@attrs.frozen
class CalendarProgramme:
    """A programme whose calendar the library knows.

    Attributes:
        id: its id (``"sun_es"``), also the first segment of its rule keys.
        title: its name in French and English.
        window_prefix: the rule-key prefix of its windows, if it has windows.
    """

    id: str
    title: Text
    window_prefix: str | None = None


CALENDAR_PROGRAMMES: Mapping[str, CalendarProgramme] = {
    "sun_es": CalendarProgramme(
        "sun_es",
        Text(
            fr="SUN-ES volet 1 (Ségur Usage Numérique en Établissements de Santé)",
            en="SUN-ES volet 1 (Ségur usage funding for health establishments)",
        ),
        "sun_es.window",
    ),
    "sun_es_volet2": CalendarProgramme(
        "sun_es_volet2",
        Text(fr="SUN-ES volet 2 (messageries sécurisées)", en="SUN-ES volet 2 (secure messaging)"),
        "sun_es.volet2.window",
    ),
    "sons": CalendarProgramme(
        "sons",
        Text(
            fr="SONS (financement de l'équipement, achat pour compte)",
            en="SONS (equipment funding paid to vendors)",
        ),
    ),
    "e_parcours": CalendarProgramme(
        "e_parcours", Text(fr="Programme e-parcours", en="e-parcours programme")
    ),
    "esms_numerique": CalendarProgramme(
        "esms_numerique",
        Text(fr="ESMS numérique", en="ESMS numérique (social and medico-social sector)"),
        "esms_numerique.phase",
    ),
}
"""The programmes with a calendar, by id."""


def calendar_programme(name: str) -> CalendarProgramme:
    """The programme called ``name``.

    >>> calendar_programme("sun_es").title.en
    'SUN-ES volet 1 (Ségur usage funding for health establishments)'
    >>> calendar_programme("sunes")
    Traceback (most recent call last):
    ...
    segur_numerique.catalogue.programme.UnknownProgrammeError: unknown programme 'sunes'; did you mean sun_es, sons?
    """
    found = CALENDAR_PROGRAMMES.get(name) if isinstance(name, str) else None
    if found is None:
        keys = list(CALENDAR_PROGRAMMES)
        close = difflib.get_close_matches(str(name), keys, n=3)
        close += [k for k in keys if str(name).lower() in k and k not in close]
        raise UnknownProgrammeError(str(name), suggestions=tuple(close[:3]))
    return found


@attrs.frozen
class _Reader:
    """Reads rule values as known on a date, using a named alternative where one is offered."""

    rules: RuleSet
    on: dt.date | None
    alternative: str | None

    def read(self, key: str) -> ParameterRead:
        version = self.rules.value(key).as_known_on(self.on)
        offered = any(a.name == self.alternative for a in version.alternatives)
        return self.rules.read(key, on=self.on, alternative=self.alternative if offered else None)

    def offers(self, keys: Iterable[str]) -> bool:
        for key in keys:
            version = self.rules.value(key).as_known_on(self.on)
            if any(a.name == self.alternative for a in version.alternatives):
                return True
        return False


def _as_period(read: ParameterRead) -> Period:
    if not isinstance(read.value, Period):
        raise InvalidInputError(f"expected a period, got {read.value!r}", where=read.key)
    return read.value


def _as_date(read: ParameterRead) -> dt.date:
    return check_date(read.value, where=read.key)


_SUN_ES_DERIVED_START = Text(
    fr="la réalisation commence le lendemain de la fin de l'instruction (seed 002 : « les 6 "
    "derniers mois pour atteindre les cibles »)",
    en="reaching the targets starts the day after instruction ends (seed 002: 'the last 6 months "
    "to reach the targets')",
)


def _targets_window(reader: _Reader, prog: CalendarProgramme, name: str) -> Window:
    prefix = f"{prog.window_prefix}.{name}"
    apps = reader.read(f"{prefix}.applications")
    instr = reader.read(f"{prefix}.instruction")
    deadline = reader.read(f"{prefix}.targets_deadline")
    apps_p, instr_p = _as_period(apps), _as_period(instr)
    phases = (
        Phase.from_inclusive(PhaseKind.CANDIDATURE, apps_p.start, apps_p.end, reads=(apps,)),
        Phase.from_inclusive(PhaseKind.INSTRUCTION, instr_p.start, instr_p.end, reads=(instr,)),
        Phase.from_inclusive(
            PhaseKind.REALISATION,
            instr_p.end + dt.timedelta(days=1),
            _as_date(deadline),
            reads=(instr, deadline),
            derivation=(_SUN_ES_DERIVED_START,),
        ),
    )
    return Window(prog.id, name, Text(fr=name, en=name), phases)


_ESMS_KINDS = {"amorcage": PhaseKind.AMORCAGE, "generalisation": PhaseKind.GENERALISATION}


def _names(rules: RuleSet, prefix: str, suffix: str | None) -> list[str]:
    pattern = re.compile(
        re.escape(prefix) + r"\.([A-Za-z0-9_]+)" + (re.escape(f".{suffix}") if suffix else "") + "$"
    )
    return [m.group(1) for key in rules.values if (m := pattern.match(key))]


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
    rules = rules if rules is not None else load_rules()
    reader = _Reader(rules, as_known_on, alternative)
    if prog.window_prefix is None:
        built: list[Window] = []
        keys: list[str] = []
    elif prog.id == "esms_numerique":
        names = _names(rules, prog.window_prefix, None)
        keys = [f"{prog.window_prefix}.{n}" for n in names]
        built = []
        for name, key in zip(names, keys, strict=True):
            read = reader.read(key)
            period = _as_period(read)
            kind = _ESMS_KINDS.get(name)
            if kind is None:
                raise InvalidInputError(f"unknown ESMS numérique phase {name!r}", where=key)
            built.append(
                Window(
                    prog.id,
                    name,
                    kind.label(),
                    (Phase.from_inclusive(kind, period.start, period.end, reads=(read,)),),
                )
            )
    else:
        names = _names(rules, prog.window_prefix, "applications")
        if not names:
            # Nothing supplied: read the first expected key so that the error names it.
            rules.read(f"{prog.window_prefix}.F1.applications")
        keys = [f"{prog.window_prefix}.{n}.targets_deadline" for n in names]
        built = [_targets_window(reader, prog, n) for n in names]
    if alternative is not None and not reader.offers(keys):
        raise ConflictingValueError(
            f"no date of programme {prog.id!r} offers the alternative {alternative!r}"
        )
    return tuple(sorted(built, key=lambda w: (w.start, w.name)))


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
    segur_numerique._windows.UnknownWindowError: programme 'sun_es' has no window 'F5'; did you mean F4, F3, F2?
    """
    found = windows(programme_id, rules=rules, as_known_on=as_known_on, alternative=alternative)
    for w in found:
        if w.name == name:
            return w
    names = [w.name for w in found]
    close = difflib.get_close_matches(str(name), names, n=3, cutoff=0.5) or [
        n for n in names if n.lower() == str(name).lower()
    ]
    raise UnknownWindowError(str(name), programme=programme_id, suggestions=tuple(close))


@attrs.frozen
class WindowPhase:
    """A window and the phase it is in on some day."""

    window: Window
    phase: Phase

    def to_json(self) -> dict[str, JsonValue]:
        """``{"window": "F1", "phase": "realisation", ...}``."""
        return {
            "programme": self.window.programme,
            "window": self.window.name,
            "phase": self.phase.kind.value,
            "start": self.phase.start.isoformat(),
            "end": self.phase.end.isoformat(),
        }


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
    out = []
    for w in windows(programme_id, rules=rules, as_known_on=as_known_on, alternative=alternative):
        phase = w.phase_on(day)
        if phase is not None:
            out.append(WindowPhase(w, phase))
    return tuple(out)


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
    for w in windows(programme_id, rules=rules, as_known_on=as_known_on, alternative=alternative):
        if w.start > day:
            return w
    return None


def sun_es_pattern(rules: RuleSet | None = None) -> tuple[tuple[PhaseKind, int], ...]:
    """The SUN-ES window pattern in months, read from the rule data (seed 002: 2 + 2 + 6).

    >>> sun_es_pattern()
    ((<PhaseKind.CANDIDATURE: 'candidature'>, 2), (<PhaseKind.INSTRUCTION: 'instruction'>, 2), (<PhaseKind.REALISATION: 'realisation'>, 6))
    """
    rules = rules if rules is not None else load_rules()
    out = []
    for kind, key in (
        (PhaseKind.CANDIDATURE, "sun_es.window.pattern.applications_months"),
        (PhaseKind.INSTRUCTION, "sun_es.window.pattern.instruction_months"),
        (PhaseKind.REALISATION, "sun_es.window.pattern.realisation_months"),
    ):
        value = rules.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(f"expected a number of months, got {value!r}", where=key)
        out.append((kind, value))
    return tuple(out)
