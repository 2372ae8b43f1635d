"""What a result says first: its headline, the status badges of the rule values it read.

Every result type (the base :class:`~segur_numerique.core.display.HtmlResult`) describes itself
with a :class:`Headline` (the amount, met / not met, the window, a few facts) and, for its
collections, :class:`Table` objects. :mod:`segur_numerique.core.display` draws them as HTML for
Jupyter and as a one-line ``repr``; :func:`value_badges` counts the rule values an explanation
read by status (confirmed, secondary, inferred, conflicting), caller-supplied and illustrative.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any, Final

import attrs

from segur_numerique.core.provenance import Origin, Status
from segur_numerique.core.text import Lang, Text
from segur_numerique.core.values import render_number, render_value

# Colours are mid-tones and translucent backgrounds, so that the same inline CSS reads on a
# light and a dark notebook theme (as pandas' and xarray's reprs do); no script is needed.
STYLE: Final = (
    "<style>.sn-x{font-family:system-ui,sans-serif;font-size:13px;line-height:1.4;color:inherit}"
    ".sn-x table{border-collapse:collapse;margin:4px 0}"
    ".sn-x caption{text-align:left;font-weight:600;padding:2px 0}"
    ".sn-x td,.sn-x th{border:1px solid rgba(128,128,128,.45);padding:2px 6px;"
    "text-align:left;vertical-align:top}"
    ".sn-x th{background:rgba(128,128,128,.14)}"
    ".sn-x details{margin:2px 0 2px 1em}.sn-x summary{cursor:pointer}"
    ".sn-x .sn-head{font-size:14px;margin:2px 0 4px}.sn-x .sn-head>b{margin-right:.5em}"
    ".sn-x .sn-type{opacity:.65;font-family:monospace;font-size:11px;margin-right:.6em}"
    ".sn-x .sn-amount{font-size:16px;font-weight:700;margin:0 .5em}"
    ".sn-x .sn-v,.sn-x .sn-win,.sn-x .sn-badge{display:inline-block;border:1px solid;"
    "border-radius:9px;padding:0 7px;margin:1px 4px 1px 0;font-size:12px}"
    ".sn-x .sn-ok{color:#2da44e;background:rgba(45,164,78,.12)}"
    ".sn-x .sn-ko{color:#e5534b;background:rgba(229,83,75,.12)}"
    ".sn-x .sn-win{color:#4493f8;background:rgba(68,147,248,.12)}"
    ".sn-x .sn-badge{font-size:11px}"
    ".sn-x .sn-b-confirmed{color:#2da44e}.sn-x .sn-b-secondary{color:#4493f8}"
    ".sn-x .sn-b-inferred{color:#a371f7}.sn-x .sn-b-conflicting{color:#d29922}"
    ".sn-x .sn-b-caller{color:#1f9eab}"
    ".sn-x .sn-b-illustrative{color:#e5534b;background:rgba(229,83,75,.12)}"
    ".sn-x .sn-warn{border-left:4px solid #d29922;background:rgba(210,153,34,.16);"
    "padding:4px 8px;margin:4px 0}"
    ".sn-x .sn-muted{opacity:.7;font-size:12px}.sn-x .sn-facts{margin:2px 0 4px}"
    ".sn-x .sn-rule{opacity:.7;font-family:monospace;font-size:11px}"
    ".sn-x .sn-flag{background:rgba(210,153,34,.25);border-radius:3px;padding:0 3px}</style>"
)


MET: Final = Text(fr="atteint", en="met")
NOT_MET: Final = Text(fr="non atteint", en="not met")
ELIGIBLE: Final = Text(fr="éligible", en="eligible")
NOT_ELIGIBLE: Final = Text(fr="non éligible", en="not eligible")


@attrs.frozen
class Fact:
    """One labelled value of a headline (``name`` is the identifier shown in ``repr``)."""

    name: str
    label: Text
    value: object


@attrs.frozen
class Headline:
    """The first things a result says, in this order: title, value, verdict, window, facts.

    Attributes:
        title: what the result is (``Forfait SUN-ES — biologie``).
        name: a short identifier shown first in ``repr`` (a domain, an indicator), if any.
        value: the amount (or main value); ``None`` when the result has none.
        value_name: the identifier of ``value`` in ``repr`` (``amount``, ``total``...).
        verdict: met / eligible (``True``), not (``False``), or no verdict (``None``).
        verdict_name: the identifier of the verdict in ``repr`` (``met``, ``eligible``...).
        yes: the label of a ``True`` verdict; ``no``: of a ``False`` one.
        window: the window the result applies to, if any.
        facts: the other values worth a glance, in order.
    """

    title: Text
    name: str | None = None
    value: object = None
    value_name: str = "amount"
    verdict: bool | None = None
    verdict_name: str = "met"
    yes: Text = MET
    no: Text = NOT_MET
    window: str | None = None
    facts: tuple[Fact, ...] = ()

    def verdict_label(self) -> Text | None:
        """The verdict as words, ``None`` without a verdict."""
        if self.verdict is None:
            return None
        return self.yes if self.verdict else self.no


@attrs.frozen
class Table:
    """A collection of a result as a table: a caption, column headers, rows of values.

    ``total`` is the number of rows of the whole collection when only the first ``rows``
    are shown (a national log has thousands of establishments); the display says so.
    """

    caption: Text
    header: tuple[Text, ...]
    rows: tuple[tuple[object, ...], ...]
    total: int | None = None


def table(
    caption: Text, header: tuple[Text, ...], rows: list[tuple[object, ...]], *, limit: int = 50
) -> Table:
    """A :class:`Table` of at most ``limit`` rows (the display names how many are left out)."""
    return Table(caption, header, tuple(rows[:limit]), len(rows) if len(rows) > limit else None)


@attrs.frozen
class Number:
    """A number shown as a number (a weight), where a bare fraction would show as a rate."""

    value: Fraction

    def render(self, lang: Lang) -> str:
        """``1,5`` / ``1.5``, exact when it can be."""
        return render_number(self.value, lang)


def cell(value: object, lang: Lang) -> str:
    """A table cell as text: a verdict as ✓ / ✗, nothing as ``—``, the rest rendered."""
    if isinstance(value, bool):
        return ("✓ oui" if value else "✗ non") if lang == "fr" else ("✓ yes" if value else "✗ no")
    try:
        return render_value(value, lang)
    except (TypeError, ValueError, AttributeError):  # a display never fails: fall back to repr
        return repr(value)


BADGES: Final = (
    ("confirmed", Text(fr="officiel (confirmé)", en="official (confirmed)")),
    ("secondary", Text(fr="source secondaire", en="secondary source")),
    ("inferred", Text(fr="déduit", en="inferred")),
    ("conflicting", Text(fr="sources contradictoires", en="conflicting sources")),
    ("caller", Text(fr="fourni par l'utilisateur", en="caller-supplied")),
    ("illustrative", Text(fr="illustratif, non officiel", en="illustrative, not official")),
)
"""The badges in display order: the kind (a CSS class ``sn-b-<kind>``) and its label."""


def is_illustrative(read: Any) -> bool:
    """Whether a rule value read is illustrative (its status or its origin), not official."""
    return read.status is Status.ILLUSTRATIVE or read.origin is Origin.ILLUSTRATIVE


def _badge_kind(read: Any) -> str:
    if is_illustrative(read):
        return "illustrative"
    if read.origin is Origin.CALLER:
        return "caller"
    return str(read.status.value)


def _nodes(explanation: Any) -> Iterator[Any]:
    stack = [explanation]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def explanation_of(obj: object) -> Any:
    """The explanation of a result (an attribute, or a method as on ``Window``), or ``None``."""
    explanation = getattr(obj, "explanation", None)
    if callable(explanation) and not hasattr(explanation, "children"):
        explanation = explanation()
    return explanation


def rule_values(obj: object) -> dict[tuple[str, str | None], Any]:
    """Every rule value read by a result's explanation, once per (key, alternative)."""
    explanation = explanation_of(obj)
    seen: dict[tuple[str, str | None], Any] = {}
    if explanation is None:
        return seen
    for node in _nodes(explanation):
        for read in node.parameters:
            seen.setdefault((read.key, read.alternative), read)
    return seen


def value_badges(obj: object) -> dict[str, list[str]]:
    """The rule values a result read, by badge kind (``confirmed``... ``illustrative``): keys."""
    badges: dict[str, list[str]] = {}
    for (key, _alternative), read in rule_values(obj).items():
        badges.setdefault(_badge_kind(read), []).append(key)
    return {kind: badges[kind] for kind, _label in BADGES if kind in badges}


def illustrative_keys(obj: object) -> list[str]:
    """The keys of the illustrative (not official) rule values a result read, sorted."""
    return sorted(set(value_badges(obj).get("illustrative", [])))
