"""Rich HTML display in Jupyter: explanations, results, windows, comparison tables.

Jupyter calls ``_repr_html_`` on the last value of a cell. :class:`~segur_numerique.Explanation`
has one; the result types get theirs from the base class :class:`HtmlResult`, which calls
:func:`result_html`. Everything is escaped; the language is French by default, as everywhere
in the library (``result_html(x, "en")`` for English).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from segur_numerique.core.text import Lang, check_lang
from segur_numerique.core.values import render_number, render_value

_STYLE = (
    "<style>.sn-x{font-family:system-ui,sans-serif;font-size:13px;line-height:1.4}"
    ".sn-x table{border-collapse:collapse;margin:4px 0}"
    ".sn-x td,.sn-x th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
    ".sn-x details{margin-left:1em}.sn-x summary{cursor:pointer}"
    ".sn-x .sn-rule{color:#666;font-family:monospace;font-size:11px}"
    ".sn-x .sn-flag{background:#fff3cd;border-radius:3px;padding:0 3px}</style>"
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def table_html(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An escaped HTML table."""
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _parameters_html(parameters: Iterable[Any], lang: Lang) -> str:
    """The rule values read by a step: key, value, status and origin, sources."""
    fr = lang == "fr"
    rows = []
    for p in parameters:
        flags = p.status.label().in_(lang)
        if p.origin.value not in ("shipped", p.status.value):
            flags += f", {p.origin.label().in_(lang)}"
        for warning in p.warnings:
            flags += f"; {'ATTENTION' if fr else 'WARNING'}: {warning.in_(lang)}"
        rows.append(
            (
                p.key + (f" ({p.alternative})" if p.alternative else ""),
                render_value(p.value, lang),
                flags,
                "; ".join(s.cite() for s in p.sources),
            )
        )
    return table_html(
        (
            "valeur de règle" if fr else "rule value",
            "valeur" if fr else "value",
            "statut" if fr else "status",
            "sources",
        ),
        rows,
    )


def _step_html(step: Any, lang: Lang, *, open_: bool) -> str:
    fr = lang == "fr"
    result = "" if step.result is None else f"<b>{_e(render_value(step.result, lang))}</b> — "
    parts = [
        f"<details{' open' if open_ else ''}><summary>{_e(step.title.in_(lang))} "
        f"<span class='sn-rule'>[{_e(step.rule)}]</span>: {result}{_e(step.outcome.in_(lang))}"
        "</summary>"
    ]
    if step.basis:
        parts.append(
            f"<div>{'Base' if fr else 'Basis'}: "
            + "; ".join(_e(s.cite()) for s in step.basis)
            + "</div>"
        )
    if step.inputs:
        parts.append(
            table_html(
                ("entrée" if fr else "input", "valeur" if fr else "value", ""),
                (
                    (
                        i.name,
                        render_value(i.value, lang),
                        ("valeur par défaut" if fr else "defaulted") if i.defaulted else "",
                    )
                    for i in step.inputs
                ),
            )
        )
    if step.parameters:
        parts.append(_parameters_html(step.parameters, lang))
    if step.rounding:
        parts.append(
            table_html(
                ("arrondi" if fr else "rounding", "exact", "arrondi" if fr else "rounded", ""),
                (
                    (
                        r.what.in_(lang),
                        render_number(r.exact, lang),
                        render_number(r.rounded, lang),
                        r.policy.describe().in_(lang),
                    )
                    for r in step.rounding
                ),
            )
        )
    if step.assumptions:
        parts.append(
            "<ul>"
            + "".join(
                f"<li><span class='sn-flag'>{'hypothèse' if fr else 'assumption'}</span> "
                f"{_e(a.in_(lang))}</li>"
                for a in step.assumptions
            )
            + "</ul>"
        )
    parts.extend(_step_html(child, lang, open_=False) for child in step.children)
    parts.append("</details>")
    return "".join(parts)


def explanation_html(explanation: Any, lang: Lang = "fr") -> str:
    """An explanation as nested, collapsible HTML (the root open, its steps folded)."""
    lang = check_lang(lang)
    return f"{_STYLE}<div class='sn-x'>{_step_html(explanation, lang, open_=True)}</div>"


def _fields(obj: Any) -> list[tuple[str, object]]:
    if attrs.has(type(obj)):
        return [
            (f.name, getattr(obj, f.name))
            for f in attrs.fields(type(obj))
            if f.name != "explanation"
        ]
    return []


def result_html(obj: Any, lang: Lang = "fr") -> str:
    """A result object as HTML: its fields as a table, then its explanation, folded.

    Works for any attrs result with an ``explanation`` attribute, and for objects with a
    ``render(lang)`` method (shown as preformatted text).
    """
    lang = check_lang(lang)
    title = _e(type(obj).__name__)
    parts = [f"{_STYLE}<div class='sn-x'><b>{title}</b>"]
    fields = _fields(obj)
    if fields:
        parts.append(
            table_html(
                ("champ" if lang == "fr" else "field", "valeur" if lang == "fr" else "value"),
                ((name, _short(value, lang)) for name, value in fields),
            )
        )
    elif callable(getattr(obj, "render", None)):
        parts.append(f"<pre>{_e(obj.render(lang))}</pre>")
    explanation = getattr(obj, "explanation", None)
    if callable(explanation):  # a method on some classes (``Window.explanation()``)
        explanation = explanation()
    if explanation is not None:
        parts.append(_step_html(explanation, lang, open_=False))
    parts.append("</div>")
    return "".join(parts)


def _short(value: object, lang: Lang) -> str:
    if attrs.has(type(value)) and hasattr(value, "explanation"):
        return type(value).__name__
    try:
        text = render_value(value, lang)
    except Exception:  # display must never fail: fall back to repr
        text = repr(value)
    return text if len(text) <= 200 else text[:197] + "…"


def comparison_html(comparison: Any, lang: Lang = "fr", *, only_changes: bool = True) -> str:
    """A what-if comparison table as HTML."""
    lang = check_lang(lang)
    fr = lang == "fr"
    rows = comparison.changes if only_changes else comparison.rows
    return (
        f"{_STYLE}<div class='sn-x'>"
        + table_html(
            (
                "établissement" if fr else "establishment",
                "quantité" if fr else "quantity",
                comparison.baseline_name,
                comparison.variant_name,
                "écart" if fr else "delta",
            ),
            (
                (
                    r.establishment,
                    r.quantity,
                    render_value(r.baseline, lang),
                    render_value(r.variant, lang),
                    "" if r.delta is None else render_value(r.delta, lang),
                )
                for r in rows
            ),
        )
        + "</div>"
    )


class HtmlResult:
    """Base of the result classes: their Jupyter display is :func:`result_html` (French)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """Rich display in Jupyter: the result and its explanation."""
        return result_html(self)

    def __repr__(self) -> str:
        """A one-line summary: the short fields rendered, the long ones (explanation...) elided."""
        return summary_repr(self)


_SUMMARY_WIDTH = 48
"""The longest rendering of a field shown in a summary ``repr``."""


def summary_repr(obj: object) -> str:
    """``Name(field=value, ...)`` on one line: values rendered (``€1,050.00``), long ones ``…``.

    The full content stays available: the fields, ``to_json()`` and the explanation.
    """
    parts = []
    for field in attrs.fields(type(obj)):  # type: ignore[arg-type]
        value = getattr(obj, field.name)
        text = _field_text(value)
        parts.append(f"{field.name}={text}")
    return f"{type(obj).__name__}({', '.join(parts)})"


def _field_text(value: object) -> str:
    if isinstance(value, (bool, int, str)) or value is None:
        text = repr(value)
    elif isinstance(value, (tuple, list, frozenset, set, dict)):
        return f"<{len(value)} item{'s' if len(value) != 1 else ''}>"
    elif hasattr(value, "render") and hasattr(value, "children"):  # an Explanation
        return "<explanation>"
    else:
        text = render_value(value, "en")
    return text if len(text) <= _SUMMARY_WIDTH and "\n" not in text else "…"
