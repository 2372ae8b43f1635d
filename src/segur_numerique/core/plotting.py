"""Charts of results for notebooks and the docs: amounts by group, rates against targets.

matplotlib is optional (extra ``plot``: ``pip install "segur-numerique[plot]"``) and imported
only when a chart is drawn; without it, :class:`~segur_numerique.errors.OptionalDependencyError`
names the command to run. Every function draws on ``ax`` (a new figure when ``None``) and
returns the matplotlib ``Axes``, as pandas' ``.plot`` does.

Amounts stay integer cents everywhere else; here only, they become float euros, because a
bar's height is a screen coordinate. Every value written on a chart is the exact amount
(:meth:`~segur_numerique.Euro.format`), never a float.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from segur_numerique.core.money import Euro
from segur_numerique.core.text import Lang, Text, check_lang
from segur_numerique.core.values import format_ratio
from segur_numerique.errors import OptionalDependencyError

MET_COLOUR = "#55A868"
NOT_MET_COLOUR = "#C44E52"
NEUTRAL_COLOUR = "#4C72B0"
SERIES_COLOURS = ("#4C72B0", "#DD8452", "#55A868", "#8172B3", "#937860", "#DA8BC3")


def pyplot() -> Any:
    """``matplotlib.pyplot``, or an error naming ``pip install "segur-numerique[plot]"``."""
    try:
        return importlib.import_module("matplotlib.pyplot")
    except ImportError:
        raise OptionalDependencyError("matplotlib", "plot") from None


def axes(ax: Any, *, width: float, height: float) -> Any:
    """``ax``, or the ``Axes`` of a new figure of this size (inches)."""
    if ax is not None:
        return ax
    _fig, new = pyplot().subplots(figsize=(width, height))
    return new


ILLUSTRATIVE_NOTE = Text(
    fr="⚠ valeurs illustratives, non officielles", en="⚠ illustrative values, not official"
)


def set_title(ax: Any, title: Text, lang: Lang, *, illustrative: bool) -> None:
    """The chart's title; a red second line when it shows illustrative (not official) values."""
    ax.set_title(title.in_(lang), fontsize=10, pad=18 if illustrative else 6)
    if illustrative:
        ax.text(
            0.5, 1.01, ILLUSTRATIVE_NOTE.in_(lang), transform=ax.transAxes, ha="center",
            va="bottom", fontsize=8, color=NOT_MET_COLOUR,
        )  # fmt: skip


def _euro_ticks(axis: Any, lang: Lang) -> None:
    """Whole euros on an amount axis, written as every amount is (``250 000 €`` / ``€250,000``)."""
    ticker = importlib.import_module("matplotlib.ticker")
    # The one amount writer (Euro.format), its ",00" / ".00" of a whole amount left out: a
    # tick is a screen position, rounded to the euro for display only (labels stay exact).
    cents = ",00" if lang == "fr" else ".00"
    axis.set_major_formatter(
        ticker.FuncFormatter(
            lambda x, _pos: Euro.from_cents(round(x) * 100).format(lang).replace(cents, "", 1)
        )
    )


def euros(amount: Euro) -> float:
    """A bar height in euros (a screen coordinate only: labels use the exact amount)."""
    return amount.cents / 100


def draw_amounts(
    labels: Sequence[str],
    series: Mapping[str, Sequence[Euro]],
    *,
    title: Text,
    ax: Any = None,
    lang: Lang = "fr",
    highlight: int | None = None,
    horizontal: bool = False,
    illustrative: bool = False,
) -> Any:
    """Bars of amounts: one group per label, one bar per series, each with its exact amount.

    ``highlight`` is the index of a label drawn with a frame (the result's own window);
    ``illustrative`` adds the red "not official" line under the title.
    """
    lang = check_lang(lang)
    count = max(1, len(series))
    if horizontal:
        ax = axes(ax, width=8.0, height=0.45 * len(labels) * count + 1.6)
    else:
        ax = axes(ax, width=max(6.0, 1.2 * len(labels) * count), height=4.0)
    width = 0.8 / count
    for index, (name, amounts) in enumerate(series.items()):
        offsets = [i - 0.4 + width * (index + 0.5) for i in range(len(labels))]
        heights = [euros(a) for a in amounts]
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        if horizontal:
            bars = ax.barh(offsets, heights, height=width, label=name, color=colour)
        else:
            bars = ax.bar(offsets, heights, width=width, label=name, color=colour)
        ax.bar_label(bars, labels=[a.format(lang) for a in amounts], fontsize=7, padding=2)
        if highlight is not None and 0 <= highlight < len(bars):
            bars[highlight].set_edgecolor("black")
            bars[highlight].set_linewidth(1.5)
    ticks = range(len(labels))
    if horizontal:
        ax.set_yticks(ticks, list(labels))
        ax.invert_yaxis()
        ax.grid(axis="x", linestyle=":", linewidth=0.5)
        ax.margins(x=0.25)
        _euro_ticks(ax.xaxis, lang)
    else:
        ax.set_xticks(ticks, list(labels))
        ax.grid(axis="y", linestyle=":", linewidth=0.5)
        ax.margins(y=0.15)
        _euro_ticks(ax.yaxis, lang)
    if len(series) > 1:
        ax.legend(fontsize=8, frameon=False)
    set_title(ax, title, lang, illustrative=illustrative)
    return ax


def draw_rates(
    labels: Sequence[str],
    rates: Sequence[Fraction | None],
    targets: Sequence[Fraction | None],
    *,
    title: Text,
    ax: Any = None,
    lang: Lang = "fr",
    illustrative: bool = False,
) -> Any:
    """Horizontal bars of rates (green when the target is reached, red when not), targets as ticks.

    A rate ``None`` (no denominator) is drawn as an empty bar labelled ``—``; a target ``None``
    (none known) draws no tick and a neutral bar.
    """
    lang = check_lang(lang)
    ax = axes(ax, width=8.0, height=0.45 * len(labels) + 1.6)
    rows = range(len(labels))
    colours = [
        NEUTRAL_COLOUR if t is None or r is None else (MET_COLOUR if r >= t else NOT_MET_COLOUR)
        for r, t in zip(rates, targets, strict=True)
    ]
    values = [0.0 if r is None else float(r * 100) for r in rates]  # screen coordinates
    bars = ax.barh(list(rows), values, height=0.6, color=colours)
    ax.bar_label(
        bars, labels=["—" if r is None else format_ratio(r, lang) for r in rates], fontsize=7
    )
    label: str | None = Text(fr="cible", en="target").in_(lang)  # in the legend once
    for row, target in zip(rows, targets, strict=True):
        if target is not None:
            ax.vlines(float(target * 100), row - 0.4, row + 0.4, color="black", lw=2, label=label)
            label = None
    ax.set_yticks(list(rows), list(labels))
    ax.invert_yaxis()
    ax.set_xlim(0, 105)
    ax.set_xlabel("%")
    ax.grid(axis="x", linestyle=":", linewidth=0.5)
    if any(t is not None for t in targets):
        ax.legend(fontsize=8, frameon=False, loc="lower right")
    set_title(ax, title, lang, illustrative=illustrative)
    return ax
