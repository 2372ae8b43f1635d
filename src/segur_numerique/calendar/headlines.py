"""The headline and table of a :class:`~segur_numerique.calendar.windows.Window` (its display).

Bound as the window's ``_headline`` / ``_tables`` methods; here to keep ``windows`` small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from segur_numerique.core.headline import Fact, Headline, Table, table
from segur_numerique.core.text import Text

if TYPE_CHECKING:
    from segur_numerique.calendar.windows import Window


def window_headline(window: Window) -> Headline:
    """The headline of a :class:`Window`."""
    return Headline(
        title=window.label,
        window=window.name,
        facts=(
            Fact("start", Text(fr="début", en="start"), window.start),
            Fact(
                "deadline", Text(fr="échéance des cibles", en="targets deadline"), window.deadline
            ),
        ),
    )


def window_tables(window: Window) -> tuple[Table, ...]:
    """The tables of a :class:`Window`."""
    rows: list[tuple[object, ...]] = [(p.kind.label(), p.start, p.end) for p in window.phases]
    header = (Text(fr="phase", en="phase"), Text(fr="du", en="from"), Text(fr="au", en="to"))
    return (table(Text(fr="Phases", en="Phases"), header, rows),)
