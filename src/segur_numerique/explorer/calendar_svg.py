"""A programme's windows as a small inline SVG chart: one row per window, one bar per phase.

Drawn by hand (a few rectangles on a day axis) rather than with matplotlib: the pages must be
rendered without the optional plotting extra, fast, and as text that scales with the page.
"""

from __future__ import annotations

import datetime as dt

from segur_numerique.calendar.windows import PhaseKind, Window
from segur_numerique.core.text import Lang
from segur_numerique.explorer.markup import esc

_COLOURS = {
    PhaseKind.CANDIDATURE: "#0969da",
    PhaseKind.INSTRUCTION: "#9a6700",
    PhaseKind.REALISATION: "#1a7f37",
    PhaseKind.AMORCAGE: "#8250df",
    PhaseKind.GENERALISATION: "#0f5323",
}
_LEFT, _WIDTH, _ROW, _TOP = 120, 1000, 30, 28


def _x(day: dt.date, start: dt.date, span: int) -> float:
    return _LEFT + (day - start).days / span * (_WIDTH - _LEFT - 10)


def _years(start: dt.date, stop: dt.date, span: int, height: int) -> list[str]:
    marks = []
    for year in range(start.year + 1, stop.year + 1):
        x = _x(dt.date(year, 1, 1), start, span)
        near_end = x > _WIDTH - 60
        label = f'x="{x - 3:.1f}" text-anchor="end"' if near_end else f'x="{x + 3:.1f}"'
        marks.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" y2="{height}" stroke="#8c959f" '
            f'stroke-dasharray="3 3"/><text {label} y="{_TOP - 10}" font-size="14" '
            f'fill="#3d4650">{year}</text>'
        )
    return marks


def windows_svg(found: tuple[Window, ...], lang: Lang, *, title: str) -> str:
    """The windows ``found`` on one time axis, with a legend of the phase kinds."""
    start = min(p.start for w in found for p in w.phases)
    stop = max(p.stop for w in found for p in w.phases)
    span = max(1, (stop - start).days)
    height = _TOP + _ROW * len(found) + 6
    bars = []
    for row, window in enumerate(found):
        y = _TOP + row * _ROW
        bars.append(
            f'<text x="0" y="{y + 19}" font-size="15" fill="#1b1f24">'
            f"{esc(window.label.in_(lang))}</text>"
        )
        for phase in window.phases:
            x0, x1 = _x(phase.start, start, span), _x(phase.stop, start, span)
            tip = f"{window.name} {phase.kind.label().in_(lang)} {phase.start} – {phase.end}"
            bars.append(
                f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(1.0, x1 - x0):.1f}" height="'
                f'{_ROW - 8}" fill="{_COLOURS[phase.kind]}"><title>{esc(tip)}</title></rect>'
            )
    kinds = dict.fromkeys(p.kind for w in found for p in w.phases)
    legend = "".join(
        f'<li><span class="swatch" style="background:{_COLOURS[k]}"></span>'
        f"{esc(k.label().in_(lang))}</li>"
        for k in kinds
    )
    return (
        f'<figure class="chart"><svg viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'aria-label="{esc(title)}" preserveAspectRatio="xMinYMin meet">'
        f"{''.join(_years(start, stop, span, height))}{''.join(bars)}</svg>"
        f'<figcaption><ul class="legend">{legend}</ul></figcaption></figure>'
    )
