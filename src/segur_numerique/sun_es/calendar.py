"""The SUN-ES calendar: the windows F1-F4 of volet 1 and the windows of volet 2.

rules digest, SUN-ES §2.2 [docs: explanation/rules/sun-es]; the ARS Occitanie SUN-ES FAQ: four overlapping windows of 10 months: 2 months of applications, the ARS
instructs through month 4, the last 6 months to reach the targets. The dates are read from the
rule data (keys ``sun_es.window.<name>.*`` and ``sun_es.volet2.window.<name>.*``).
"""

from __future__ import annotations

import datetime as dt

from segur_numerique.calendar.programmes import (
    Programme,
    WindowReader,
    as_date,
    as_period,
    find_window,
)
from segur_numerique.calendar.windows import Phase, PhaseKind, Window
from segur_numerique.core.text import Text
from segur_numerique.errors import InvalidInputError
from segur_numerique.rules.loading import resolve_rules
from segur_numerique.rules.model import RuleSet

_SUN_ES_DERIVED_START = Text(
    fr="la réalisation commence le lendemain de la fin de l'instruction (la FAQ SUN-ES de l'ARS Occitanie : « les 6 "
    "derniers mois pour atteindre les cibles »)",
    en="reaching the targets starts the day after instruction ends (the ARS Occitanie SUN-ES FAQ: 'the last 6 months "
    "to reach the targets')",
)


def _targets_window(reader: WindowReader, prog: Programme, name: str) -> Window:
    prefix = f"{prog.window_prefix}.{name}"
    apps = reader.read(f"{prefix}.applications")
    instr = reader.read(f"{prefix}.instruction")
    deadline = reader.read(f"{prefix}.targets_deadline")
    apps_p, instr_p = as_period(apps), as_period(instr)
    phases = (
        Phase.from_inclusive(PhaseKind.CANDIDATURE, apps_p.start, apps_p.end, reads=(apps,)),
        Phase.from_inclusive(PhaseKind.INSTRUCTION, instr_p.start, instr_p.end, reads=(instr,)),
        Phase.from_inclusive(
            PhaseKind.REALISATION,
            instr_p.end + dt.timedelta(days=1),
            as_date(deadline),
            reads=(instr, deadline),
            derivation=(_SUN_ES_DERIVED_START,),
        ),
    )
    return Window(prog.id, name, Text(fr=name, en=name), phases)


def _targets_windows(reader: WindowReader, prog: Programme) -> tuple[list[Window], list[str]]:
    """Windows of applications, instruction and réalisation up to a targets deadline."""
    prefix = prog.window_prefix or prog.id
    names = reader.names(prefix, "applications")
    if not names:
        # Nothing supplied: read the first expected key so that the error names it.
        reader.rules.read(f"{prefix}.F1.applications")
    keys = [f"{prefix}.{n}.targets_deadline" for n in names]
    return [_targets_window(reader, prog, n) for n in names], keys


CALENDAR = Programme(
    "sun_es",
    Text(
        fr="SUN-ES volet 1 (Ségur Usage Numérique en Établissements de Santé)",
        en="SUN-ES volet 1 (Ségur usage funding for health establishments)",
    ),
    "sun_es.window",
    build=_targets_windows,
)
"""SUN-ES volet 1: windows F1-F4."""

VOLET2_CALENDAR = Programme(
    "sun_es_volet2",
    Text(fr="SUN-ES volet 2 (messageries sécurisées)", en="SUN-ES volet 2 (secure messaging)"),
    "sun_es.volet2.window",
    build=_targets_windows,
    dates_known=False,
)
"""SUN-ES volet 2: dates unknown (supply them in a parameter file)."""

CALENDARS: tuple[Programme, ...] = (CALENDAR, VOLET2_CALENDAR)
"""The calendars of this package, collected by :mod:`segur_numerique.calendars`."""


def window_pattern(*, rules: RuleSet | None = None) -> tuple[tuple[PhaseKind, int], ...]:
    """The SUN-ES window pattern in months, read from the rule data (the ARS Occitanie SUN-ES FAQ: 2 + 2 + 6).

    >>> window_pattern()
    ((<PhaseKind.CANDIDATURE: 'candidature'>, 2), (<PhaseKind.INSTRUCTION: 'instruction'>, 2), (<PhaseKind.REALISATION: 'realisation'>, 6))
    """
    rules = resolve_rules(rules)
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


def window(
    name: str,
    *,
    rules: RuleSet | None = None,
    as_known_on: dt.date | None = None,
    alternative: str | None = None,
) -> Window:
    """The SUN-ES volet 1 window called ``name`` (``"F1"`` to ``"F4"``).

    >>> window("F2").applications.period.render("en")
    '2022-03-01 → 2022-04-30'
    """
    found = CALENDAR.windows(rules=rules, as_known_on=as_known_on, alternative=alternative)
    return find_window(found, name, CALENDAR.id)
