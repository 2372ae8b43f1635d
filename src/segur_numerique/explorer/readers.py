"""Who reads each rule value: derived from runs, not declared by hand.

Computations do not declare the keys they read (a key is often built from an input: the window,
the domain...). What they read is recorded in their explanations (every
:class:`~segur_numerique.core.explanation.ParameterRead`), so the explorer runs the shipped
conformance scenarios (:func:`~segur_numerique.kit.scenarios.shipped_scenarios`) once and collects,
for each key, the computations whose explanation read it; and it builds every programme's calendar
(:mod:`segur_numerique.calendars`) and collects the keys its windows and deadlines come from. A
computation path that no shipped scenario runs is not seen: the pages say "in the shipped
scenarios". The result depends only on the package (each scenario names its own rules), so it is
computed once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

import attrs

from segur_numerique.calendar.windows import Window
from segur_numerique.calendars import CALENDAR_PROGRAMMES, deadlines, windows
from segur_numerique.core.explanation import Explanation
from segur_numerique.core.text import Text
from segur_numerique.errors import SegurError
from segur_numerique.kit.registry import computations
from segur_numerique.kit.scenarios import shipped_scenarios
from segur_numerique.kit.verify import verify_paths
from segur_numerique.rules.model import RuleSet

_TRIVIAL = frozenset({"rules.read"})
"""Computations left out: ``rules.read`` reads the very key it is given."""


@attrs.frozen
class Reader:
    """Something that reads a rule value: a computation or a programme's calendar.

    Attributes:
        kind: ``"computation"`` or ``"calendar"``.
        name: the computation's name (``sun_es.forfait``) or the calendar's programme id.
        title: what it is, in French and English.
    """

    kind: str
    name: str
    title: Text


def _keys(explanation: Explanation | None) -> set[str]:
    if explanation is None:
        return set()
    return {read.key for step in explanation.walk() for read in step.parameters}


@functools.cache
def computation_readers() -> Mapping[str, tuple[Reader, ...]]:
    """For each rule key, the computations that read it in the shipped scenarios."""
    found: dict[str, dict[str, Reader]] = {}
    registry = computations()
    for result in verify_paths([shipped_scenarios()]):
        name = result.scenario.computation
        if name in _TRIVIAL:
            continue
        reader = Reader("computation", name, registry[name].title)
        for key in _keys(result.explanation):
            found.setdefault(key, {})[name] = reader
    return {key: tuple(sorted(r.values(), key=lambda r: r.name)) for key, r in found.items()}


def _window_keys(found: Iterable[Window]) -> set[str]:
    return {read.key for window in found for phase in window.phases for read in phase.reads}


def calendar_readers(rules: RuleSet) -> Mapping[str, tuple[Reader, ...]]:
    """For each rule key, the programme calendars built from it (with ``rules``)."""
    found: dict[str, list[Reader]] = {}
    for pid, prog in CALENDAR_PROGRAMMES.items():
        keys: set[str] = set()
        if prog.build is not None:
            try:
                keys |= _window_keys(windows(pid, rules=rules))
            except SegurError:
                keys |= set()  # dates unknown: the calendars page says so
        keys |= {d.key for d in deadlines(pid, rules=rules)}
        reader = Reader("calendar", pid, prog.title)
        for key in keys:
            found.setdefault(key, []).append(reader)
    return {key: tuple(readers) for key, readers in found.items()}


def readers_of(key: str, rules: RuleSet) -> tuple[Reader, ...]:
    """Every reader of ``key``: computations first, then calendars."""
    return computation_readers().get(key, ()) + calendar_readers(rules).get(key, ())
