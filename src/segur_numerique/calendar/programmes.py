"""Programmes with a calendar, and the generic logic to build and search their windows.

Each programme package defines its own :class:`Programme` (``<package>/calendar.py``,
module constant ``CALENDARS``) with the function that builds its windows from the rule data;
:mod:`segur_numerique.calendars` collects them into the registry. Nothing here knows a programme
by name.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from segur_numerique.calendar.windows import Phase, Window
from segur_numerique.core.explanation import ParameterRead
from segur_numerique.core.periods import Period
from segur_numerique.core.text import Text
from segur_numerique.core.validators import check_date
from segur_numerique.core.values import JsonValue
from segur_numerique.errors import (
    ConflictingValueError,
    InvalidInputError,
    UnknownProgrammeError,
    UnknownWindowError,
)
from segur_numerique.rules.loading import load_rules
from segur_numerique.rules.model import RuleSet


@attrs.frozen
class WindowReader:
    """Reads rule values as known on a date, using a named alternative where one is offered.

    Attributes:
        rules: the rule set.
        on: read the values as known on this day (latest when ``None``).
        alternative: for conflicting values, the alternative to use where it is offered.
    """

    rules: RuleSet
    on: dt.date | None
    alternative: str | None

    def read(self, key: str) -> ParameterRead:
        """The value of ``key``, with the alternative when this version offers it."""
        version = self.rules.value(key).as_known_on(on=self.on)
        offered = any(a.name == self.alternative for a in version.alternatives)
        return self.rules.read(key, on=self.on, alternative=self.alternative if offered else None)

    def offers(self, keys: Iterable[str]) -> bool:
        """Whether one of ``keys`` offers the alternative."""
        for key in keys:
            version = self.rules.value(key).as_known_on(on=self.on)
            if any(a.name == self.alternative for a in version.alternatives):
                return True
        return False

    def names(self, prefix: str, suffix: str | None) -> list[str]:
        """The ``name`` of every key ``<prefix>.<name>[.<suffix>]``, in the rule data's order."""
        pattern = re.compile(
            re.escape(prefix)
            + r"\.([A-Za-z0-9_]+)"
            + (re.escape(f".{suffix}") if suffix else "")
            + "$"
        )
        return [m.group(1) for key in self.rules.values if (m := pattern.match(key))]


def as_period(read: ParameterRead) -> Period:
    """The value read, which must be a :class:`~segur_numerique.Period`."""
    if not isinstance(read.value, Period):
        raise InvalidInputError(f"expected a period, got {read.value!r}", where=read.key)
    return read.value


def as_date(read: ParameterRead) -> dt.date:
    """The value read, which must be a date."""
    return check_date(read.value, where=read.key)


WindowBuilder = Callable[[WindowReader, "Programme"], tuple[list[Window], list[str]]]
"""Builds a programme's windows; returns them and the keys whose alternatives count."""


@attrs.frozen
class Programme:
    """A programme whose calendar the library knows.

    Attributes:
        id: its id (``"sun_es"``), also the first segment of its rule keys.
        title: its name in French and English.
        window_prefix: the rule-key prefix of its windows, if it has windows.
        build: builds its windows from the rule data (``None``: deadlines only).
        extra_deadlines: keys of deadlines outside ``<id>...deadline.<name>``.
        dates_known: ``False`` when the texts give no dates (left out of the default export).
    """

    id: str
    title: Text
    window_prefix: str | None = None
    build: WindowBuilder | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    extra_deadlines: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    dates_known: bool = attrs.field(default=True, kw_only=True)

    def windows(
        self,
        *,
        rules: RuleSet | None = None,
        as_known_on: dt.date | None = None,
        alternative: str | None = None,
    ) -> tuple[Window, ...]:
        """Its windows in date order (see :func:`segur_numerique.calendars.windows`)."""
        rules = rules if rules is not None else load_rules()
        reader = WindowReader(rules, as_known_on, alternative)
        built, keys = ([], []) if self.build is None else self.build(reader, self)
        if alternative is not None and not reader.offers(keys):
            raise ConflictingValueError(
                f"no date of programme {self.id!r} offers the alternative {alternative!r}"
            )
        return tuple(sorted(built, key=lambda w: (w.start, w.name)))


def find_programme(registry: Mapping[str, Programme], name: str) -> Programme:
    """The programme called ``name`` in ``registry`` (:class:`UnknownProgrammeError` if none)."""
    found = registry.get(name) if isinstance(name, str) else None
    if found is None:
        keys = list(registry)
        close = difflib.get_close_matches(str(name), keys, n=3)
        close += [k for k in keys if str(name).lower() in k and k not in close]
        raise UnknownProgrammeError(str(name), suggestions=tuple(close[:3]))
    return found


def find_window(found: Sequence[Window], name: str, programme_id: str) -> Window:
    """The window called ``name`` among ``found`` (:class:`UnknownWindowError` if none)."""
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


def phases_on(found: Iterable[Window], day: dt.date) -> tuple[WindowPhase, ...]:
    """The windows of ``found`` open on ``day``, each with its phase that day."""
    check_date(day, where="day")
    out = []
    for w in found:
        phase = w.phase_on(day)
        if phase is not None:
            out.append(WindowPhase(w, phase))
    return tuple(out)


def first_after(found: Iterable[Window], day: dt.date) -> Window | None:
    """The first window of ``found`` (in date order) that opens after ``day``."""
    check_date(day, where="day")
    return next((w for w in found if w.start > day), None)
