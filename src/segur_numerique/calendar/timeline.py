"""A timeline plot of the windows of a programme, for notebooks and the docs.

Uses matplotlib (optional extra ``plot``: ``pip install "segur-numerique[plot]"``), imported only
when a plot is drawn. One row per window, one coloured bar per phase (inclusive dates drawn as
``[start, stop)``) and an optional marker for a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from segur_numerique.core.plotting import pyplot
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.values import format_date

if TYPE_CHECKING:  # at run time, windows and deadlines import this module (their plot methods)
    from segur_numerique.calendar.deadlines import Deadline
    from segur_numerique.calendar.windows import Window

_COLOURS = {  # by phase kind (PhaseKind values)
    "candidature": "#4C72B0",
    "instruction": "#DD8452",
    "realisation": "#55A868",
    "amorcage": "#8172B3",
    "generalisation": "#937860",
}


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
    plt = pyplot()
    if ax is None:
        _fig, ax = plt.subplots(figsize=(10, 0.6 * len(found) + 2.0))
    seen: set[str] = set()
    for row, w in enumerate(found):
        for phase in w.phases:
            label = phase.kind.label().in_(lang) if phase.kind.value not in seen else None
            seen.add(phase.kind.value)
            ax.barh(
                row,
                (phase.stop - phase.start).days,
                left=phase.start,
                height=0.6,
                color=_COLOURS.get(phase.kind.value, "#999999"),
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


def draw_revisions(
    deadline: Deadline, *, ax: Any = None, lang: Lang = "fr", alternative: str | None = None
) -> Any:
    """Draw a deadline's revisions: each announced due date, from the day it was announced.

    One step per version (x: the day it was announced, y: the last day it gave), each due date
    written next to its step; on an existing ``ax`` several deadlines share the chart. The
    public entry point is :meth:`segur_numerique.calendar.Deadline.plot`.

    Raises:
        OptionalDependencyError: matplotlib is not installed.
    """
    lang = check_lang(lang)
    plt = pyplot()
    if ax is None:
        _fig, ax = plt.subplots(figsize=(9, 4))
    versions = deadline.versions(alternative)
    starts = [v.since for v in versions]
    dues = [v.last_day for v in versions]
    ends = [*starts[1:], max(dues[-1], starts[-1])]
    (line,) = ax.plot(starts, dues, marker="o", linestyle="none", label=deadline.label.in_(lang))
    for start, end, due in zip(starts, ends, dues, strict=True):
        ax.hlines(due, start, end, color=line.get_color(), linewidth=2)
        ax.annotate(
            format_date(due, lang),
            (start, due),
            textcoords="offset points",
            xytext=(4, 5),
            fontsize=7,
        )
    for before, after, due in zip(starts[1:], dues, dues[1:], strict=False):
        ax.vlines(before, after, due, color=line.get_color(), linestyle=":", linewidth=1)
    ax.set_xlabel(Text(fr="annoncée le", en="announced on").in_(lang))
    ax.set_ylabel(Text(fr="échéance", en="deadline").in_(lang))
    ax.grid(linestyle=":", linewidth=0.5)
    ax.legend(fontsize=8, frameon=False, loc="best")
    return ax
