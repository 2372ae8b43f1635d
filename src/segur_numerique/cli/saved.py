"""Saved explanations (JSON, format ``segur_numerique.explanation/v1``) read back and rendered.

A saved document is rendered as it is, from its JSON, the way
:meth:`~segur_numerique.core.explanation.Explanation.render` renders a live one: the same sections,
a repeated step written once and referred back to, and the same ``--only``/``--depth`` filters
(:mod:`segur_numerique.core.trees`, shared with :class:`Explanation`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from segur_numerique.core import trees
from segur_numerique.core.explanation import EXPLANATION_FORMAT, hidden_steps
from segur_numerique.core.inputs import parse_json, read_text
from segur_numerique.core.money import Euro
from segur_numerique.core.periods import Period
from segur_numerique.core.text import Lang, Text
from segur_numerique.core.values import render_number, render_value
from segur_numerique.errors import InvalidInputError


def _text(node: object, where: str) -> Text:
    if (
        not isinstance(node, Mapping)
        or not isinstance(node.get("fr"), str)
        or not isinstance(node.get("en"), str)
    ):
        raise InvalidInputError("expected {fr, en} texts", where=where)
    return Text(fr=node["fr"], en=node["en"])


def _value(encoded: object) -> object:
    """Decode the tagged values of an exported explanation into what ``render_value`` shows."""
    if isinstance(encoded, list):
        return tuple(_value(v) for v in encoded)
    if not isinstance(encoded, Mapping):
        return encoded
    kind = encoded.get("type")
    raw = encoded.get("value")
    try:
        if kind == "euro" and isinstance(raw, str):
            return Euro(raw)
        if kind == "fraction" and isinstance(raw, str):
            if re.fullmatch(r"\s*[+-]?\d+\s*/\s*0+\s*", raw):
                raise InvalidInputError(
                    f"a fraction with a zero denominator: {raw!r}", where="fraction value"
                )
            return Fraction(raw)
        if kind == "date" and isinstance(raw, str):
            return dt.date.fromisoformat(raw)
        if kind == "text":
            return _text(encoded, "value")
        if kind == "period":
            return Period(
                dt.date.fromisoformat(str(encoded["start"])),
                dt.date.fromisoformat(str(encoded["end"])),
            )
    except InvalidInputError as exc:
        if exc.where == "fraction value":
            raise
    except (ValueError, KeyError, ZeroDivisionError):
        pass
    if kind is not None and raw is not None:
        return raw
    return json.dumps(encoded, ensure_ascii=False)


def _number(encoded: object, lang: Lang) -> str:
    """A rounding step's number as the explanation renders it (a decimal, not a percentage)."""
    value = _value(encoded)
    return render_number(value, lang) if isinstance(value, Fraction) else str(value)


def _items(node: Mapping[str, Any], name: str, where: str) -> list[Any]:
    """The list member ``name`` of a step (absent: empty); anything else is a typed error."""
    items = node.get(name, [])
    if not isinstance(items, list):
        raise InvalidInputError(
            f"{name} must be a list, got {type(items).__name__}", where=f"{where}.{name}"
        )
    return items


def _node(node: object, where: str) -> Mapping[str, Any]:
    if not isinstance(node, Mapping):
        raise InvalidInputError("expected a step object", where=where)
    return node


def _children(node: Mapping[str, Any], where: str) -> list[Any]:
    children = node.get("children", [])
    if not isinstance(children, list):
        raise InvalidInputError("children must be a list", where=f"{where}.children")
    return children


def _sections(node: Mapping[str, Any], lang: Lang, where: str) -> list[tuple[str, list[str]]]:
    """The sections of one step (basis, inputs, rule values, rounding, assumptions)."""
    fr = lang == "fr"
    inputs = [
        f"{i.get('name')} = {render_value(_value(i.get('value')), lang)}"
        + ((" (valeur par défaut)" if fr else " (defaulted)") if i.get("defaulted") else "")
        for i in _items(node, "inputs", where)
        if isinstance(i, Mapping)
    ]
    params = []
    for p in _items(node, "parameters", where):
        if not isinstance(p, Mapping):
            continue
        flags = [str(p.get("status"))]
        # "official" is how documents written before 0.2.0 name the shipped data.
        if p.get("origin") not in ("shipped", "official", p.get("status")):
            flags.append(str(p.get("origin")))
        params.append(
            f"{p.get('key')} = {render_value(_value(p.get('value')), lang)} [{', '.join(flags)}]"
        )
    assumptions = [
        _text(a, f"{where}.assumptions").in_(lang) for a in _items(node, "assumptions", where)
    ]
    basis = [
        f"{b.get('title')} ({b.get('date')})" + (f", {b['url']}" if b.get("url") else "")
        for b in _items(node, "basis", where)
        if isinstance(b, Mapping)
    ]
    rounding = [
        f"{_text(r.get('what'), f'{where}.rounding').in_(lang)}: "
        f"{_number(r.get('exact'), lang)} → {_number(r.get('rounded'), lang)}"
        for r in _items(node, "rounding", where)
        if isinstance(r, Mapping)
    ]
    return [
        ("Base" if fr else "Basis", basis),
        ("Entrées" if fr else "Inputs", inputs),
        ("Valeurs de règle lues" if fr else "Rule values read", params),
        ("Arrondis" if fr else "Rounding", rounding),
        ("Hypothèses" if fr else "Assumptions", assumptions),
    ]


def _names(node: Any) -> tuple[str, ...]:
    title = node.get("title") if isinstance(node, Mapping) else None
    texts = [title.get("fr"), title.get("en")] if isinstance(title, Mapping) else []
    rule = node.get("rule") if isinstance(node, Mapping) else None
    return tuple(t for t in (rule, *texts) if isinstance(t, str))


def _has_body(node: Any) -> bool:
    return isinstance(node, Mapping) and any(
        node.get(name)
        for name in ("basis", "inputs", "parameters", "rounding", "assumptions", "children")
    )


SAVED_SHAPE: trees.TreeShape[Any] = trees.TreeShape(
    names=_names,
    children=lambda node: (
        tuple(node["children"])
        if isinstance(node, Mapping) and isinstance(node.get("children"), list)
        else ()
    ),
    with_children=lambda node, children: {**node, "children": list(children)},
    key=lambda node: json.dumps(node, sort_keys=True, ensure_ascii=False),
    has_body=_has_body,
)
"""How :mod:`segur_numerique.core.trees` reads a saved step (a JSON object)."""


def filtered(
    document: Mapping[str, Any], *, only: tuple[str, ...] = (), depth: int | None = None
) -> Mapping[str, Any] | None:
    """The document with its tree filtered like :meth:`Explanation.only`/:meth:`~Explanation.truncated`.

    ``None`` when ``only`` matches no step.
    """
    root: Any = document.get("root")
    if only:
        root = trees.only(root, only, SAVED_SHAPE)
        if root is None:
            return None
    if depth is not None:
        root = trees.truncated(
            root, depth, SAVED_SHAPE, lambda n: hidden_steps(n).to_json()["root"]
        )
    return {**document, "root": root}


def render_saved(document: Mapping[str, Any], lang: Lang, *, where: str) -> str:
    """Render a saved explanation JSON document (validated for its shape)."""
    if document.get("format") != EXPLANATION_FORMAT:
        raise InvalidInputError(
            f"not an explanation: format must be {EXPLANATION_FORMAT!r}, got "
            f"{document.get('format')!r}",
            where=f"{where}: format",
        )
    fr = lang == "fr"
    refs = trees.references(document.get("root"), SAVED_SHAPE)
    done: set[str] = set()

    def step(raw: object, path: str, depth: int) -> list[str]:
        node = _node(raw, f"{where}: {path}")
        at = f"{where}: {path}"
        pad = "  " * depth
        title = _text(node.get("title"), f"{at}.title").in_(lang)
        key = SAVED_SHAPE.key(node) if refs else ""
        number = refs.get(key)
        if number is not None and key in done:
            see = f"voir §{number} plus haut" if fr else f"see §{number} above"
            return [f"{pad}{title} [{node.get('rule')}] — {see}"]
        done.add(key)
        mark = "" if number is None else f" (§{number})"
        outcome = _text(node.get("outcome"), f"{at}.outcome").in_(lang)
        result = node.get("result")
        shown = "" if result is None else f"{render_value(_value(result), lang)} — "
        lines = [
            f"{pad}{title} [{node.get('rule')}]{mark}",
            f"{pad}  {'Résultat' if fr else 'Result'}{' ' if fr else ''}: {shown}{outcome}",
        ]
        for name, items in _sections(node, lang, at):
            if items:
                lines.append(f"{pad}  {name}{' ' if fr else ''}:")
                lines.extend(f"{pad}    - {item}" for item in items)
        children = _children(node, at)
        if children:
            lines.append(f"{pad}  {'Étapes' if fr else 'Steps'}{' ' if fr else ''}:")
            for i, child in enumerate(children):
                lines.extend(step(child, f"{path}.children[{i}]", depth + 2))
        return lines

    try:
        return "\n".join(step(document.get("root"), "root", 0))
    except InvalidInputError as exc:
        if exc.where and exc.where.startswith(where):
            raise
        raise InvalidInputError(exc.what, where=f"{where}: {exc.where}") from None


def saved_document(path: Path) -> Mapping[str, Any] | None:
    """The JSON document if ``path`` is a saved explanation (or holds one), else ``None``."""
    if path.suffix != ".json":
        return None
    data = parse_json(read_text(path, what="explanation file"), where=str(path))
    if isinstance(data, Mapping):
        if data.get("format") == EXPLANATION_FORMAT:
            return data
        nested = data.get("explanation")
        if isinstance(nested, Mapping) and nested.get("format") == EXPLANATION_FORMAT:
            return nested
    return None
