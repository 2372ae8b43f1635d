"""The ESMS numérique calendar: its phases amorçage and généralisation (rules digest, ESMS numérique §5 [docs: explanation/rules/esms-numerique]).

Each phase is a one-phase window read from the key ``esms_numerique.phase.<name>`` (a period).
"""

from __future__ import annotations

from segur_numerique.calendar.programmes import Programme, WindowReader, as_period
from segur_numerique.calendar.windows import Phase, PhaseKind, Window
from segur_numerique.core.text import Text
from segur_numerique.errors import InvalidInputError

_ESMS_KINDS = {"amorcage": PhaseKind.AMORCAGE, "generalisation": PhaseKind.GENERALISATION}


def _phase_windows(reader: WindowReader, prog: Programme) -> tuple[list[Window], list[str]]:
    """One window per phase, each of a single phase."""
    prefix = prog.window_prefix or prog.id
    names = reader.names(prefix, None)
    keys = [f"{prefix}.{n}" for n in names]
    built = []
    for name, key in zip(names, keys, strict=True):
        read = reader.read(key)
        period = as_period(read)
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
    return built, keys


CALENDAR = Programme(
    "esms_numerique",
    Text(fr="ESMS numérique", en="ESMS numérique (social and medico-social sector)"),
    "esms_numerique.phase",
    build=_phase_windows,
)
"""ESMS numérique: the phases amorçage and généralisation."""

CALENDARS: tuple[Programme, ...] = (CALENDAR,)
"""The calendars of this package, collected by :mod:`segur_numerique.calendars`."""
