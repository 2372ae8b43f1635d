"""A timeline plot of the windows of a programme, for notebooks and the docs.

Uses matplotlib (optional extra ``plot``: ``pip install segur-numerique[plot]``), imported only
when a plot is drawn. One row per window, one coloured bar per phase (inclusive dates drawn as
``[start, stop)``) and an optional marker for a day.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from typing import Any

from segur_numerique.calendar.windows import PhaseKind, Window
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.values import format_date
from segur_numerique.errors import OptionalDependencyError

_COLOURS = {
    PhaseKind.CANDIDATURE: "#4C72B0",
    PhaseKind.INSTRUCTION: "#DD8452",
    PhaseKind.REALISATION: "#55A868",
    PhaseKind.AMORCAGE: "#8172B3",
    PhaseKind.GENERALISATION: "#937860",
}


def _pyplot() -> Any:
    try:
        return importlib.import_module("matplotlib.pyplot")
    except ImportError:
        raise OptionalDependencyError("matplotlib", "plot") from None


def draw_timeline(
    found: Sequence[Window],
    title: Text,
    *,
    ax: Any = None,
    lang: Lang = "fr",
    mark: dt.date | None = None,
) -> Any:
    """Draw ``found`` (windows in date order) as a timeline; return the matplotlib ``Axes``.

    The public entry point, by programme id, is :func:`segur_numerique.calendars.plot_timeline`.

    Raises:
        OptionalDependencyError: matplotlib is not installed.
    """
    lang = check_lang(lang)
    plt = _pyplot()
    if ax is None:
        _fig, ax = plt.subplots(figsize=(10, 0.6 * len(found) + 2.0))
    seen: set[PhaseKind] = set()
    for row, w in enumerate(found):
        for phase in w.phases:
            label = phase.kind.label().in_(lang) if phase.kind not in seen else None
            seen.add(phase.kind)
            ax.barh(
                row,
                (phase.stop - phase.start).days,
                left=phase.start,
                height=0.6,
                color=_COLOURS[phase.kind],
                label=label,
            )
    ax.set_yticks(range(len(found)), [w.name for w in found])
    ax.invert_yaxis()
    if mark is not None:
        ax.axvline(mark, color="black", linestyle="--", linewidth=1)
        ax.annotate(
            format_date(mark, lang),
            xy=(mark, 1.0),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    ax.set_title(title.in_(lang), fontsize=10, pad=16)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=max(1, len(seen)),
        fontsize=8,
        frameon=False,
    )
    ax.grid(axis="x", linestyle=":", linewidth=0.5)
    return ax
