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

from segur_numerique.core.headline import (
    BADGES,
    STYLE,
    Headline,
    Table,
    cell,
    explanation_of,
    illustrative_keys,
    value_badges,
)
from segur_numerique.core.text import Lang, Text, check_lang, counted, tr
from segur_numerique.core.values import render_number, render_value


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
    return f"{STYLE}<div class='sn-x'>{_step_html(explanation, lang, open_=True)}</div>"


def _fields(obj: Any) -> list[tuple[str, object]]:
    if attrs.has(type(obj)):
        return [
            (f.name, getattr(obj, f.name))
            for f in attrs.fields(type(obj))
            if f.name != "explanation"
        ]
    return []


def _headline_html(obj: Any, head: Headline, lang: Lang) -> str:
    parts = [
        f"<div class='sn-head'><span class='sn-type'>{_e(type(obj).__name__)}</span>"
        f"<b>{_e(head.title.in_(lang))}</b>"
    ]
    if head.value is not None:
        parts.append(f"<span class='sn-amount'>{_e(cell(head.value, lang))}</span>")
    verdict = head.verdict_label()
    if verdict is not None:
        kind = "ok" if head.verdict else "ko"
        mark = "✓" if head.verdict else "✗"
        parts.append(f"<span class='sn-v sn-{kind}'>{mark} {_e(verdict.in_(lang))}</span>")
    if head.window is not None:
        word = "fenêtre" if lang == "fr" else "window"
        parts.append(f"<span class='sn-win'>{word} {_e(head.window)}</span>")
    parts.append("</div>")
    if head.facts:
        parts.append(
            "<div class='sn-facts'>"
            + " · ".join(
                f"<span>{_e(f.label.in_(lang))}&nbsp;: <b>{_e(cell(f.value, lang))}</b></span>"
                if lang == "fr"
                else f"<span>{_e(f.label.in_(lang))}: <b>{_e(cell(f.value, lang))}</b></span>"
                for f in head.facts
            )
            + "</div>"
        )
    return "".join(parts)


def _badges_html(obj: Any, lang: Lang) -> str:
    badges = value_badges(obj)
    if not badges:
        return ""
    title = "valeurs de règle lues" if lang == "fr" else "rule values read"
    spans = "".join(
        f"<span class='sn-badge sn-b-{kind}' title='{_e(', '.join(sorted(set(badges[kind]))))}'>"
        f"{_e(label.in_(lang))} ×{len(badges[kind])}</span>"
        for kind, label in BADGES
        if kind in badges
    )
    return f"<div class='sn-badges'><span class='sn-muted'>{title}&nbsp;:</span> {spans}</div>"


def _warning_html(obj: Any, lang: Lang) -> str:
    keys = illustrative_keys(obj)
    if not keys:
        return ""
    count = counted(
        len(keys), lang, fr=("valeur inventée", "valeurs inventées"), en=("value", "values")
    )
    text = tr(
        lang,
        fr=f"⚠ Résultat illustratif, non officiel : il utilise {count} pour la démonstration. "
        "Ne pas l'utiliser pour une décision de financement.",
        en=f"⚠ Illustrative result, not official: it uses {count} made up for demonstration. "
        "Do not use it for a funding decision.",
    )
    return (
        f"<div class='sn-warn' role='alert'><b>{_e(text)}</b>"
        f"<div class='sn-rule'>{_e(', '.join(keys))}</div></div>"
    )


def _table_html(tab: Table, lang: Lang) -> str:
    caption = f"<caption>{_e(tab.caption.in_(lang))}</caption>"
    html = table_html(
        [h.in_(lang) for h in tab.header], ([cell(c, lang) for c in row] for row in tab.rows)
    )
    html = html.replace("<table>", f"<table>{caption}", 1)
    if tab.total is not None:
        shown = len(tab.rows)
        html += (
            f"<div class='sn-muted'>{shown} lignes affichées sur {tab.total}</div>"
            if lang == "fr"
            else f"<div class='sn-muted'>{shown} rows shown of {tab.total}</div>"
        )
    return html


def result_html(obj: Any, lang: Lang = "fr") -> str:
    """A result as HTML: headline, status badges, the illustrative warning, tables, folded details.

    The headline comes from the result's ``_headline()`` (:class:`HtmlResult`), its tables
    from ``_tables()``; every field and the explanation are folded below (``<details>``).
    Objects without a headline show their type name and fields; self-contained HTML (inline
    CSS, no script), readable in light and dark themes.
    """
    lang = check_lang(lang)
    fr = lang == "fr"
    head_of = getattr(obj, "_headline", None)
    head = (
        head_of()
        if callable(head_of)
        else Headline(title=Text(fr=type(obj).__name__, en=type(obj).__name__))
    )
    parts = [f"{STYLE}<div class='sn-x'>", _headline_html(obj, head, lang)]
    parts.append(_badges_html(obj, lang))
    parts.append(_warning_html(obj, lang))
    tables_of = getattr(obj, "_tables", None)
    parts.extend(_table_html(tab, lang) for tab in (tables_of() if callable(tables_of) else ()))
    fields = _fields(obj)
    if fields:
        parts.append(
            f"<details><summary>{'Tous les champs' if fr else 'All fields'}</summary>"
            + table_html(
                ("champ" if fr else "field", "valeur" if fr else "value"),
                ((name, _short(value, lang)) for name, value in fields),
            )
            + "</details>"
        )
    elif callable(getattr(obj, "render", None)):
        parts.append(f"<pre>{_e(obj.render(lang))}</pre>")
    explanation = explanation_of(obj)
    if explanation is not None:
        parts.append(
            f"<details class='sn-expl'><summary>{'Explication' if fr else 'Explanation'}"
            f"</summary>{_step_html(explanation, lang, open_=False)}</details>"
        )
    parts.append("</div>")
    return "".join(parts)


def _short(value: object, lang: Lang) -> str:
    if attrs.has(type(value)) and not callable(getattr(value, "render", None)):
        line = repr(value)  # a result's summary, or a plain record (a case) when it is short
        label = getattr(value, "label", None)
        if len(line) <= 200:
            return line
        return f"{type(value).__name__} {label}" if isinstance(label, str) else type(value).__name__
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
        f"{STYLE}<div class='sn-x'>"
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
    """Base of the result classes: a headline, tables, the Jupyter display and a short ``repr``.

    A result type overrides :meth:`_headline` (and :meth:`_tables` for its collections); the
    display (:func:`result_html`, French) and the ``repr`` (:func:`summary_repr`) follow.
    """

    __slots__ = ()

    def _headline(self) -> Headline:
        """What the result says first (the type name alone by default)."""
        return Headline(title=Text(fr=type(self).__name__, en=type(self).__name__))

    def _tables(self) -> tuple[Table, ...]:
        """The result's collections as tables (none by default)."""
        return ()

    def _repr_html_(self) -> str:
        """Rich display in Jupyter: headline, badges, warning, tables, folded explanation."""
        return result_html(self)

    def __repr__(self) -> str:
        """A one-line summary of at most 200 characters (see :func:`summary_repr`)."""
        return summary_repr(self)


REPR_WIDTH = 200
"""The longest ``repr`` of a result."""


def summary_repr(obj: object) -> str:
    """``Name(amount=€1,050.00, met, window=F2, fact=value, ..., illustrative)`` on one line.

    The headline's value, verdict, window and facts, in English, as many as fit in
    :data:`REPR_WIDTH` characters (``…`` says some were left out); ``illustrative`` when the
    result read an illustrative value. Everything stays available: the fields, ``to_json()``,
    the explanation.
    """
    head_of = getattr(obj, "_headline", None)
    head = head_of() if callable(head_of) else None
    name = type(obj).__name__
    if head is None:
        return f"{name}(…)"
    parts = [repr(head.name)] if head.name is not None else []
    if head.value is not None:
        parts.append(f"{head.value_name}={_field_text(head.value)}")
    if head.verdict is not None:
        parts.append(f"{head.verdict_name}={head.verdict}")
    if head.window is not None:
        parts.append(f"window={head.window}")
    facts = ((f.name, _field_text(f.value)) for f in head.facts)
    parts.extend(f"{name}={text}" for name, text in facts if text != "…")
    tail = ["illustrative"] if illustrative_keys(obj) else []
    budget = REPR_WIDTH - len(name) - 2 - sum(len(t) + 2 for t in tail) - 3
    shown: list[str] = []
    for part in parts:
        if sum(len(p) + 2 for p in shown) + len(part) > budget:
            shown.append("…")
            break
        shown.append(part)
    return f"{name}({', '.join(shown + tail)})"


def _field_text(value: object) -> str:
    if isinstance(value, str):
        text = value
    elif isinstance(value, (bool, int)) or value is None:
        text = repr(value)
    elif isinstance(value, (tuple, list, frozenset, set, dict)):
        return f"<{len(value)} item{'s' if len(value) != 1 else ''}>"
    else:
        text = cell(value, "en")
    return text if len(text) <= _SUMMARY_WIDTH and "\n" not in text else "…"


_SUMMARY_WIDTH = 48
"""The longest rendering of a value shown in a summary ``repr``."""
