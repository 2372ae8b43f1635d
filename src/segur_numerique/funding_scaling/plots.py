"""A chart of an allocation: each beneficiary's share (a region, an establishment), exact amounts.

matplotlib is optional (extra ``plot``), imported when the chart is drawn
(:mod:`segur_numerique.core.plotting`). :class:`~segur_numerique.funding_scaling.Allocation`
binds :func:`plot_allocation` as its ``plot`` method.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from segur_numerique.core.plotting import draw_amounts
from segur_numerique.core.text import Lang, Text

if TYPE_CHECKING:
    from segur_numerique.funding_scaling.allocation import Allocation


def plot_allocation(
    allocation: Allocation, ax: Any = None, *, title: Text | None = None, lang: Lang = "fr"
) -> Any:
    """Draw each beneficiary's share as a horizontal bar with its exact amount; the ``Axes``.

    Capped shares are marked ``(plafonné)`` / ``(capped)``; the title says the envelope and,
    when some of it is left, the unallocated amount.
    """
    capped = Text(fr=" (plafonné)", en=" (capped)").in_(lang)
    labels = [s.beneficiary + (capped if s.capped else "") for s in allocation.shares]
    if title is None:
        rest_fr = (
            f", non alloué {allocation.unallocated.format('fr')}" if allocation.unallocated else ""
        )
        rest_en = (
            f", unallocated {allocation.unallocated.format('en')}" if allocation.unallocated else ""
        )
        title = Text(
            fr=f"Répartition de {allocation.envelope.format('fr')}{rest_fr}",
            en=f"Allocation of {allocation.envelope.format('en')}{rest_en}",
        )
    amounts = {Text(fr="part", en="share").in_(lang): [s.amount for s in allocation.shares]}
    return draw_amounts(labels, amounts, title=title, ax=ax, lang=lang, horizontal=True)
